"""Shared helpers of the raw-format tests: sample location, synthetic records, comparisons."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from formats.fast.batch import Ragged
from formats.writers import write_grande, write_hiscore, write_iact, write_kascade_grande, write_links

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO.parent / "shared" / "formats" / "samples"
SAMPLE_FORMATS = ("iact", "t133", "grande", "trex")
ALL_FORMATS = ("iact", "hiscore", "grande", "t133", "trex", "kascade_grande")
LINK_PACKAGES = {"t133": 32, "trex": 4}


def sample(name: str) -> Path:
    """Path of a real TAIGA sample, skipping the test when ../shared is absent."""
    path = SAMPLES / name
    if not path.is_file():
        pytest.skip(f"real TAIGA sample {path} not available (../shared/formats/samples is absent)")
    return path


def _stamps(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    limits = {"hours": 24, "minutes": 60, "seconds": 60, "milliseconds": 1000, "microseconds": 1000,
              "tens_of_ns": 100, "high_bits": 16, "flags": 65536}
    return {f"time_{name}": rng.integers(0, limit, n) for name, limit in limits.items()}


def _ragged(rng: np.random.Generator, counts: np.ndarray, high: int = 65536) -> Ragged:
    return Ragged(rng.integers(0, high, int(counts.sum())), counts)


def synthetic(format_name: str, n: int, seed: int, max_len: int = 6) -> tuple[dict, dict]:
    """Random but valid columns and lists for n records (variable lengths up to max_len)."""
    rng = np.random.default_rng(seed)
    u4 = lambda *shape: rng.integers(0, 2**32, shape)  # noqa: E731
    columns = {"event_number": u4(n), **_stamps(rng, n)}
    if format_name == "iact":
        columns.update(reserved=u4(n), maroc_word=u4(n), big=rng.integers(0, 65536, (n, 32)),
                       small=rng.integers(0, 65536, (n, 32)))
        return columns, {}
    if format_name == "grande":
        counts = rng.integers(0, max_len + 1, (n, 8))
        columns.update(data_type=rng.integers(3032, 3036, n), error_count=u4(n), cluster_number=rng.integers(0, 256, n),
                       reserved=rng.integers(0, 256, n), optical_line_length_raw=rng.integers(0, 65536, n),
                       vme_address=u4(n, 8), channel_info=rng.integers(0, 65536, (n, 8)))
        return columns, {"samples": _ragged(rng, counts)}
    if format_name == "hiscore":
        counts = rng.integers(0, max_len + 1, (n, 9))
        columns.update(reserved=u4(n), ip=rng.integers(0, 65536, n), station_number=rng.integers(0, 65536, n),
                       offset=rng.integers(0, 65536, (n, 9)))
        return columns, {"samples": _ragged(rng, counts)}
    if format_name in LINK_PACKAGES:
        p = LINK_PACKAGES[format_name]
        columns.update({f"package_{name}": rng.integers(0, 256, (n, p)) for name in ("status", "request_address",
                                                                                   "cluster_number")})
        columns.update(package_event_number=u4(n, p), package_vme_address=u4(n, p), info_status=rng.integers(0, 256, n),
                       info_request_address=rng.integers(0, 256, n), info_header_event_number=u4(n),
                       info_vme_address=u4(n), cluster_number=rng.integers(0, 256, n),
                       host_hours=rng.integers(0, 24, n), host_minutes=rng.integers(0, 60, n),
                       host_seconds=rng.integers(0, 60, n), host_milliseconds=rng.integers(0, 1000, n),
                       optical_line_length=rng.integers(0, 65536, n))
        return columns, {"package_words": _ragged(rng, rng.integers(0, max_len + 1, (n, p))),
                         "extra_words": _ragged(rng, rng.integers(0, 3, n))}
    columns = {"event_number": u4(n), "unix_seconds": u4(n), "nanoseconds": rng.integers(0, 10**9, n),
               "trigger_flags": rng.integers(0, 4, n), "n_hit": rng.integers(0, 38, n),
               "pressure": rng.integers(9000, 10500, n), "temperature": rng.integers(-3000, 4000, n),
               "humidity": rng.integers(0, 10001, n), "reserved": np.zeros(n, dtype=int),
               "station_adc": rng.integers(0, 65536, (n, 37)), "station_status": rng.integers(0, 4, (n, 37)),
               "station_arrival_time": rng.integers(-2**31, 2**31, (n, 37))}
    return columns, {}


def write(format_name: str, path: Path, columns: dict, lists: dict) -> None:
    """Write columns and lists with the writer of format_name."""
    if format_name == "iact":
        write_iact(path, columns)
    elif format_name == "grande":
        write_grande(path, columns, lists["samples"])
    elif format_name == "hiscore":
        write_hiscore(path, columns, lists["samples"])
    elif format_name in LINK_PACKAGES:
        write_links(path, columns, lists["package_words"], LINK_PACKAGES[format_name], lists["extra_words"])
    else:
        write_kascade_grande(path, columns, run_number=4711, run_start=1_100_000_000)


def assert_same(expected_columns: dict, expected_lists: dict, columns: dict, lists: dict, what: str) -> None:
    """Every field of expected equals the same field of the other reader, value by value."""
    for name, values in expected_columns.items():
        assert name in columns, f"{what}: column {name} missing"
        np.testing.assert_array_equal(np.asarray(columns[name]), np.asarray(values), err_msg=f"{what}: {name}")
    for name, ragged in expected_lists.items():
        np.testing.assert_array_equal(lists[name].values, ragged.values, err_msg=f"{what}: {name} values")
        np.testing.assert_array_equal(lists[name].counts, ragged.counts, err_msg=f"{what}: {name} counts")
