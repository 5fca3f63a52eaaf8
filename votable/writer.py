"""Streaming a query result as VOTable (TABLEDATA or BINARY2), CSV or TSV.

`stream` returns a generator of byte chunks: the header goes out before the
first batch is read (so the first byte leaves at once), then the rows block by
block as the database produces them, then the footer. Memory stays flat: only
the current block is held.

Errors while the rows are being produced (a database timeout, a value that
does not fit its column) cannot become an HTTP error any more, since the
status line has gone out. For VOTable formats the writer therefore catches
`Exception`, closes the open elements and appends
``<INFO name="QUERY_STATUS" value="ERROR">message</INFO>`` after the TABLE,
keeping the rows written so far. The message is ``str(exc)`` only for
exceptions meant for users: instances of `votable.UserFacingError` (the
writer's own coercion errors are) or of the classes given as
``public_errors``; any other exception gets a generic message and is logged
with its traceback on this module's logger. CSV and TSV have no place for
such a message, so there the exception propagates and the server should
abort the response.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from . import binary2, delimited, document, tabledata
from .batching import Blocks
from .datatypes import DATATYPES
from .errors import UserFacingError
from .model import Field, Info, Param

FORMATS = ("tabledata", "binary2", "csv", "tsv")
GENERIC_ERROR = ("The service failed while writing the result, which is incomplete; "
                 "the problem has been logged for the operators.")
_BLOCK_BYTES = 1 << 20
_GUESSED_VARIABLE_BYTES = 32
_log = logging.getLogger(__name__)


def stream(fields: Sequence[Field], batches: Iterable[Any], *, format: str,
           maxrec: int | None = None, infos: Iterable[Info] = (), table_name: str | None = None,
           resource_params: Iterable[Param] = (), description: str | None = None,
           coosys: str | None = "ICRS",
           public_errors: tuple[type[BaseException], ...] = ()) -> Iterator[bytes]:
    """Encode a result given as batches of rows (or dicts of numpy arrays) in `format`.

    `format` is one of FORMATS (see `parse_format` for the names clients use).
    At most `maxrec` rows are written; if more existed, a QUERY_STATUS=OVERFLOW
    INFO follows the table. `coosys` is the reference frame of the position
    columns (pos.eq UCDs, DALI geometry xtypes), None to leave it out.
    When the writer stops early it closes `batches` if it can (e.g. a
    generator over a database cursor), so the query is released.
    """
    fields = list(fields)
    if not fields:
        raise ValueError("a result table needs at least one column")
    if not all(isinstance(field, Field) for field in fields):
        raise TypeError("fields must be votable.Field instances")
    if format not in FORMATS:
        raise ValueError("unknown output format %r; expected one of %s" % (format, ", ".join(FORMATS)))
    if maxrec is not None and maxrec < 0:
        raise ValueError("maxrec must not be negative, got %d" % maxrec)
    blocks = Blocks(fields, batches, block_rows(fields), maxrec)
    if format in ("csv", "tsv"):
        return _delimited(fields, blocks, format, batches)
    head = document.header(fields, format, infos=tuple(infos), table_name=table_name,
                           resource_params=tuple(resource_params), description=description,
                           coosys=coosys)
    return _votable(head, blocks, format, batches, public_errors)


def block_rows(fields: Sequence[Field]) -> int:
    """Rows per block so that a block encodes to roughly a megabyte (per-block costs stay small)."""
    row_bytes = (len(fields) + 7) // 8
    for field in fields:
        if field.is_variable:
            row_bytes += 4 + _GUESSED_VARIABLE_BYTES
        else:
            row_bytes += DATATYPES[field.datatype].wire.itemsize * (field.length or 1)
    return max(256, min(65536, _BLOCK_BYTES // row_bytes))


def _votable(head: bytes, blocks: Blocks, serialization: str, batches: Iterable[Any],
             public_errors: tuple[type[BaseException], ...]) -> Iterator[bytes]:
    try:
        yield head
        lines = binary2.Base64Lines()
        trailing: list[Info] = []
        try:
            for columns in blocks:
                if serialization == "binary2":
                    chunk = lines.feed(binary2.encode(columns))
                else:
                    chunk = tabledata.encode(columns)
                if chunk:
                    yield chunk
        except Exception as exc:  # noqa: BLE001 - reported in-band, see module docstring
            trailing.append(Info("QUERY_STATUS", "ERROR", _message(exc, public_errors)))
        else:
            if blocks.overflow:
                trailing.append(Info("QUERY_STATUS", "OVERFLOW"))
        yield lines.finish() + document.footer(serialization, trailing)
    finally:
        _close(batches)


def _delimited(fields: Sequence[Field], blocks: Blocks, format: str,
               batches: Iterable[Any]) -> Iterator[bytes]:
    header, rows = ((delimited.csv_header, delimited.csv_rows) if format == "csv"
                    else (delimited.tsv_header, delimited.tsv_rows))
    try:
        yield header(fields)
        for columns in blocks:
            chunk = rows(columns)
            if chunk:
                yield chunk
    finally:
        _close(batches)


def _message(exc: Exception, public_errors: tuple[type[BaseException], ...]) -> str:
    if isinstance(exc, (UserFacingError, *public_errors)):
        return str(exc) or type(exc).__name__
    _log.error("result stream failed", exc_info=exc)
    return GENERIC_ERROR


def _close(batches: Iterable[Any]) -> None:
    close = getattr(batches, "close", None)
    if callable(close):
        close()
