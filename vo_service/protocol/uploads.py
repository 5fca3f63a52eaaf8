"""TAP 1.1 / DALI table uploads: `UPLOAD=name,param:part` (multipart) or `name,URL` (allow-listed).

An uploaded VOTable becomes the ADQL table `TAP_UPLOAD.name`, typed from its
FIELDs, created by the backend on the query's own connection and dropped after it.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import requests

import adql
import votable
from vo_service.db.base import Backend, UploadColumn, UploadTable
from votable.datatypes import DATATYPES

UPLOAD_SCHEMA = "TAP_UPLOAD"
MAX_ROWS = 1_000_000
FETCH_TIMEOUT_S = 60.0
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


class UploadError(Exception):
    """The UPLOAD parameter or an uploaded table is unusable; the message says why."""


@dataclass(frozen=True)
class UploadSpec:
    name: str
    uri: str

    @property
    def part(self) -> str | None:
        """The multipart part name for `param:` URIs, else None."""
        return self.uri[len("param:"):] if self.uri.startswith("param:") else None


@dataclass(frozen=True)
class UploadLimits:
    max_bytes: int
    max_rows: int = MAX_ROWS
    url_prefixes: tuple[str, ...] = ()


def parse_upload(values: Sequence[str]) -> list[UploadSpec]:
    """Each value holds `name,uri` pairs separated by ';' (DALI); names must be unique identifiers."""
    specs: list[UploadSpec] = []
    for value in values:
        for item in filter(None, (v.strip() for v in value.split(";"))):
            name, sep, uri = item.partition(",")
            name, uri = name.strip(), uri.strip()
            if not sep or not uri:
                raise UploadError(f"UPLOAD={item!r} is not of the form name,param:part or name,URL")
            if not _NAME.match(name) or name.upper() in adql.RESERVED_WORDS:
                raise UploadError(f"UPLOAD table name {name!r} is not a valid ADQL identifier "
                                  "(letters, digits and _, starting with a letter, not a reserved word)")
            if not (uri.startswith("param:") or uri.startswith(("http://", "https://"))):
                raise UploadError(f"UPLOAD {name}: {uri!r} is neither param:PART nor an http(s) URL")
            if any(s.name.lower() == name.lower() for s in specs):
                raise UploadError(f"UPLOAD table name {name!r} is given twice")
            specs.append(UploadSpec(name, uri))
    return specs


def fetch_upload(spec: UploadSpec, read_part: Callable[[str], bytes | None], limits: UploadLimits) -> bytes:
    """The bytes of one upload: from the request's multipart part, or from an allow-listed URL."""
    if spec.part is not None:
        data = read_part(spec.part)
        if data is None:
            raise UploadError(f"UPLOAD {spec.name}: the request has no multipart part named {spec.part!r}")
    else:
        if not any(spec.uri.startswith(prefix) for prefix in limits.url_prefixes):
            allowed = ", ".join(limits.url_prefixes) or "none are configured"
            raise UploadError(f"UPLOAD {spec.name}: tables are fetched only from allowed URLs ({allowed}); "
                              "send the table inline as a multipart part instead")
        data = _download(spec, limits.max_bytes)
    if len(data) > limits.max_bytes:
        raise UploadError(f"UPLOAD {spec.name}: the table is larger than the limit of {limits.max_bytes:,} bytes")
    return data


def _download(spec: UploadSpec, max_bytes: int) -> bytes:
    try:
        with requests.get(spec.uri, stream=True, timeout=FETCH_TIMEOUT_S) as response:
            response.raise_for_status()
            data = bytearray()
            for chunk in response.iter_content(65536):
                data.extend(chunk)
                if len(data) > max_bytes:
                    break
            return bytes(data)
    except requests.RequestException as exc:
        raise UploadError(f"UPLOAD {spec.name}: could not fetch {spec.uri}: {exc}") from None


def read_upload(name: str, data: bytes, limits: UploadLimits) -> votable.UploadedTable:
    try:
        table = votable.read_table(data, max_rows=limits.max_rows, max_bytes=limits.max_bytes)
    except votable.VOTableError as exc:
        raise UploadError(f"UPLOAD {name}: {exc}") from None
    if not table.fields:
        raise UploadError(f"UPLOAD {name}: the table has no columns")
    return table


def _position_columns(fields: Sequence[votable.Field]) -> tuple[str, str] | None:
    """(ra, dec) by UCD pos.eq.ra/pos.eq.dec, else by the names ra/dec; numeric columns only."""
    numeric = [f for f in fields if f.datatype in ("float", "double") and f.arraysize in (None, "1")]

    def pick(ucd: str, name: str) -> str | None:
        by_ucd = [f for f in numeric if f.ucd and ucd in f.ucd.lower().split(";")]
        by_name = [f for f in numeric if f.name.lower() == name]
        found = by_ucd or by_name
        return found[0].name if found else None

    ra, dec = pick("pos.eq.ra", "ra"), pick("pos.eq.dec", "dec")
    return (ra, dec) if ra and dec else None


def _sql_value(value: Any) -> Any:
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, (list, tuple)):
        return " ".join(str(v) for v in value)
    return value


def as_tables(name: str, uploaded: votable.UploadedTable, backend: Backend) -> tuple[adql.Table, UploadTable]:
    """The ADQL description of an upload and what the backend needs to create it."""
    for field in uploaded.fields:
        if field.datatype not in DATATYPES:
            raise UploadError(f"UPLOAD {name}: column {field.name!r} has datatype {field.datatype!r}, "
                              "which cannot be stored")
    columns = tuple(
        adql.Column(name=f.name, datatype=f.datatype, arraysize=None if f.arraysize == "1" else f.arraysize,
                    xtype=f.xtype, unit=f.unit,
                    ucd=f.ucd, utype=f.utype, description=f.description)
        for f in uploaded.fields)
    metadata = adql.Table(schema=UPLOAD_SCHEMA, name=name, columns=columns,
                          sql_name=backend.upload_sql_name(name),
                          description=f"Table uploaded by the client as {name}")
    rows = [tuple(_sql_value(v) for v in row) for row in uploaded.rows()]
    data = UploadTable(name=name, columns=tuple(UploadColumn(f.name, f.datatype, f.arraysize)
                                                for f in uploaded.fields),
                       rows=rows, position=_position_columns(uploaded.fields))
    return metadata, data


def load_uploads(sources: Mapping[str, bytes], backend: Backend,
                 limits: UploadLimits) -> tuple[list[adql.Table], list[UploadTable]]:
    """Parse every uploaded VOTable: ADQL tables to validate against, backend tables to create."""
    metadata, data = [], []
    for name, raw in sources.items():
        table_meta, table_data = as_tables(name, read_upload(name, raw, limits), backend)
        metadata.append(table_meta)
        data.append(table_data)
    return metadata, data
