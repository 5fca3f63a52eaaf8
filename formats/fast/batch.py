"""The unit the fast readers hand to ingest: numpy columns plus the byte offset of every record."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from formats.fast.errors import CorruptRecord


@dataclass(frozen=True)
class Ragged:
    """A variable-length field: all values flattened in record order, and per-record (per-block) counts.

    `counts` has one row per record (and one column per block where a record has
    several blocks); `values` is their concatenation, so record i's values start
    at `counts[:i].sum()`.
    """

    values: np.ndarray
    counts: np.ndarray


@dataclass(frozen=True)
class Batch:
    """Consecutive good records of one file.

    `columns` hold one row per record (scalars or fixed-size arrays), `lists` the
    variable-length fields, `offsets` the byte offset of each record in the file
    and `corrupt` the problems met since the previous batch (records that were
    skipped when reading with errors="skip").
    """

    path: str
    offsets: np.ndarray
    columns: dict[str, np.ndarray]
    lists: dict[str, Ragged] = field(default_factory=dict)
    corrupt: tuple[CorruptRecord, ...] = ()

    def __len__(self) -> int:
        return len(self.offsets)
