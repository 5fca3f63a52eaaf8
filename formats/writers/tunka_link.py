"""Writer of Tunka-133 and Tunka-Rex link files (the inverse of formats.fast.tunka_link)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

import numpy as np

from formats.fast.batch import Ragged
from formats.fast.tunka_link import MAGIC, STAMP_WORDS, link_dtype
from formats.writers.common import (
    check_range,
    column,
    emit,
    equal_shape_runs,
    fill_blocks,
    n_rows,
    ragged_rows,
    stamp_words,
)

PACKAGE_COLUMNS = (("status", "u1", 0), ("request_address", "u1", 1), ("event_number", "<u4", 0),
                   ("vme_address", "<u4", 0), ("cluster_number", "u1", 0))
INFO_COLUMNS = (("info_status", "status", "u1", 0), ("info_request_address", "request_address", "u1", 1),
                ("info_header_event_number", "event_number", "<u4", 0), ("info_vme_address", "vme_address", "<u4", 0),
                ("cluster_number", "cluster_number", "u1", 0), ("host_hours", "host_hours", "<u2", 0),
                ("host_minutes", "host_minutes", "<u2", 0), ("host_seconds", "host_seconds", "<u2", 0),
                ("host_milliseconds", "host_milliseconds", "<u2", 0),
                ("optical_line_length", "optical_line_length", "<u2", 0),
                ("event_number", "link_event_number", "<u4", None))


def _package_column(columns: Mapping[str, np.ndarray], name: str, n: int, n_packages: int, default: int) -> np.ndarray:
    values = np.asarray(column(columns, f"package_{name}", n, default))
    return np.broadcast_to(values.reshape(n, -1), (n, n_packages))


def encode_links(columns: Mapping[str, np.ndarray], package_words: Ragged, n_packages: int,
                 extra_words: Ragged | None = None) -> Iterator[bytes]:
    """Links as bytes, one chunk per run of links with identical package lengths."""
    n = n_rows(columns)
    counts, starts = ragged_rows(package_words, n)
    if counts.shape[1] != n_packages:
        raise ValueError(f"word counts must have {n_packages} packages per link, not {counts.shape[1]}")
    extra = extra_words or Ragged(np.zeros(0, dtype=np.uint16), np.zeros(n, dtype=np.int64))
    extra_counts, extra_starts = ragged_rows(extra, n)
    shapes = np.concatenate([counts, extra_counts], axis=1)
    if shapes.size and 9 + 2 * (int(shapes.max()) + STAMP_WORDS) > 0xFFFF:
        raise ValueError("a package holds too many words for its 16-bit package_size")
    words = stamp_words(columns, n)
    for lo, hi in equal_shape_runs(shapes):
        rows = slice(lo, hi)
        run_counts = tuple(int(c) for c in counts[lo])
        links = np.zeros(hi - lo, dtype=link_dtype(run_counts, int(extra_counts[lo, 0])))
        for index, word_count in enumerate(run_counts):
            package = links[f"p{index}"]
            package["magic"] = np.frombuffer(MAGIC, dtype=np.uint8)
            package["package_size"] = 9 + 2 * word_count
            for name, kind, default in PACKAGE_COLUMNS:
                package[name] = check_range(name, _package_column(columns, name, n, n_packages, default)[rows, index],
                                            kind)
        values = check_range("package_words", package_words.values[starts[lo]:starts[hi]], "<u2")
        matrix = values.reshape(hi - lo, sum(run_counts))
        edges = np.concatenate([[0], np.cumsum(run_counts)])
        for index in range(n_packages):
            links[f"p{index}"]["words"] = matrix[:, edges[index]:edges[index + 1]]
        info = links["info"]
        info["magic"] = np.frombuffer(MAGIC, dtype=np.uint8)
        info["package_size"] = 9 + 2 * (STAMP_WORDS + int(extra_counts[lo, 0]))
        info["time"] = words[rows]
        for source, target, kind, default in INFO_COLUMNS:
            info[target] = check_range(source, column(columns, source, n, default)[rows], kind)
        fill_blocks(info, ["extra_words"], check_range("extra_words",
                    extra.values[extra_starts[lo]:extra_starts[hi]], "<u2"), (int(extra_counts[lo, 0]),))
        yield links.tobytes()


def write_links(target: str | Path | BinaryIO, columns: Mapping[str, np.ndarray], package_words: Ragged,
                n_packages: int, extra_words: Ragged | None = None) -> None:
    """Write links of n_packages packages (32 for Tunka-133, 4 for Tunka-Rex).

    package_words.counts is (n, n_packages); extra_words (info-block words after the stamp) defaults to none.
    """
    emit(target, encode_links(columns, package_words, n_packages, extra_words))
