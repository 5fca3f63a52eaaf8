"""The check / translate subcommands behind ``apo adql``."""
from __future__ import annotations

import io

import adql


def run(argv, text, schema=None):
    out = io.StringIO()
    status = adql.cli_main(argv, io.StringIO(text), out, schema)
    return status, out.getvalue()


def test_check_ok_and_error_position():
    assert run(["check"], "SELECT a FROM t") == (0, "OK\n")
    assert run(["check"], "SELECT a\nFROM") == (1, "line 2, column 5: expected a table name, found the end of the"
                                                   " query\n")


def test_check_with_schema_validates(schema):
    status, out = run(["check"], "SELECT raa FROM mm.events", schema)
    assert status == 1 and "did you mean 'ra'" in out


def test_translate_reads_a_file(tmp_path, schema):
    query = tmp_path / "q.adql"
    query.write_text("SELECT TOP 5 ra FROM mm.events")
    status, out = run(["translate", "--dialect", "postgresql", "--maxrec", "3", str(query)], "", schema)
    assert status == 0 and out.strip().endswith("LIMIT 4")
    status, out = run(["translate", "--dialect", "sqlite", str(tmp_path / "missing.adql")], "", schema)
    assert status == 2 and "cannot read" in out


def test_bad_arguments_are_a_usage_error():
    status, _ = run(["translate", "--dialect", "oracle"], "SELECT a FROM t")
    assert status == 2
