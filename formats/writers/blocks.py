"""Writer of the TAIGA packages made of a 24-byte header, counted blocks and a trailer (Grande, HiSCORE)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

import numpy as np

from formats.fast.batch import Ragged
from formats.fast.blocks import HEADER_SIZE, BlockShape, block_dtype
from formats.writers.common import check_range, column, equal_shape_runs, fill_blocks, n_rows, ragged_rows, stamp_words

HeaderFiller = Callable[[np.ndarray, Mapping[str, np.ndarray], slice], None]


def encode_block_packages(columns: Mapping[str, np.ndarray], samples: Ragged, shape: BlockShape,
                          package_fields: list[tuple], size_field: str, fill_header: HeaderFiller,
                          block_defaults: Mapping[str, int]) -> Iterator[bytes]:
    """Packages as bytes, one chunk per run of records with identical block lengths."""
    n = n_rows(columns)
    counts, starts = ragged_rows(samples, n)
    if counts.shape[1] != shape.n_blocks:
        raise ValueError(f"sample counts must have {shape.n_blocks} blocks per record, not {counts.shape[1]}")
    words = stamp_words(columns, n)
    for lo, hi in equal_shape_runs(counts):
        run_counts = tuple(int(c) for c in counts[lo])
        if max(run_counts, default=0) > 0xFFFF:
            raise ValueError("a block holds more than 65535 samples")
        packages = np.zeros(hi - lo, dtype=block_dtype(shape, tuple(package_fields), run_counts))
        rows = slice(lo, hi)
        fill_header(packages, columns, rows)
        packages["time"] = words[rows]
        if packages.dtype.itemsize - HEADER_SIZE > 0xFFFF:
            raise ValueError(f"package of {packages.dtype.itemsize} bytes is too long for its 16-bit size field")
        packages[size_field] = packages.dtype.itemsize - HEADER_SIZE
        for index in range(shape.n_blocks):
            for name, kind in shape.header_fields:
                if name == shape.count_field:
                    packages[f"b{index}_{name}"] = run_counts[index]
                else:
                    per_block = np.asarray(column(columns, name, n, block_defaults.get(name))).reshape(n, -1)
                    values = per_block[rows, index] if per_block.shape[1] > 1 else per_block[rows, 0]
                    packages[f"b{index}_{name}"] = check_range(name, values, kind)
        values = samples.values[starts[lo]:starts[hi]]
        fill_blocks(packages, [f"b{i}_samples" for i in range(shape.n_blocks)], check_range("samples", values, "<u2"),
                    run_counts)
        packages["trailer"] = 0xFFFFFFFF
        yield packages.tobytes()
