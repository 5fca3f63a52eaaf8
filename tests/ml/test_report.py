"""Markdown report and plots."""

import numpy as np
import pytest

from ml.evaluate import metrics
from ml.report import matplotlib_available, write_report


@pytest.fixture()
def evaluation():
    rng = np.random.default_rng(0)
    is_gamma = np.r_[np.ones(500, bool), np.zeros(1500, bool)]
    scores = {"cuts": np.r_[rng.uniform(0.3, 1, 500), rng.uniform(0, 0.8, 1500)],
              "cnn": np.r_[rng.beta(5, 1, 500), rng.beta(1, 5, 1500)]}
    result = {m: metrics(s, is_gamma, threshold=0.5, n_bootstrap=20) for m, s in scores.items()}
    return result, scores, is_gamma


def test_report_has_the_metrics_table_and_provenance(evaluation, tmp_path):
    result, scores, is_gamma = evaluation
    path = write_report(result, scores, is_gamma, tmp_path, provenance={"dataset seed": 3})
    text = path.read_text()
    assert "| cnn |" in text and "| cuts |" in text
    assert f"{result['cnn']['suppression_at_055']:.3g}" in text
    assert "**dataset seed**: `3`" in text
    if not matplotlib_available():
        assert "Plots skipped: matplotlib is not installed." in text


def test_plots_are_written_as_png(evaluation, tmp_path):
    pytest.importorskip("matplotlib", reason="matplotlib is not installed: the report is written without plots")
    result, scores, is_gamma = evaluation
    write_report(result, scores, is_gamma, tmp_path, provenance={})
    for name in ("roc.png", "gammaness.png"):
        assert (tmp_path / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
