"""Which raw format a file holds: told from its first records (signatures, sizes, trailers), else from its name.

Ingest uses it to refuse a file of another format instead of quarantining it
as damaged: quarantine is for damaged files of the collection's own format.
Every format is tried the way its fast reader starts a file: the file header
(`begin`), then the first records' structure (`layout_at`) and values
(`problems`). No format is a prefix of another (IACT and Tunka-Grande share
the signature 3032, but not the package size), so a sound head names one
format. A file whose head reads as no format (damaged at its start, empty) is
judged by its extension.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

import formats.fast as fast
from formats.fast.engine import map_file
from formats.fast.errors import BadRecord

#: records at the head of a file whose structure and values must read as a format
HEAD_RECORDS = 2
#: what people call each raw format, for messages
FORMAT_TITLES = {
    "iact": "TAIGA-IACT",
    "hiscore": "TAIGA-HiSCORE",
    "grande": "Tunka-Grande",
    "t133": "Tunka-133",
    "trex": "Tunka-Rex",
    "kascade_grande": "KASCADE-Grande",
}
#: file extensions that name one format: the format's own name, and the KASCADE-Grande ones
#: (the numbered TAIGA extensions .001/.010 are shared by IACT and HiSCORE, so they name none)
EXTENSIONS = {**{name: name for name in FORMAT_TITLES}, "kg": "kascade_grande", "kgraw": "kascade_grande"}


def _head_reads_as(format_name: str, raw: bytes, buf: np.ndarray) -> bool:
    fmt = fast.FORMATS[format_name]()
    try:
        pos = fmt.begin(buf)
        for _ in range(HEAD_RECORDS):
            if pos >= len(buf):
                break
            layout = fmt.layout_at(buf, pos)
            record = np.frombuffer(raw, dtype=layout.dtype, count=1, offset=pos)
            columns, _ = fmt.decode(record, layout)
            if any(mask.any() for mask, _ in fmt.problems(record, columns)):
                return False
            pos += layout.size
    except BadRecord:
        return False
    return pos > 0  # a file header or at least one record was read


def head_formats(path: Path) -> list[str]:
    """The raw formats whose header and first records the file's head reads as (none for a damaged head)."""
    raw = map_file(path)
    try:
        buf = np.frombuffer(raw, dtype=np.uint8)
        return [name for name in fast.FORMATS if _head_reads_as(name, raw, buf)]
    finally:
        if hasattr(raw, "close"):
            del buf
            raw.close()


def format_by_name(path: Path) -> str | None:
    """The raw format the file's extension names, if it names exactly one."""
    return EXTENSIONS.get(path.suffix.lower().lstrip("."))


def other_format(path: Path, expected: str) -> tuple[str, str] | None:
    """(format, how it was told) when the file holds another raw format than expected, else None.

    None also when nothing tells: then the file is taken as the expected format, and
    rejected into quarantine if it does not read as one.
    """
    found = head_formats(path)
    if expected in found:
        return None
    if found:
        return found[0], "content"
    named = format_by_name(path)
    if named is not None and named != expected:
        return named, "name"
    return None
