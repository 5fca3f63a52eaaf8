"""VOSI documents (availability, capabilities, tables), generated from the catalog.

The element builders for tables and capabilities are shared with the registry
records, which carry the same tableset and TAP capability.
"""
from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

import adql.capabilities
from resources import ResourceDescriptor, TableDescriptor, published_column_name
from vo_service.protocol.query import Limits
from vo_service.publishing.catalog import Catalog

NS = {
    "vosi": "http://www.ivoa.net/xml/VOSICapabilities/v1.0",
    "vosit": "http://www.ivoa.net/xml/VOSITables/v1.0",
    "vosia": "http://www.ivoa.net/xml/VOSIAvailability/v1.0",
    "vr": "http://www.ivoa.net/xml/VOResource/v1.0",
    "vs": "http://www.ivoa.net/xml/VODataService/v1.1",
    "tr": "http://www.ivoa.net/xml/TAPRegExt/v1.0",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
XSI_TYPE = f"{{{NS['xsi']}}}type"
EXAMPLES_STANDARD_ID = "ivo://ivoa.net/std/DALI#examples"

OUTPUT_FORMATS = (
    ("ivo://ivoa.net/std/TAPRegExt#output-votable-binary2",
     "application/x-votable+xml;serialization=BINARY2", ("votable", "votable/b2", "binary2")),
    ("ivo://ivoa.net/std/TAPRegExt#output-votable-td",
     "application/x-votable+xml;serialization=TABLEDATA", ("votable/td",)),
    (None, "text/xml", ()),
    (None, "text/csv;header=present", ("csv",)),
    (None, "text/tab-separated-values", ("tsv",)),
)


@dataclass(frozen=True)
class ServiceLimits:
    sync: Limits
    async_: Limits
    retention_s: int
    upload_max_bytes: int


def _sub(parent: etree._Element, tag: str, text: object | None = None, **attrib: str) -> etree._Element:
    element = etree.SubElement(parent, tag, {k: v for k, v in attrib.items() if v is not None})
    if text is not None:
        element.text = str(text)
    return element


def _serialize(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def availability_document(available: bool, note: str, up_since: str) -> bytes:
    root = etree.Element(f"{{{NS['vosia']}}}availability", nsmap={"vosi": NS["vosia"]})
    _sub(root, f"{{{NS['vosia']}}}available", "true" if available else "false")
    _sub(root, f"{{{NS['vosia']}}}upSince", up_since)
    _sub(root, f"{{{NS['vosia']}}}note", note)
    return _serialize(root)


def _param_http(capability: etree._Element, url: str, use: str, *, role: str | None = None,
                version: str | None = None) -> None:
    interface = _sub(capability, "interface", role=role, version=version)
    interface.set(XSI_TYPE, "vs:ParamHTTP")
    _sub(interface, "accessURL", url, use=use)


def _language(capability: etree._Element) -> None:
    language = _sub(capability, "language")
    _sub(language, "name", "ADQL")
    for version, ivo_id in adql.capabilities.VERSIONS:
        _sub(language, "version", version, **{"ivo-id": ivo_id})
    _sub(language, "description", "ADQL 2.1 (and 2.0) with geometry, user-defined functions and every "
                                  "optional feature declared below, and also "
                                  + adql.capabilities.UNDECLARED + ". Not supported: "
                                  + "; ".join(adql.capabilities.LIMITATIONS) + ".")
    groups: dict[str, list] = {}
    for item in adql.capabilities.FEATURES:
        groups.setdefault(item.type, []).append(item)
    for feature_type, features in groups.items():
        group = _sub(language, "languageFeatures", type=feature_type)
        for item in features:
            feature = _sub(group, "feature")
            _sub(feature, "form", item.form)
            if item.description:
                _sub(feature, "description", item.description)


def tap_capability(parent: etree._Element, base_url: str, limits: ServiceLimits) -> etree._Element:
    capability = _sub(parent, "capability", standardID="ivo://ivoa.net/std/TAP")
    capability.set(XSI_TYPE, "tr:TableAccess")
    _param_http(capability, base_url, "base", role="std", version="1.1")
    _language(capability)
    for ivo_id, mime, aliases in OUTPUT_FORMATS:
        output = _sub(capability, "outputFormat", **({"ivo-id": ivo_id} if ivo_id else {}))
        _sub(output, "mime", mime)
        for alias in aliases:
            _sub(output, "alias", alias)
    for method in ("upload-inline", "upload-http"):
        _sub(capability, "uploadMethod", **{"ivo-id": f"ivo://ivoa.net/std/TAPRegExt#{method}"})
    retention = _sub(capability, "retentionPeriod")
    _sub(retention, "default", limits.retention_s)
    _sub(retention, "hard", limits.retention_s)
    duration = _sub(capability, "executionDuration")
    _sub(duration, "default", int(limits.async_.timeout_s))
    _sub(duration, "hard", int(limits.async_.timeout_s))
    output_limit = _sub(capability, "outputLimit")
    _sub(output_limit, "default", limits.sync.default_maxrec, unit="row")
    _sub(output_limit, "hard", limits.sync.hard_maxrec, unit="row")
    upload_limit = _sub(capability, "uploadLimit")
    _sub(upload_limit, "default", limits.upload_max_bytes, unit="byte")
    _sub(upload_limit, "hard", limits.upload_max_bytes, unit="byte")
    return capability


def service_capabilities(parent: etree._Element, base_url: str, limits: ServiceLimits) -> None:
    """Every capability of the TAP service: the VOSI document and the registry record list the same."""
    tap_capability(parent, base_url, limits)
    for standard, path in (("capabilities", "capabilities"), ("availability", "availability"),
                           ("tables-1.1", "tables")):
        capability = _sub(parent, "capability", standardID=f"ivo://ivoa.net/std/VOSI#{standard}")
        _param_http(capability, f"{base_url}/{path}", "full")
    examples = _sub(parent, "capability", standardID=EXAMPLES_STANDARD_ID)
    interface = _sub(examples, "interface")
    interface.set(XSI_TYPE, "vr:WebBrowser")
    _sub(interface, "accessURL", f"{base_url}/examples", use="full")


def capabilities_document(base_url: str, limits: ServiceLimits) -> bytes:
    root = etree.Element(f"{{{NS['vosi']}}}capabilities",
                         nsmap={"vosi": NS["vosi"], "vr": NS["vr"], "vs": NS["vs"], "tr": NS["tr"],
                                "xsi": NS["xsi"]})
    service_capabilities(root, base_url, limits)
    return _serialize(root)


def table_element(parent: etree._Element | None, table: TableDescriptor, *, detail: bool = True,
                  tag: str = "table") -> etree._Element:
    element = etree.Element(tag) if parent is None else _sub(parent, tag)
    element.set("type", "table")
    _sub(element, "name", table.qualified_name)
    _sub(element, "description", table.description)
    if not detail:
        return element
    for column in table.columns:
        col = _sub(element, "column", std="true" if column.std else None)
        _sub(col, "name", published_column_name(column.name))
        _sub(col, "description", column.description)
        for attribute in ("unit", "ucd", "utype"):
            if getattr(column, attribute):
                _sub(col, attribute, getattr(column, attribute))
        data_type = _sub(col, "dataType", column.datatype, arraysize=column.arraysize,
                         extendedType=column.xtype)
        data_type.set(XSI_TYPE, "vs:VOTableType")
        for flag, on in (("indexed", column.indexed), ("primary", column.name == table.primary_key),
                         ("nullable", column.name != table.primary_key), ("principal", column.principal)):
            if on:
                _sub(col, "flag", flag)
    for column, target in table.references:
        target_table, target_column = target.rsplit(".", 1)
        key = _sub(element, "foreignKey")
        _sub(key, "targetTable", target_table)
        pair = _sub(key, "fkColumn")
        _sub(pair, "fromColumn", column)
        _sub(pair, "targetColumn", target_column)
    return element


def schema_element(tableset: etree._Element, resource: ResourceDescriptor, *, detail: bool = True) -> etree._Element:
    """One collection as a tableset schema (VOSI tables and registry records alike)."""
    schema = _sub(tableset, "schema")
    _sub(schema, "name", resource.id)
    _sub(schema, "title", resource.title)
    _sub(schema, "description", resource.description)
    for table in resource.tables:
        table_element(schema, table, detail=detail)
    return schema


def fill_tableset(tableset: etree._Element, catalog: Catalog, *, detail: bool = True) -> None:
    for resource in catalog.descriptors:
        schema_element(tableset, resource, detail=detail)


def tables_document(catalog: Catalog, *, detail: bool = True) -> bytes:
    root = etree.Element(f"{{{NS['vosit']}}}tableset",
                         nsmap={"vosi": NS["vosit"], "vs": NS["vs"], "xsi": NS["xsi"]})
    fill_tableset(root, catalog, detail=detail)
    return _serialize(root)


def table_document(table: TableDescriptor) -> bytes:
    root = etree.Element(f"{{{NS['vosit']}}}table", nsmap={"vosi": NS["vosit"], "vs": NS["vs"], "xsi": NS["xsi"]})
    root.set("type", "table")
    built = table_element(None, table)
    for child in built:
        root.append(child)
    return _serialize(root)
