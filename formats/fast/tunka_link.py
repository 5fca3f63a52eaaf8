"""Fast reader of Tunka optical-link files (specs/tunka_link.ksy): Tunka-133 (32 packages a link) and Tunka-Rex (4)."""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from formats.fast.batch import Ragged
from formats.fast.engine import Layout, make_layout, need, u16
from formats.fast.errors import BadRecord
from formats.fast.timestamp import decode_stamp, stamp_problems

MAGIC = b"\xff\xff\xa0"
HEADER_FIELDS = [
    ("magic", "u1", (3,)), ("status", "u1"), ("package_size", "<u2"), ("request_address", "u1"),
    ("event_number", "<u4"), ("vme_address", "<u4"),
]
HEADER_SIZE = np.dtype(HEADER_FIELDS).itemsize
INFO_TAIL_FIELDS = [
    ("cluster_number", "u1"), ("host_hours", "<u2"), ("host_minutes", "<u2"), ("host_seconds", "<u2"),
    ("host_milliseconds", "<u2"), ("optical_line_length", "<u2"), ("link_event_number", "<u4"),
]
STAMP_WORDS = 4
HOST_CLOCK_LIMITS = {"host_hours": 24, "host_minutes": 60, "host_seconds": 60, "host_milliseconds": 1000}


def _words_after_header(buf: np.ndarray, pos: int, minimum: int, what: str) -> int:
    """Check the header at pos and return how many data words its package_size announces."""
    need(buf, pos, HEADER_SIZE, f"{what} header")
    if bytes(buf[pos:pos + 3]) != MAGIC:
        raise BadRecord(f"bad magic in {what} header {bytes(buf[pos:pos + 3]).hex(' ')}, expected ff ff a0")
    size = u16(buf, pos + 4)
    if size < minimum or (size - 9) % 2:
        raise BadRecord(f"impossible package_size {size} in {what} header (must be odd and at least {minimum})")
    return (size - 9) // 2


@lru_cache(maxsize=256)
def link_dtype(word_counts: tuple[int, ...], extra_words: int) -> np.dtype:
    """The dtype of one link whose packages hold word_counts data words and whose info block extra_words."""
    fields = [(f"p{index}", np.dtype(HEADER_FIELDS + [("words", "<u2", (int(words),)), ("cluster_number", "u1")]))
              for index, words in enumerate(word_counts)]
    info = HEADER_FIELDS + [("time", "<u2", (STAMP_WORDS,)), ("extra_words", "<u2", (int(extra_words),))]
    return np.dtype(fields + [("info", np.dtype(info + INFO_TAIL_FIELDS))])


class TunkaLinkFormat:
    """Link records of n_packages digitiser packages plus one additional-info block."""

    sync = re.compile(re.escape(MAGIC))

    def __init__(self, name: str, n_packages: int) -> None:
        self.name = name
        self.n_packages = n_packages

    def begin(self, buf: np.ndarray) -> int:
        return 0

    def layout_at(self, buf: np.ndarray, pos: int) -> Layout:
        key, counts, cursor = [], [], pos
        for index in range(self.n_packages):
            words = _words_after_header(buf, cursor, 9, f"package {index}")
            need(buf, cursor, HEADER_SIZE + 2 * words + 1, f"package {index}")
            key.append((cursor - pos, 6))
            counts.append(words)
            cursor += HEADER_SIZE + 2 * words + 1
        extra = _words_after_header(buf, cursor, 9 + 2 * STAMP_WORDS, "info block") - STAMP_WORDS
        dtype = link_dtype(tuple(counts), extra)
        need(buf, cursor, dtype["info"].itemsize, "info block")
        key.append((cursor - pos, 6))
        return make_layout(buf, pos, dtype, key, (*counts, extra))

    def decode(self, records: np.ndarray, layout: Layout) -> tuple[dict[str, np.ndarray], dict[str, Ragged]]:
        packages = [records[f"p{i}"] for i in range(self.n_packages)]
        info = records["info"]
        columns = {
            f"package_{name}": np.stack([p[name] for p in packages], axis=1)
            for name in ("status", "package_size", "request_address", "event_number", "vme_address", "cluster_number")
        }
        words = np.concatenate([p["words"] for p in packages], axis=1).reshape(-1)
        word_counts = np.broadcast_to(np.array(layout.counts[:-1], dtype=np.int64), (len(records), self.n_packages))
        columns.update({f"info_{name}": info[name] for name in ("status", "package_size", "request_address",
                                                                "vme_address")})
        columns["info_header_event_number"] = info["event_number"]
        columns.update(decode_stamp(info["time"]))
        columns.update({name: info[name] for name, _ in INFO_TAIL_FIELDS if name != "link_event_number"})
        columns["event_number"] = info["link_event_number"]
        extra_counts = np.full(len(records), layout.counts[-1], dtype=np.int64)
        lists = {
            "package_words": Ragged(words, word_counts.copy()),
            "extra_words": Ragged(info["extra_words"].reshape(-1), extra_counts),
        }
        return columns, lists

    def problems(self, records: np.ndarray, columns: dict[str, np.ndarray]) -> list[tuple[np.ndarray, str]]:
        host = [(columns[name] >= limit, f"impossible host clock: {name} >= {limit}")
                for name, limit in HOST_CLOCK_LIMITS.items()]
        return [*stamp_problems(columns), *host]


def t133_format() -> TunkaLinkFormat:
    """Tunka-133 links: 32 packages and an info block."""
    return TunkaLinkFormat("t133", 32)


def trex_format() -> TunkaLinkFormat:
    """Tunka-Rex links: 4 packages and an info block."""
    return TunkaLinkFormat("trex", 4)
