"""Benchmark of the gamma/hadron pipeline: simulation, training time, inference images/s, blind metrics.

Runs the default training configuration (the one ``apo ml train`` uses) on
2 CPU threads unless a GPU is present, then times classification of the
blind images per method and writes the blind-sample report.  Prints one
JSON object; ``--out`` keeps the dataset, models and report.

    .venv/bin/python benchmarks/bench_ml.py --n-gamma 25000 --n-proton 25000 --out var/bench_ml
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ml import dataset as datasets  # noqa: E402
from ml.pipeline import TrainConfig, classify, record_metrics, report, simulate_dataset, train  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n-gamma", type=int, default=25000)
    parser.add_argument("--n-proton", type=int, default=25000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("var/bench_ml"))
    parser.add_argument("--dataset", type=Path, help="reuse an existing dataset instead of simulating")
    args = parser.parse_args(argv)

    facts: dict = {}
    started = time.perf_counter()
    path = args.dataset or simulate_dataset(args.n_gamma, args.n_proton, args.seed, args.out)
    facts["simulate_seconds"] = None if args.dataset else round(time.perf_counter() - started, 1)
    data = datasets.load(path)
    facts["dataset"] = {"path": str(path), "events": len(data),
                        "blind_gamma": int((data.blind & data.is_gamma).sum()),
                        "blind_proton": int((data.blind & ~data.is_gamma).sum()),
                        "showers_thrown": data.meta["n_thrown"]}

    started = time.perf_counter()
    models = train(data, args.out / "models", config=TrainConfig())
    facts["train_seconds_total"] = round(time.perf_counter() - started, 1)
    if "cnn" in models.models:
        facts["cnn_train_seconds"] = round(models["cnn"].card.hyperparameters["train_seconds"], 1)
        facts["cnn_device"] = models["cnn"].card.hyperparameters["device"]

    images = data.blind_part().images.astype(np.float32)
    facts["inference_images_per_second"] = {}
    for method, model in models.models.items():
        tick = time.perf_counter()
        classify(images, model)
        facts["inference_images_per_second"][method] = round(images.shape[0] / (time.perf_counter() - tick), 1)

    result, report_path = report(data, models, args.out / "report")
    record_metrics(models, result)
    facts["report"] = str(report_path)
    blind_metric_names = ("suppression_at_055", "suppression_at_055_err", "q_factor", "q_factor_err",
                          "roc_auc", "roc_auc_err", "n_proton")
    facts["blind_metrics"] = {m: {k: r[k] for k in blind_metric_names} for m, r in result.items()}
    print(json.dumps(facts, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
