"""Vectorised decoding and encoding of the 8-byte TAIGA time stamp (see specs/taiga_time.ksy)."""

from __future__ import annotations

import numpy as np

from celestial.timescales import SECONDS_PER_DAY

STAMP_FIELDS = ("hours", "minutes", "seconds", "milliseconds", "microseconds", "tens_of_ns", "high_bits", "flags")
_LIMITS = {"hours": 24, "minutes": 60, "seconds": 60, "milliseconds": 1000, "microseconds": 1000, "tens_of_ns": 100}


def decode_stamp(words: np.ndarray, prefix: str = "time_") -> dict[str, np.ndarray]:
    """Split (n, 4) little-endian u16 words into the stamp fields plus `time_of_day_ns`."""
    w0, w1, w2, w3 = (words[:, i].astype(np.int64) for i in range(4))
    fields = {
        "hours": (w2 >> 7) & 0x1F,
        "minutes": (w2 >> 1) & 0x3F,
        "seconds": (w1 >> 11) | ((w2 & 1) << 5),
        "milliseconds": (w1 >> 1) & 0x3FF,
        "microseconds": (w0 >> 7) | ((w1 & 1) << 9),
        "tens_of_ns": w0 & 0x7F,
        "high_bits": w2 >> 12,
        "flags": w3,
    }
    columns = {prefix + name: values.astype(np.uint16) for name, values in fields.items()}
    columns[prefix + "of_day_ns"] = time_of_day_ns(fields)
    return columns


def time_of_day_ns(fields: dict[str, np.ndarray]) -> np.ndarray:
    """Nanoseconds since midnight (of the unstated time scale) from decoded stamp fields."""
    seconds = fields["hours"].astype(np.int64) * 3600 + fields["minutes"].astype(np.int64) * 60 + fields["seconds"]
    sub_ns = fields["milliseconds"].astype(np.int64) * 1_000_000 + fields["microseconds"].astype(np.int64) * 1000
    return seconds * 1_000_000_000 + sub_ns + fields["tens_of_ns"].astype(np.int64) * 10


def encode_stamp(columns: dict[str, np.ndarray], prefix: str = "time_") -> np.ndarray:
    """Pack stamp field columns back into (n, 4) u16 words (the inverse of decode_stamp)."""
    f = {name: np.asarray(columns[prefix + name], dtype=np.int64) for name in STAMP_FIELDS}
    words = np.empty((len(f["hours"]), 4), dtype=np.uint16)
    words[:, 0] = (f["tens_of_ns"] & 0x7F) | ((f["microseconds"] & 0x1FF) << 7)
    words[:, 1] = (f["microseconds"] >> 9 & 1) | ((f["milliseconds"] & 0x3FF) << 1) | ((f["seconds"] & 0x1F) << 11)
    words[:, 2] = ((f["seconds"] >> 5 & 1) | ((f["minutes"] & 0x3F) << 1) | ((f["hours"] & 0x1F) << 7)
                   | ((f["high_bits"] & 0xF) << 12))
    words[:, 3] = f["flags"]
    return words


def stamp_columns_from_ns(ns_of_day: np.ndarray, prefix: str = "time_", flags: int = 0) -> dict[str, np.ndarray]:
    """Stamp field columns for times given as nanoseconds since midnight (for writers and simulations).

    Nanoseconds below the 10 ns resolution of the stamp are truncated.
    """
    ns = np.asarray(ns_of_day, dtype=np.int64)
    if ns.size and (ns.min() < 0 or ns.max() >= SECONDS_PER_DAY * 10**9):
        raise ValueError(f"time of day must lie in [0, {SECONDS_PER_DAY} s)")
    seconds_of_day, sub = np.divmod(ns, 10**9)
    parts = {
        "hours": seconds_of_day // 3600,
        "minutes": seconds_of_day // 60 % 60,
        "seconds": seconds_of_day % 60,
        "milliseconds": sub // 1_000_000,
        "microseconds": sub // 1000 % 1000,
        "tens_of_ns": sub % 1000 // 10,
        "high_bits": np.zeros_like(ns),
        "flags": np.full_like(ns, flags),
    }
    return {prefix + name: values.astype(np.uint16) for name, values in parts.items()}


def stamp_problems(columns: dict[str, np.ndarray], prefix: str = "time_") -> list[tuple[np.ndarray, str]]:
    """Masks of records whose stamp fields exceed their ranges (hours >= 24 and so on)."""
    return [
        (columns[prefix + name] >= limit, f"impossible time stamp: {name} >= {limit}")
        for name, limit in _LIMITS.items()
    ]
