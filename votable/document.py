"""The XML around the rows: VOTable header, footer and error documents.

Documents are VOTable 1.4 (namespace http://www.ivoa.net/xml/VOTable/v1.3)
with one RESOURCE type="results", as TAP 1.1 and DALI 1.1 ask: an INFO
QUERY_STATUS=OK before the TABLE, and an INFO QUERY_STATUS=OVERFLOW or ERROR
after it when the result was cut off or failed.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from . import xmltext
from .columns import convert
from .model import Field, Info, Param
from .textcells import render

VERSION = "1.4"
NAMESPACE = "http://www.ivoa.net/xml/VOTable/v1.3"
_PROLOGUE = ('<?xml version="1.0" encoding="UTF-8"?>\n'
             '<VOTABLE version="%s" xmlns="%s">\n' % (VERSION, NAMESPACE))
_EPILOGUE = "</RESOURCE>\n</VOTABLE>\n"
_COOSYS_ID = "coosys"
_POSITION_XTYPES = frozenset({"point", "circle", "polygon", "moc"})
_DATA_OPEN = {
    "tabledata": "<DATA><TABLEDATA>\n",
    "binary2": '<DATA><BINARY2><STREAM encoding="base64">\n',
}
_DATA_CLOSE = {
    "tabledata": "</TABLEDATA></DATA>\n",
    "binary2": "</STREAM></BINARY2></DATA>\n",
}


def info_element(info: Info) -> str:
    """An INFO element."""
    opening = '<INFO name="%s" value="%s"' % (xmltext.attr(info.name), xmltext.attr(str(info.value)))
    if info.content is None:
        return opening + "/>\n"
    return "%s>%s</INFO>\n" % (opening, xmltext.text(info.content))


def header(fields: Sequence[Field], serialization: str, *, infos: Iterable[Info] = (),
           table_name: str | None = None, resource_params: Iterable[Param] = (),
           description: str | None = None, coosys: str | None = "ICRS") -> bytes:
    """Everything up to the first row: prologue, RESOURCE, INFOs, TABLE, FIELDs, DATA."""
    positional = coosys is not None and any(_is_position(field) for field in fields)
    parts = [_PROLOGUE, '<RESOURCE type="results">\n',
             info_element(Info("QUERY_STATUS", "OK"))]
    parts += [info_element(info) for info in infos]
    if positional:
        parts.append('<COOSYS ID="%s" system="%s"/>\n' % (_COOSYS_ID, xmltext.attr(coosys)))
    params = list(resource_params)
    param_ids = xmltext.unique_ids((param.field.name for param in params), taken=[_COOSYS_ID])
    parts += [_param_element(param, id_) for param, id_ in zip(params, param_ids)]
    parts.append("<TABLE%s>\n" % ("" if table_name is None else ' name="%s"' % xmltext.attr(table_name)))
    if description:
        parts.append("<DESCRIPTION>%s</DESCRIPTION>\n" % xmltext.text(description))
    field_ids = xmltext.unique_ids((field.name for field in fields), taken=[_COOSYS_ID, *param_ids])
    for field, id_ in zip(fields, field_ids):
        ref = _COOSYS_ID if positional and _is_position(field) else None
        parts.append(_field_element("FIELD", field, id_, ref))
    parts.append(_DATA_OPEN[serialization])
    return "".join(parts).encode("utf-8")


def footer(serialization: str, infos: Iterable[Info] = ()) -> bytes:
    """Everything after the last row: closing tags, with trailing INFOs after the TABLE."""
    trailing = "".join(info_element(info) for info in infos)
    return (_DATA_CLOSE[serialization] + "</TABLE>\n" + trailing + _EPILOGUE).encode("utf-8")


def error_document(message: str, *, infos: Iterable[Info] = ()) -> bytes:
    """A complete VOTable saying the request failed (QUERY_STATUS=ERROR), as DALI specifies."""
    body = [info_element(Info("QUERY_STATUS", "ERROR", message))]
    body += [info_element(info) for info in infos]
    return (_PROLOGUE + '<RESOURCE type="results">\n' + "".join(body) + _EPILOGUE).encode("utf-8")


def _is_position(field: Field) -> bool:
    ucd = (field.ucd or "").lower()
    return "pos.eq" in ucd or (field.xtype or "").lower() in _POSITION_XTYPES


def _field_element(tag: str, field: Field, id_: str, ref: str | None, value: str | None = None) -> str:
    attributes = [("ID", id_), ("name", field.name), ("datatype", field.datatype),
                  ("arraysize", field.arraysize), ("unit", field.unit), ("ucd", field.ucd),
                  ("utype", field.utype), ("xtype", field.xtype), ("ref", ref), ("value", value)]
    opening = "<%s %s" % (tag, " ".join('%s="%s"' % (name, xmltext.attr(text))
                                         for name, text in attributes if text is not None))
    if not field.description:
        return opening + "/>\n"
    return "%s>\n<DESCRIPTION>%s</DESCRIPTION>\n</%s>\n" % (opening, xmltext.text(field.description), tag)


def _param_element(param: Param, id_: str) -> str:
    return _field_element("PARAM", param.field, id_, None, _param_value(param.field, param.value))


def _param_value(field: Field, value: Any) -> str:
    return render(convert(field, [value]))[0]
