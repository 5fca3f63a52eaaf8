"""File identity (SHA-256) and quarantine of rejected files, with the reason beside them."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Sequence
from pathlib import Path

from formats.fast.errors import CorruptRecord

_HASH_BLOCK = 1 << 22


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file's content: the key that makes ingest idempotent."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(_HASH_BLOCK):
            digest.update(block)
    return digest.hexdigest()


def _free_name(directory: Path, name: str) -> Path:
    """directory/name, or name.1, name.2, ... when an earlier rejected file holds that name."""
    candidate, count = directory / name, 0
    while candidate.exists() or candidate.with_name(candidate.name + ".reason.txt").exists():
        count += 1
        candidate = directory / f"{name}.{count}"
    return candidate


def quarantine(path: Path, directory: Path, problems: Sequence[CorruptRecord]) -> Path:
    """Move a rejected file into directory and write <name>.reason.txt (file, byte offset, reason per line)."""
    directory.mkdir(parents=True, exist_ok=True)
    target = _free_name(directory, path.name)
    lines = [f"file: {path}", *(f"byte {p.offset}: {p.reason}" for p in problems)]
    target.with_name(target.name + ".reason.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    shutil.move(str(path), target)
    return target
