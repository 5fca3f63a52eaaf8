"""`apo init-demo`: it says its size first, refuses one that does not fit, and keeps metadata and tables agreeing."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from vo_service.cli import main
from vo_service.db import open_backend
from vo_service.publishing.catalog import read_raw_descriptor
from vo_service.publishing.classification import classification_descriptor, publish_classification
from vo_service.publishing.demo import DISK_BYTES_PER_EVENT, init_demo, plan_demo

TINY_SCALE = 0.002


class Card:
    """The fields of an ml.models card that the provenance text uses."""

    version = "test-1"
    method = "cuts"
    training_data_hash = "0" * 64
    blind_sample_hash = "1" * 64
    hyperparameters = {"alpha_max": 10}


def test_a_scale_that_does_not_fit_is_refused_before_anything_is_written(tmp_path: Path, capsys) -> None:
    db = tmp_path / "huge.db"
    assert main(["init-demo", "--db", f"sqlite:///{db}", "--scale", "20000", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "--scale 20000 would make 20,000,000,000 events" in err and " free)" in err
    assert not db.exists()


def test_the_estimate_is_said_before_starting(tmp_path: Path) -> None:
    backend = open_backend(f"sqlite:///{tmp_path / 'd.db'}")
    plan = plan_demo(backend, TINY_SCALE)
    assert plan.bytes_needed >= plan.events * DISK_BYTES_PER_EVENT and plan.bytes_free > plan.bytes_needed
    heard: list[str] = []
    init_demo(backend, scale=TINY_SCALE, show_progress=False, say=heard.append)
    assert heard[0].startswith(f"simulating {plan.events:,} events in 5 collections: about")
    assert (tmp_path / "d.db").stat().st_size < plan.bytes_needed


def test_a_rerun_drops_derived_tables_with_their_metadata(tmp_path: Path) -> None:
    backend = open_backend(f"sqlite:///{tmp_path / 'd.db'}")
    init_demo(backend, scale=TINY_SCALE, show_progress=False, say=lambda _: None)
    ids = np.array([row[0] for row in backend.fetch_all(
        f"SELECT event_id FROM {backend.quoted_name('taiga_iact', 'events')} ORDER BY event_id")])
    described = classification_descriptor(read_raw_descriptor(backend, "taiga_iact"), Card(), tmp_path / "images.npz")
    scores = {"event_id": ids, "gammaness": np.linspace(0, 1, ids.size), "is_gamma": np.linspace(0, 1, ids.size) > .5,
              "method": np.full(ids.size, "cuts", dtype=object),
              "model_version": np.full(ids.size, "test-1", dtype=object)}
    assert publish_classification(backend, described, scores) == ids.size
    assert backend.table_exists("taiga_iact", "classification")

    heard: list[str] = []
    init_demo(backend, scale=TINY_SCALE, show_progress=False, say=heard.append)
    assert any(line.startswith("dropped taiga_iact.classification") for line in heard)
    assert not backend.table_exists("taiga_iact", "classification")
    assert [t["name"] for t in read_raw_descriptor(backend, "taiga_iact")["tables"]] == ["events"]
    published = backend.fetch_all(f"SELECT table_name FROM {backend.quoted_name('tap_schema', 'tables')} "
                                  "WHERE table_name LIKE 'taiga_iact.%'")
    assert published == [("taiga_iact.events",)]
