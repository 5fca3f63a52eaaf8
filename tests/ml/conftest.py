"""A small simulated dataset shared by the ML tests (built once per session, a few seconds)."""

import pytest

from ml.pipeline import simulate_dataset


@pytest.fixture(scope="session")
def small_dataset(tmp_path_factory):
    """300 gammas and 300 protons after pre-selection, 30% of them blind."""
    return simulate_dataset(300, 300, seed=11, out_dir=tmp_path_factory.mktemp("ml"), progress=False)
