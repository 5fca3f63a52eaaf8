"""Markdown report of a blind evaluation, with ROC and gammaness plots when matplotlib is present.

matplotlib is not a dependency of the data centre; without it the report is
written without figures and says so, instead of failing.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
from sklearn.metrics import roc_curve

REFERENCE = "Bychkov et al., Data 2018, 3(4), 56: CNN x30 at 55% gamma efficiency (Q = 3.0), two consecutive cuts x8"


def matplotlib_available() -> bool:
    return importlib.util.find_spec("matplotlib") is not None


def _fmt(result: dict, key: str) -> str:
    return f"{result[key]:.3g} ± {result[key + '_err']:.2g}"


def metrics_table(result: dict) -> str:
    """Markdown table of the headline metrics per method."""
    lines = [
        "| method | suppression at 55% | Q at 55% | ROC AUC | suppression at 50% / 70% | ε_γ at ×30 | n_γ / n_p |",
        "|---|---|---|---|---|---|---|",
    ]
    for method, r in result.items():
        limit = " (lower limit)" if r["suppression_at_055_is_lower_limit"] else ""
        lines.append(
            f"| {method} | {_fmt(r, 'suppression_at_055')}{limit} | {_fmt(r, 'q_factor')} | {_fmt(r, 'roc_auc')} | "
            f"{r['suppression_at_050']:.3g} / {r['suppression_at_070']:.3g} | "
            f"{r['gamma_efficiency_at_suppression_30']:.2f} | "
            f"{r['n_gamma']} / {r['n_proton']} |"
        )
    return "\n".join(lines)


def plot_roc(scores: dict[str, np.ndarray], is_gamma: np.ndarray, path: Path) -> Path:
    """ROC curves as gamma efficiency against proton suppression (log scale)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 4.5))
    for method, score in scores.items():
        fpr, tpr, _ = roc_curve(is_gamma, score)
        keep = fpr > 0
        ax.plot(tpr[keep], 1.0 / fpr[keep], label=method)
    ax.axvline(0.55, color="grey", linestyle=":", label="ε_γ = 0.55")
    ax.scatter([0.55, 0.55], [30, 8], marker="*", color="black", zorder=3, label="Data 2018: CNN ×30, cuts ×8")
    ax.set(xlabel="gamma efficiency", ylabel="proton suppression 1/ε_p", yscale="log", xlim=(0, 1))
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


def plot_gammaness(scores: dict[str, np.ndarray], is_gamma: np.ndarray, path: Path) -> Path:
    """Gammaness histograms of gammas and protons, one panel per method."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(scores), figsize=(4 * len(scores), 3.5), squeeze=False)
    for ax, (method, score) in zip(axes[0], scores.items()):
        bins = np.linspace(0, 1, 41)
        ax.hist(score[is_gamma], bins=bins, histtype="step", density=True, label="gamma")
        ax.hist(score[~is_gamma], bins=bins, histtype="step", density=True, label="proton")
        ax.set(title=method, xlabel="gammaness", yscale="log")
        ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


def write_report(result: dict, scores: dict[str, np.ndarray], is_gamma: np.ndarray, out_dir: Path, *,
                 provenance: dict) -> Path:
    """Write ``report.md`` (and the PNGs when possible) into ``out_dir``; returns the report path."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    parts = [
        "# Gamma/hadron separation on the blind sample",
        "",
        "Toy TAIGA-IACT simulation (not an estimate of real TAIGA performance); "
        "all methods on the same blind, pre-selected events.",
        f"Reference: {REFERENCE}.",
        "",
        metrics_table(result),
        "",
    ]
    if matplotlib_available():
        roc = plot_roc(scores, is_gamma, out_dir / "roc.png")
        hist = plot_gammaness(scores, is_gamma, out_dir / "gammaness.png")
        parts += [f"![ROC curves]({roc.name})", "", f"![Gammaness distributions]({hist.name})", ""]
    else:
        parts += ["Plots skipped: matplotlib is not installed.", ""]
    provenance_lines = [f"- **{key}**: `{json.dumps(value) if isinstance(value, dict) else value}`"
                        for key, value in provenance.items()]
    parts += ["## Provenance", ""] + provenance_lines
    path = out_dir / "report.md"
    path.write_text("\n".join(parts) + "\n")
    return path
