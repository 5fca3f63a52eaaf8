"""TABLEDATA serialisation: rows of typed columns to <TR><TD> text.

A block is laid out with array operations (see `textgrid`): doubles and
integers are formatted column-wise by `numbertext`, every other cell is
rendered as a string by `textcells` (and escaped where the column needs it).
Rows whose padded layout would exceed a few tens of megabytes (a very long
cell makes every row of the block as wide) are written in halves.
"""
from __future__ import annotations

from collections.abc import Sequence

from . import numbertext, textgrid, xmltext
from .columns import Column
from .datatypes import INTEGER
from .textcells import render
from .textgrid import Grid, Ragged

_MAX_PADDED_BYTES = 32 << 20
_ROW_START, _BETWEEN, _ROW_END = b"<TR><TD>", b"</TD><TD>", b"</TD></TR>\n"


def encode(columns: Sequence[Column]) -> bytes:
    """The <TR> elements (UTF-8) for all rows of these columns."""
    if not columns or len(columns[0]) == 0:
        return b""
    cells = [_cells(column) for column in columns]
    return _rows(cells, 0, len(columns[0]))


def _cells(column: Column) -> Grid | Ragged:
    field = column.field
    if field.is_scalar and field.datatype == "double":
        return numbertext.doubles(column.values, column.null)
    if field.is_scalar and field.datatype in INTEGER:
        return numbertext.integers(column.values, column.null)
    return Ragged(_escaped(column))


def _rows(cells: list[Grid | Ragged], start: int, stop: int) -> bytes:
    count = stop - start
    markup = len(_ROW_START) + len(_BETWEEN) * (len(cells) - 1) + len(_ROW_END)
    width = markup + sum(cell.widest(start, stop) for cell in cells)
    if count > 1 and count * width > _MAX_PADDED_BYTES:
        middle = start + count // 2
        return _rows(cells, start, middle) + _rows(cells, middle, stop)
    pieces = [textgrid.constant(_ROW_START, count)]
    for index, cell in enumerate(cells):
        if index:
            pieces.append(textgrid.constant(_BETWEEN, count))
        pieces.append(cell.rows(start, stop))
    pieces.append(textgrid.constant(_ROW_END, count))
    return textgrid.join(pieces)


def _escaped(column: Column) -> list[str]:
    texts = render(column)
    if column.field.is_text and xmltext.needs_text_escape("".join(texts)):
        return list(map(xmltext.text, texts))
    return texts
