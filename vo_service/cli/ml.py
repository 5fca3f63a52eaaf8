"""`apo ml simulate | train | evaluate | classify`: the IACT classifiers, published like any collection.

The library work is in `ml.pipeline`; this module adds the database side:
`classify` simulates camera images for the published TAIGA-IACT events, keeps
them as a file referenced from the collection's metadata, scores them and
publishes `taiga_iact.classification` as a derived table of the `taiga_iact`
collection (a foreign key to `taiga_iact.events`), with the model's provenance.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from vo_service.db import database_url, open_backend
from vo_service.db.base import Backend
from vo_service.publishing.catalog import read_raw_descriptor
from vo_service.publishing.classification import classification_descriptor, publish_classification

COLLECTION = "taiga_iact"
DEFAULT_DIR = Path("var/ml")
def dataset_path(directory: Path, seed: int) -> Path:
    return directory / f"iact_seed{seed}.npz"


def cmd_simulate(args: argparse.Namespace) -> int:
    from ml import pipeline

    path = pipeline.simulate_dataset(args.n_gamma, args.n_proton, args.seed, args.out, progress=not args.quiet)
    print(f"labelled dataset with a blind sample: {path}", file=sys.stderr)
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    from ml import pipeline

    methods = tuple(args.methods.split(",")) if args.methods else pipeline.default_methods()
    config = pipeline.TrainConfig(methods=methods, progress=not args.quiet)
    trained = pipeline.train(dataset_path(args.out, args.seed), args.out / "models", config=config)
    print(f"trained {', '.join(trained.models)} into {trained.directory}", file=sys.stderr)
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from ml import pipeline

    models = pipeline.load_models(args.out / "models")
    result, report_path = pipeline.report(dataset_path(args.out, args.seed), models, args.out / "report")
    pipeline.record_metrics(models, result)
    if args.json:
        print(json.dumps(result, indent=2, sort_keys=True))
    else:
        for method, values in result.items():
            print(f"{method:8} suppression at 55% gamma efficiency {values['suppression_at_055']:.1f}, "
                  f"Q {values['q_factor']:.2f}, ROC AUC {values['roc_auc']:.3f}")
    print(f"report: {report_path}", file=sys.stderr)
    return 0


def published_event_ids(backend: Backend, limit: int | None) -> np.ndarray:
    table = backend.quoted_name(COLLECTION, "events")
    sql = f'SELECT "event_id" FROM {table} ORDER BY "event_id"' + (f" LIMIT {int(limit)}" if limit else "")
    batches = backend.stream(sql, batch_size=100_000, timeout_s=None)
    return np.array([row[0] for batch in batches for row in batch], dtype=np.int64)


def event_images(event_ids: np.ndarray, gamma_fraction: float, seed: int, directory: Path, progress: bool):
    """Camera images for the published events, kept as a file beside the models."""
    from ml import dataset

    n_gamma = max(1, int(round(gamma_fraction * event_ids.size)))
    simulated = dataset.simulate(n_gamma, max(1, event_ids.size - n_gamma), seed, progress=progress)
    images = simulated.images[: event_ids.size]
    path = directory / f"{COLLECTION}_event_images_seed{seed}.npz"
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez(path, event_id=event_ids, images=images)
    return images, path


def cmd_classify(args: argparse.Namespace) -> int:
    from ml import pipeline
    from ml.models import load_model

    method = args.method or ("cnn" if pipeline.torch_available() else "sklearn")
    model = load_model(args.out / "models" / method)
    backend = open_backend(database_url(args.db))
    raw = read_raw_descriptor(backend, COLLECTION)
    if raw is None:
        raise ValueError(f"{backend.url} has no {COLLECTION} collection: run 'apo init-demo' first")
    event_ids = published_event_ids(backend, args.limit)
    images, images_path = event_images(event_ids, args.gamma_fraction, args.seed, args.out, not args.quiet)
    gammaness, is_gamma = pipeline.classify(images, model)
    described = classification_descriptor(raw, model.card, images_path)
    columns = {"event_id": event_ids, "gammaness": gammaness, "is_gamma": is_gamma,
               "method": np.full(event_ids.size, method, dtype=object),
               "model_version": np.full(event_ids.size, model.card.version, dtype=object)}
    publish_classification(backend, described, columns)
    print(f"{event_ids.size:,} events classified by {model.card.version}: "
          f"{int(is_gamma.sum()):,} gamma-like; published as {COLLECTION}.classification", file=sys.stderr)
    return 0


def add_parser(commands: argparse._SubParsersAction, add_db) -> None:
    ml_parser = commands.add_parser("ml", help="IACT gamma/hadron classifiers: simulate, train, evaluate, classify")
    steps = ml_parser.add_subparsers(dest="ml_command", required=True, metavar="STEP")
    for name, func, text in (
        ("simulate", cmd_simulate, "simulate labelled camera images with a blind sample"),
        ("train", cmd_train, "train the cuts, gradient boosting and the CNN (torch) on the non-blind events"),
        ("evaluate", cmd_evaluate, "metrics on the blind sample, with a Markdown report and plots"),
        ("classify", cmd_classify, "classify the published IACT events into taiga_iact.classification"),
    ):
        step = steps.add_parser(name, help=text)
        add_db(step)
        step.add_argument("--out", type=Path, default=DEFAULT_DIR, help=f"working folder (default {DEFAULT_DIR})")
        step.add_argument("--seed", type=int, default=1, help="dataset seed (default 1)")
        step.add_argument("--quiet", action="store_true", help="no progress bars")
        step.set_defaults(func=func)
        if name == "simulate":
            step.add_argument("--n-gamma", type=int, default=25000, help="gamma events after pre-selection")
            step.add_argument("--n-proton", type=int, default=25000, help="proton events after pre-selection")
        if name == "train":
            step.add_argument("--methods", default=None, help="comma-separated subset of cuts,sklearn,cnn")
        if name == "evaluate":
            step.add_argument("--json", action="store_true", help="print the metrics as one JSON object")
        if name == "classify":
            step.add_argument("--method", default=None, help="cnn (default with torch), sklearn or cuts")
            step.add_argument("--limit", type=int, default=20000, help="classify the first N events (0: all)")
            step.add_argument("--gamma-fraction", type=float, default=0.3,
                              help="share of gamma showers among the simulated event images")
