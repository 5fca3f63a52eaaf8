"""The IVOA lyonetia ADQL query sets: valid queries must parse, invalid ones must be rejected."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import adql

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "conformance" / "adql"


def _records() -> list[dict]:
    records = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            records.extend(json.loads(line) for line in handle if line.strip())
    return records


def _verdict(record: dict) -> tuple[bool, str]:
    udfs = record.get("udfs", adql.ANY_FUNCTION)
    try:
        adql.parse(record["adql"].strip(), version=record.get("version", "2.1"), udfs=udfs)
    except adql.ADQLError as exc:
        return False, str(exc)
    return True, ""


def test_ivoa_conformance_corpus(capsys):
    if not CORPUS.is_dir():
        pytest.skip(f"conformance corpus not found at {CORPUS} (../shared is absent)")
    records = _records()
    assert len(records) == 196
    misses = []
    for record in records:
        accepted, message = _verdict(record)
        if accepted != record["valid"]:
            misses.append(f"{record['set']} #{record['index']} expected "
                          f"{'valid' if record['valid'] else 'invalid'}: {record['adql'].strip()!r} {message}")
    score = 100.0 * (len(records) - len(misses)) / len(records)
    with capsys.disabled():
        print(f"\nADQL conformance: {len(records) - len(misses)}/{len(records)} = {score:.1f}%")
    assert not misses, "\n".join(misses)


def test_undeclared_function_is_rejected_when_udfs_are_declared():
    with pytest.raises(adql.ADQLSyntaxError, match="unknown function 'my_undefined_function'"):
        adql.parse("SELECT my_undefined_function(ra) FROM t",
                   udfs=["ivo_healpix_index(hpxOrder INTEGER, long REAL, lat REAL) -> BIGINT"])
