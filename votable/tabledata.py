"""TABLEDATA serialisation: rows of typed columns to <TR><TD> text."""
from __future__ import annotations

from typing import Sequence

from . import xmltext
from .columns import Column
from .textcells import render


def encode(columns: Sequence[Column]) -> bytes:
    """The <TR> elements (UTF-8) for all rows of these columns."""
    if not columns or len(columns[0]) == 0:
        return b""
    cells = [_escaped(column) for column in columns]
    body = "</TD></TR>\n<TR><TD>".join(map("</TD><TD>".join, zip(*cells)))
    return ("<TR><TD>" + body + "</TD></TR>\n").encode("utf-8")


def _escaped(column: Column) -> list[str]:
    texts = render(column)
    if column.field.is_text and xmltext.needs_text_escape("".join(texts)):
        return list(map(xmltext.text, texts))
    return texts
