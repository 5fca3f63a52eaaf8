"""The committed generated readers and diagrams are exactly what formats/compile.js produces from the specs."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.formats.formats_test_support import REPO

FORMATS_DIR = REPO / "formats"
COMPARED = ("generated", "generated/js", "generated/cpp", "diagrams")


def _generated_files(root: Path, folder: str) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (root / folder).iterdir()
            if p.is_file() and p.suffix in {".py", ".js", ".h", ".cpp", ".dot"} and p.name != "__init__.py"}


def test_generated_files_are_up_to_date(tmp_path: Path) -> None:
    if shutil.which("node") is None or not (FORMATS_DIR / "node_modules" / "kaitai-struct-compiler").is_dir():
        pytest.skip("node or kaitai-struct-compiler missing (run: npm ci --prefix formats)")
    done = subprocess.run(["node", str(FORMATS_DIR / "compile.js"), "--out", str(tmp_path), "--no-svg"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    for folder in COMPARED:
        fresh, committed = _generated_files(tmp_path, folder), _generated_files(FORMATS_DIR, folder)
        assert sorted(fresh) == sorted(committed), f"formats/{folder}: file list differs; run node formats/compile.js"
        stale = [name for name in fresh if fresh[name] != committed[name]]
        assert not stale, f"formats/{folder}: out of date {stale}; run node formats/compile.js"


def test_every_generated_file_says_how_to_regenerate() -> None:
    for folder in COMPARED:
        for name, text in _generated_files(FORMATS_DIR, folder).items():
            assert b"regenerate with" in text[:400] and b"node formats/compile.js" in text[:400], f"{folder}/{name}"
