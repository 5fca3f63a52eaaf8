"""TABLEDATA rows: the array layout gives the same text as writing cell by cell."""
from __future__ import annotations

import numpy as np

import votable
from votable import tabledata, xmltext
from votable.columns import from_rows
from votable.textcells import render

FIELDS = [
    votable.Field("id", "long"),
    votable.Field("name", "char", arraysize="*"),
    votable.Field("ra", "double"),
    votable.Field("mag", "float"),
    votable.Field("flag", "boolean"),
    votable.Field("n", "short"),
    votable.Field("pos", "double", arraysize="2"),
]


def cell_by_cell(columns) -> bytes:
    cells = [[xmltext.text(t) for t in render(column)] if column.field.is_text else render(column)
             for column in columns]
    return "".join("<TR>" + "".join(f"<TD>{c}</TD>" for c in row) + "</TR>\n" for row in zip(*cells)).encode()


def test_rows_match_cell_by_cell_text_with_nulls_and_escapes():
    rows = [(1, "a<b & c", 83.63, 1.5, True, 3, "1 2"),
            (None, None, None, None, None, None, None),
            (-2 ** 63, "Ünïcode", float("inf"), float("-inf"), False, -32768, "0.1 -0.2"),
            (2 ** 63 - 1, "", 1e-300, 3.4e38, None, 32767, "1e300 5")]
    columns = from_rows(FIELDS, rows)
    body = tabledata.encode(columns)
    assert body == cell_by_cell(columns)
    assert body.count(b"<TR>") == 4
    assert b"<TD>a&lt;b &amp; c</TD>" in body
    assert b"<TR><TD></TD><TD></TD><TD></TD>" in body


def test_a_very_long_cell_splits_the_block_but_not_the_text(monkeypatch):
    monkeypatch.setattr(tabledata, "_MAX_PADDED_BYTES", 4096)
    rng = np.random.default_rng(1)
    rows = [(i, "x" * (3000 if i == 17 else i % 7), float(rng.uniform(-90, 90)), 0.5, i % 2 == 0, i, "1 2")
            for i in range(40)]
    columns = from_rows(FIELDS, rows)
    assert tabledata.encode(columns) == cell_by_cell(columns)


def test_no_rows_no_text():
    assert tabledata.encode(from_rows(FIELDS, [])) == b""
