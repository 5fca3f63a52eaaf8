"""Publishing a classification as a derived table of the collection it classifies.

The table's metadata are `resources/derived/<collection>.classification.yaml`;
this module adds the model's provenance to its description, loads the scores
and republishes the collection with the table in it.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from resources import derived_table, parse_descriptor
from vo_service.db.base import Backend
from vo_service.publishing.collection import load_table, register

TABLE = "classification"


def classification_descriptor(raw: dict, card: Any, images_path: Path) -> dict:
    """The collection's descriptor with the derived table (re)placed in it, its description saying how it
    was made (`card` is the model card of ml.models)."""
    provenance = (f"Model {card.version} ({card.method}), trained on simulated data with SHA-256 "
                  f"{card.training_data_hash}, blind sample {card.blind_sample_hash[:16]}, hyper-parameters "
                  f"{json.dumps(card.hyperparameters, sort_keys=True)}; camera images simulated by ml.dataset "
                  f"and kept in {images_path}.")
    table = derived_table(raw["id"], TABLE)
    table = {**table, "description": f"{table['description']} {provenance}"}
    return {**raw, "tables": [t for t in raw["tables"] if t["name"] != TABLE] + [table]}


def publish_classification(backend: Backend, described: dict, columns: Mapping[str, np.ndarray]) -> int:
    """Load the scores into the derived table and publish the collection with it; rows written."""
    table = parse_descriptor(described).table(TABLE)
    written = load_table(backend, table, [columns])
    register(backend, described)
    return written
