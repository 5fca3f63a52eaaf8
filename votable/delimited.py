"""CSV (RFC 4180) and TSV (IANA text/tab-separated-values) serialisation.

Both start with a header line of column names and write NULL as an empty
field. CSV quotes fields that need it and ends lines with CRLF. TSV may not
contain tabs or line breaks inside a field, so those (and the backslash) are
escaped as \\t, \\n, \\r and \\\\, the common convention of TSV readers.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

from .columns import Column
from .model import Field
from .textcells import render

_TSV_SPECIAL = re.compile(r"[\t\n\r\\]")
_TSV_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r", "\\": "\\\\"}


def csv_header(fields: Sequence[Field]) -> bytes:
    """The CSV header line."""
    return _csv_lines([[field.name for field in fields]])


def csv_rows(columns: Sequence[Column]) -> bytes:
    """CSV lines for all rows of these columns."""
    if not columns or len(columns[0]) == 0:
        return b""
    return _csv_lines(zip(*[render(column, "true", "false") for column in columns]))


def _csv_lines(rows) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8", "replace")


def tsv_header(fields: Sequence[Field]) -> bytes:
    """The TSV header line."""
    return ("\t".join(_tsv_escape(field.name) for field in fields) + "\n").encode("utf-8")


def tsv_rows(columns: Sequence[Column]) -> bytes:
    """TSV lines for all rows of these columns."""
    if not columns or len(columns[0]) == 0:
        return b""
    cells = [_tsv_column(column) for column in columns]
    return ("\n".join(map("\t".join, zip(*cells))) + "\n").encode("utf-8", "replace")


def _tsv_column(column: Column) -> list[str]:
    texts = render(column, "true", "false")
    if column.field.is_text and _TSV_SPECIAL.search("".join(texts)):
        return list(map(_tsv_escape, texts))
    return texts


def _tsv_escape(value: str) -> str:
    return _TSV_SPECIAL.sub(lambda match: _TSV_ESCAPES[match.group()], value)
