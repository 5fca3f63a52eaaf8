"""The generated JavaScript readers, run by node, agree with the Python readers on the samples and written files."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

import formats.fast as fast
from tests.formats.formats_test_support import ALL_FORMATS, REPO, SAMPLE_FORMATS, sample, synthetic, write

SCRIPT = Path(__file__).with_name("js_summary.js")
RUNTIME = REPO / "formats" / "node_modules" / "kaitai-struct"
EVENT = {"t133": "event_number", "trex": "event_number"}
VALUES = {"iact": ("big", "small"), "hiscore": ("samples",), "grande": ("samples",), "t133": ("package_words",),
          "trex": ("package_words",), "kascade_grande": ("station_adc",)}


def _node_summary(format_name: str, path: Path) -> dict:
    if shutil.which("node") is None or not RUNTIME.is_dir():
        pytest.skip("node or the kaitai-struct JS runtime is missing (run: npm ci --prefix formats)")
    done = subprocess.run(["node", str(SCRIPT), format_name, str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _python_summary(format_name: str, path: Path) -> dict:
    records = events = times = values = 0
    for batch in fast.read_columns(format_name, path):
        columns = batch.columns
        records += len(batch)
        events += int(columns["event_number"].astype(np.int64).sum())
        if format_name == "kascade_grande":
            times += int((columns["unix_seconds"].astype(object) * 10**9 + columns["nanoseconds"].astype(object)).sum())
        else:
            times += int(columns["time_of_day_ns"].astype(object).sum())
        for name in VALUES[format_name]:
            data = batch.lists[name].values if name in batch.lists else columns[name]
            values += int(data.astype(np.int64).sum())
    return {"records": records, "event_sum": str(events), "time_sum": str(times), "value_sum": str(values)}


@pytest.mark.parametrize("format_name", SAMPLE_FORMATS)
def test_javascript_reader_agrees_on_samples(format_name: str) -> None:
    path = sample(format_name)
    assert _node_summary(format_name, path) == _python_summary(format_name, path)


@pytest.mark.parametrize("format_name", ALL_FORMATS)
def test_javascript_reader_agrees_on_written_files(tmp_path: Path, format_name: str) -> None:
    columns, lists = synthetic(format_name, 50, 11)
    path = tmp_path / format_name
    write(format_name, path, columns, lists)
    summary = _node_summary(format_name, path)
    assert summary["records"] == 50
    assert summary == _python_summary(format_name, path)
