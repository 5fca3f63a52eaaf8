"""Shared parsing of the TAIGA packages made of a 24-byte header, a fixed number of counted blocks and a trailer.

Tunka-Grande and TAIGA-HiSCORE packages differ only in their block headers;
this module walks such a package once, checks its size field against the
blocks, and builds the numpy dtype of that exact shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from formats.fast.engine import Layout, make_layout, need, u16
from formats.fast.errors import BadRecord

HEADER_SIZE = 24
TRAILER = b"\xff\xff\xff\xff"


@dataclass(frozen=True, eq=False)
class BlockShape:
    """How the blocks of a package format look."""

    n_blocks: int
    header_fields: list[tuple[str, str]]
    count_field: str

    @property
    def header_size(self) -> int:
        return np.dtype(self.header_fields).itemsize

    @property
    def count_offset(self) -> int:
        return np.dtype(self.header_fields).fields[self.count_field][1]


def block_layout(buf: np.ndarray, pos: int, shape: BlockShape, package_fields: list[tuple],
                 size_field_offset: int) -> Layout:
    """Walk the blocks of the package at pos (header already checked) and return its layout."""
    need(buf, pos, HEADER_SIZE, "package header")
    cursor, counts = pos + HEADER_SIZE, []
    for index in range(shape.n_blocks):
        need(buf, cursor, shape.header_size, f"block {index} header")
        count = u16(buf, cursor + shape.count_offset)
        need(buf, cursor, shape.header_size + 2 * count, f"block {index} ({count} samples)")
        counts.append(count)
        cursor += shape.header_size + 2 * count
    need(buf, cursor, 4, "package trailer")
    if bytes(buf[cursor:cursor + 4]) != TRAILER:
        raise BadRecord("bad package trailer, expected ff ff ff ff")
    declared = u16(buf, pos + size_field_offset)
    after_header = cursor + 4 - pos - HEADER_SIZE
    if declared != after_header:
        raise BadRecord(f"size field {declared} disagrees with the blocks ({after_header} bytes after the header)")
    key = [(0, 4)]
    offset = HEADER_SIZE
    for count in counts:
        key.append((offset + shape.count_offset, 2))
        offset += shape.header_size + 2 * count
    key.append((offset, 4))
    return make_layout(buf, pos, block_dtype(shape, tuple(package_fields), tuple(counts)), key, tuple(counts))


@lru_cache(maxsize=256)
def block_dtype(shape: BlockShape, package_fields: tuple[tuple, ...], counts: tuple[int, ...]) -> np.dtype:
    """The dtype of one package whose blocks hold counts samples."""
    fields = list(package_fields)
    for index, count in enumerate(counts):
        fields += [(f"b{index}_{name}", kind) for name, kind in shape.header_fields]
        fields.append((f"b{index}_samples", "<u2", (int(count),)))
    fields.append(("trailer", "<u4"))
    return np.dtype(fields)


def block_columns(records: np.ndarray, shape: BlockShape) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Per-block header columns, shape (n, n_blocks), and all samples flattened in record order."""
    columns = {
        name: np.stack([records[f"b{i}_{name}"] for i in range(shape.n_blocks)], axis=1)
        for name, _ in shape.header_fields
    }
    samples = np.concatenate([records[f"b{i}_samples"] for i in range(shape.n_blocks)], axis=1).reshape(-1)
    return columns, samples
