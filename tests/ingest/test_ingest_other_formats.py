"""A file of another raw format is refused and left where it is; quarantine is for damaged files of the own format."""
from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from formats.ingest.detect import head_formats, other_format
from tests.formats.formats_test_support import ALL_FORMATS, synthetic, write
from tests.ingest.conftest import iact_file
from vo_service.cli import main
from vo_service.db import open_backend

KASCADE_TABLE = "kascade_grande_raw__raw_events"
#: KASCADE-Grande events of November 2004 (the synthetic times span the whole 32-bit range)
KASCADE_SECONDS = 1_100_000_000


def _written(format_name: str, path: Path, n: int = 5, seed: int = 0, **fixed: int) -> Path:
    columns, lists = synthetic(format_name, n, seed)
    if format_name == "kascade_grande":
        columns["unix_seconds"] = KASCADE_SECONDS + np.arange(n)
    columns.update({name: np.full(n, value) for name, value in fixed.items()})
    write(format_name, path, columns, lists)
    return path


def _fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def _ingest(db_url: str, collection: str, quarantine: Path, *paths: Path) -> int:
    return main(["ingest", collection, *map(str, paths), "--db", db_url, "--quarantine", str(quarantine), "--quiet"])


def _rows(db_url: str, table: str = KASCADE_TABLE) -> int:
    return open_backend(db_url).fetch_all(f'SELECT COUNT(*) FROM "{table}"')[0][0]


@pytest.mark.parametrize("format_name", ALL_FORMATS)
def test_the_head_of_a_written_file_names_its_format_alone(format_name: str, tmp_path: Path) -> None:
    for seed in range(5):
        assert head_formats(_written(format_name, tmp_path / f"{format_name}_{seed}", seed=seed)) == [format_name]


def test_tunka_grande_is_told_from_iact_by_its_package_size_not_its_signature(tmp_path: Path) -> None:
    grande = _written("grande", tmp_path / "link1.iact", data_type=3032)
    assert grande.read_bytes()[:2] == b"\xd8\x0b"
    assert other_format(grande, "iact") == ("grande", "content")


def test_the_name_tells_only_when_the_content_cannot(tmp_path: Path) -> None:
    kascade_named_iact = _written("kascade_grande", tmp_path / "run.iact")
    assert other_format(kascade_named_iact, "kascade_grande") is None
    damaged = tmp_path / "damaged.iact"
    damaged.write_bytes(b"\x00" * 400)
    assert other_format(damaged, "kascade_grande") == ("iact", "name")
    assert other_format(damaged, "iact") is None
    unnamed = tmp_path / "damaged.dat"
    unnamed.write_bytes(b"\x00" * 400)
    assert other_format(unnamed, "kascade_grande") is None


def test_an_iact_file_given_to_kascade_grande_is_refused_and_left_untouched(tmp_path: Path, db_url: str,
                                                                            capsys) -> None:
    path = iact_file(tmp_path / "x.iact", 10)
    before = _fingerprint(path)
    quarantine = tmp_path / "quarantine"
    assert _ingest(db_url, "kascade_grande_raw", quarantine, path) == 1
    out = capsys.readouterr().out
    assert (f"REFUSED  {path}: x.iact looks like a TAIGA-IACT file; collection kascade_grande_raw takes "
            f"KASCADE-Grande files; ingest it into taiga_iact_raw; the file was left where it is") in out
    assert "0 file(s) ingested (0 rows), 0 skipped as already ingested, 0 rejected, 1 refused" in out
    assert _fingerprint(path) == before
    assert not quarantine.exists()
    assert _rows(db_url) == 0


def test_content_wins_over_a_misleading_name(tmp_path: Path, db_url: str, capsys) -> None:
    iact_named_kg = iact_file(tmp_path / "run000001.kg", 3)
    assert _ingest(db_url, "kascade_grande_raw", tmp_path / "quarantine", iact_named_kg) == 1
    assert "run000001.kg looks like a TAIGA-IACT file; collection kascade_grande_raw" in capsys.readouterr().out
    assert iact_named_kg.exists()
    kascade_named_iact = _written("kascade_grande", tmp_path / "events.iact", n=4)
    assert _ingest(db_url, "kascade_grande_raw", tmp_path / "quarantine", kascade_named_iact) == 0
    assert _rows(db_url) == 4


def test_a_damaged_file_named_for_another_format_is_refused_not_quarantined(tmp_path: Path, db_url: str,
                                                                           capsys) -> None:
    damaged = tmp_path / "x.hiscore"
    damaged.write_bytes(b"\x00" * 300)
    quarantine = tmp_path / "quarantine"
    assert _ingest(db_url, "kascade_grande_raw", quarantine, damaged) == 1
    out = capsys.readouterr().out
    assert ("x.hiscore looks like a TAIGA-HiSCORE file by its name (its content reads as no known format); "
            "collection kascade_grande_raw takes KASCADE-Grande files; ingest it into taiga_hiscore_raw") in out
    assert damaged.read_bytes() == b"\x00" * 300 and not quarantine.exists()


def test_in_one_run_own_files_are_ingested_damaged_ones_quarantined_and_foreign_ones_left(
        tmp_path: Path, db_url: str, capsys) -> None:
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    good = _written("kascade_grande", incoming / "a_good.kg", n=6)
    damaged = _written("kascade_grande", incoming / "b_damaged.kg", n=6, seed=1)
    data = bytearray(damaged.read_bytes())
    data[-10] ^= 0xFF
    damaged.write_bytes(bytes(data))
    foreign = {name: _written(name, incoming / f"c_{name}.raw") for name in ALL_FORMATS if name != "kascade_grande"}
    before = {name: _fingerprint(path) for name, path in foreign.items()}
    quarantine = tmp_path / "quarantine"
    assert _ingest(db_url, "kascade_grande_raw", quarantine, incoming) == 1
    out = capsys.readouterr().out
    assert "1 file(s) ingested (6 rows), 0 skipped as already ingested, 1 rejected, 5 refused" in out
    assert _rows(db_url) == 6 and good.exists()
    assert not damaged.exists() and (quarantine / damaged.name).exists()
    assert sorted(p.name for p in quarantine.iterdir()) == [damaged.name, f"{damaged.name}.reason.txt"]
    assert {name: _fingerprint(path) for name, path in foreign.items()} == before
    for name, takes in (("iact", "taiga_iact_raw"), ("grande", "tunka_grande_raw"), ("t133", "tunka133_raw"),
                        ("trex", "tunka_rex_raw"), ("hiscore", "taiga_hiscore_raw")):
        assert f"c_{name}.raw looks like a" in out and f"ingest it into {takes}" in out
