"""Vectorised numpy readers of the raw formats, for bulk ingest.

`read_columns(format_name, path)` yields `Batch`es of numpy columns with the
byte offset of every record; `validate(format_name, path)` lists every
`CorruptRecord` (file name, byte offset, reason). The engine is described in
`formats.fast.engine`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Literal

from formats.fast import engine
from formats.fast.batch import Batch, Ragged
from formats.fast.errors import CorruptRecord, RawFormatError
from formats.fast.grande import GrandeFormat
from formats.fast.hiscore import HiscoreFormat
from formats.fast.iact import IactFormat
from formats.fast.kascade_grande import KascadeGrandeFormat
from formats.fast.tunka_link import t133_format, trex_format

FORMATS: dict[str, Callable[[], engine.RecordFormat]] = {
    "iact": IactFormat,
    "hiscore": HiscoreFormat,
    "grande": GrandeFormat,
    "t133": t133_format,
    "trex": trex_format,
    "kascade_grande": KascadeGrandeFormat,
}

__all__ = ["FORMATS", "Batch", "CorruptRecord", "Ragged", "RawFormatError", "read_columns", "validate"]


def _format(name: str) -> engine.RecordFormat:
    if name not in FORMATS:
        raise ValueError(f"unknown raw format {name!r}; known: {', '.join(sorted(FORMATS))}")
    return FORMATS[name]()


def read_columns(format_name: str, path: str | Path, *, start: int | None = None,
                 chunk_records: int = engine.DEFAULT_CHUNK_RECORDS,
                 errors: Literal["raise", "skip"] = "raise") -> Iterator[Batch]:
    """Batches of decoded records of a raw file; start is a record offset to resume from."""
    return engine.read_columns(_format(format_name), path, start=start, chunk_records=chunk_records, errors=errors)


def validate(format_name: str, path: str | Path) -> list[CorruptRecord]:
    """Every problem found in a raw file, empty when the file is sound."""
    return engine.validate(_format(format_name), path)
