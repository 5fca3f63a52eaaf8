"""Output format names: what clients may ask for, and the content types we send.

TAP 1.1 (RESPONSEFORMAT) and DALI 1.1 (FORMAT/RESPONSEFORMAT) let clients
name a format by MIME type or by a short name; `parse_format` maps all of
them, ignoring case and whitespace, to one of the writer's formats. A VOTable
asked for without a serialization is BINARY2: every current client reads it,
and it is several times smaller and faster to write than TABLEDATA.
"""
from __future__ import annotations

VOTABLE = "application/x-votable+xml"

#: Content-Type header for each writer format.
MEDIA_TYPES = {
    "tabledata": VOTABLE + ";serialization=TABLEDATA",
    "binary2": VOTABLE + ";serialization=BINARY2",
    "csv": "text/csv;header=present",
    "tsv": "text/tab-separated-values",
}

_SHORT_NAMES = {
    "votable": "binary2", "votable/td": "tabledata", "votabletd": "tabledata",
    "tabledata": "tabledata",
    "votable/b2": "binary2", "votableb2": "binary2", "binary2": "binary2",
    "csv": "csv", "tsv": "tsv",
}
_TYPES = {
    VOTABLE: "binary2", "text/xml": "binary2",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
_SERIALIZATIONS = {"tabledata": "tabledata", "td": "tabledata", "binary2": "binary2", "b2": "binary2"}
_KNOWN = ("votable, votable/td, votable/b2, binary2, csv, tsv, application/x-votable+xml, "
          "application/x-votable+xml;serialization=BINARY2, text/xml, text/csv, "
          "text/tab-separated-values")


def parse_format(value: str) -> str:
    """The writer format ("tabledata", "binary2", "csv" or "tsv") a client asked for."""
    if not isinstance(value, str):
        raise ValueError("the output format must be text, got %r" % (value,))
    normalised = "".join(value.split()).lower()
    if normalised in _SHORT_NAMES:
        return _SHORT_NAMES[normalised]
    media_type, _, parameter_text = normalised.partition(";")
    if media_type not in _TYPES:
        raise ValueError("unknown output format %r; use one of: %s" % (value, _KNOWN))
    parameters = dict(item.partition("=")[::2] for item in parameter_text.split(";") if item)
    serialization = parameters.get("serialization", "").strip('"')
    if _TYPES[media_type] != "binary2" or not serialization:
        return _TYPES[media_type]
    if serialization not in _SERIALIZATIONS:
        raise ValueError("unsupported VOTable serialization %r in %r; use TABLEDATA or BINARY2"
                         % (serialization, value))
    return _SERIALIZATIONS[serialization]


def content_type(format: str) -> str:
    """The Content-Type header value for a writer format."""
    try:
        return MEDIA_TYPES[format]
    except KeyError:
        raise ValueError("unknown output format %r; expected one of %s"
                         % (format, ", ".join(MEDIA_TYPES))) from None
