"""CSV (RFC 4180) and TSV output."""
import csv
import io

import votable
from votable import Field

FIELDS = [Field("id", "long"), Field("x", "double"), Field("flag", "boolean"), Field("s", "char", "*"),
          Field("p", "double", "2", xtype="point")]
ROWS = [(1, 0.1, True, 'comma, "quote"\nnewline', "1 2"), (2, None, None, None, None),
        (3, float("inf"), False, "tab\there\\", (3.5, -4.25))]


def test_csv_reads_back_with_quoting_and_crlf():
    data = b"".join(votable.stream(FIELDS, [ROWS], format="csv"))
    assert data.startswith(b"id,x,flag,s,p\r\n")
    parsed = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert parsed == [
        ["id", "x", "flag", "s", "p"],
        ["1", "0.1", "true", 'comma, "quote"\nnewline', "1.0 2.0"],
        ["2", "", "", "", ""],
        ["3", "+Inf", "false", "tab\there\\", "3.5 -4.25"],
    ]


def test_tsv_escapes_tabs_newlines_and_backslashes():
    data = b"".join(votable.stream(FIELDS, [ROWS], format="tsv")).decode("utf-8")
    lines = data.split("\n")
    assert lines[0] == "id\tx\tflag\ts\tp"
    assert lines[1].split("\t") == ["1", "0.1", "true", 'comma, "quote"\\nnewline', "1.0 2.0"]
    assert lines[2].split("\t") == ["2", "", "", "", ""]
    assert lines[3].split("\t") == ["3", "+Inf", "false", "tab\\there\\\\", "3.5 -4.25"]
    assert lines[4:] == [""]


def test_empty_result_is_just_the_header():
    assert b"".join(votable.stream(FIELDS, [], format="csv")) == b"id,x,flag,s,p\r\n"
    assert b"".join(votable.stream(FIELDS, [[]], format="tsv")) == b"id\tx\tflag\ts\tp\n"
