"""Simulated IACT datasets: images, truth, Hillas parameters and the blind split, in one .npz.

A dataset holds the events that trigger and survive cleaning and the
analysis pre-selection (size > 120 phe, 0.36 < dist < 1.44 deg), because
those are the only events any method is trained or judged on; how many
showers were thrown to get them is kept in the metadata.  Showers that
cannot reach the pre-selection (no muon arc and true size < 40 phe or an image centre
beyond 2.6 deg) are counted but not rendered, which saves most of the CPU.

The blind sample is a random subset drawn from its own seed and stored as
a boolean column; training code refuses datasets without one and never
touches those rows.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from tqdm import tqdm

from ml.camera import taiga_camera
from ml.cuts import preselect
from ml.hillas import FEATURES, hillas
from ml.imagesim import render
from ml.showers import GAMMA, PROTON, Knobs, gamma_showers, proton_showers

FORMAT_VERSION = 1
RUN_SIZE = 4000
RENDER_MIN_SIZE_PHE = 40.0
RENDER_MAX_COG_DEG = 2.6
TRUTH = ("particle", "energy_tev", "impact_m", "true_size_phe", "gamma_like", "nsb_sigma")


@dataclass(frozen=True)
class Dataset:
    """Events as parallel arrays; ``images`` is ``(n_events, n_pixels)`` in phe."""

    event_id: np.ndarray
    images: np.ndarray
    truth: dict[str, np.ndarray]
    hillas: dict[str, np.ndarray]
    blind: np.ndarray
    meta: dict

    @property
    def is_gamma(self) -> np.ndarray:
        return self.truth["particle"] == GAMMA

    def __len__(self) -> int:
        return int(self.event_id.size)

    def subset(self, keep: np.ndarray) -> Dataset:
        """Rows selected by a boolean mask or index array (metadata shared)."""
        return Dataset(
            event_id=self.event_id[keep],
            images=self.images[keep],
            truth={k: v[keep] for k, v in self.truth.items()},
            hillas={k: v[keep] for k, v in self.hillas.items()},
            blind=self.blind[keep],
            meta=self.meta,
        )

    def training_part(self) -> Dataset:
        """Everything outside the blind sample."""
        return self.subset(~self.blind)

    def blind_part(self) -> Dataset:
        return self.subset(self.blind)


def digest(event_id: np.ndarray, images: np.ndarray, labels: np.ndarray) -> str:
    """SHA-256 of the event ids, images and labels a model was trained on."""
    h = hashlib.sha256()
    for array in (event_id, images, labels):
        h.update(np.ascontiguousarray(array).tobytes())
    return h.hexdigest()


def _simulate_particle(particle: int, n_wanted: int, seed: int, knobs: Knobs, progress: bool) -> tuple[dict, dict, int]:
    rng = np.random.default_rng([seed, particle])
    camera = taiga_camera()
    make = gamma_showers if particle == GAMMA else proton_showers
    kept_images, kept_truth, kept_hillas = [], [], []
    n_kept = n_thrown = 0
    name = "gamma" if particle == GAMMA else "proton"
    with tqdm(total=n_wanted, desc=f"simulate {name}", unit="event", disable=not progress) as bar:
        while n_kept < n_wanted:
            showers = make(rng, RUN_SIZE, knobs)
            n_thrown += RUN_SIZE
            bright = showers.size_phe >= RENDER_MIN_SIZE_PHE
            central = np.hypot(showers.cog_x, showers.cog_y) <= RENDER_MAX_COG_DEG
            renderable = showers.muon_arc | (bright & central)
            showers = showers.subset(renderable)
            images = render(rng, showers, camera, knobs)
            stored = images.charge.astype(np.float16)
            params = hillas(stored, camera)
            keep = np.flatnonzero(images.triggered & preselect(params))[: n_wanted - n_kept]
            kept_images.append(stored[keep])
            kept_truth.append({
                "particle": showers.particle[keep], "energy_tev": showers.energy_tev[keep],
                "impact_m": showers.impact_m[keep], "true_size_phe": showers.size_phe[keep],
                "gamma_like": showers.gamma_like[keep], "nsb_sigma": images.nsb_sigma[keep],
            })
            kept_hillas.append({k: v[keep] for k, v in params.items()})
            n_kept += keep.size
            bar.update(keep.size)
    truth = {k: np.concatenate([t[k] for t in kept_truth]) for k in TRUTH}
    params = {k: np.concatenate([p[k] for p in kept_hillas]) for k in FEATURES}
    return {"images": np.concatenate(kept_images), **truth}, params, n_thrown


def simulate(n_gamma: int, n_proton: int, seed: int, *, knobs: Knobs | None = None, blind_fraction: float = 0.3,
             progress: bool = True) -> Dataset:
    """Simulate ``n_gamma`` + ``n_proton`` pre-selected events, deterministically for a seed."""
    if n_gamma < 1 or n_proton < 1:
        raise ValueError("need at least one gamma and one proton event")
    if seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed}")
    if not 0.0 < blind_fraction < 1.0:
        raise ValueError(f"blind_fraction must be in (0, 1), got {blind_fraction}")
    knobs = knobs or Knobs()
    gammas, g_params, g_thrown = _simulate_particle(GAMMA, n_gamma, seed, knobs, progress)
    protons, p_params, p_thrown = _simulate_particle(PROTON, n_proton, seed, knobs, progress)
    order = np.random.default_rng([seed, 2]).permutation(n_gamma + n_proton)
    merged = {k: np.concatenate([gammas[k], protons[k]])[order] for k in gammas}
    params = {k: np.concatenate([g_params[k], p_params[k]])[order] for k in FEATURES}
    blind_seed = seed * 1000 + 7
    blind = np.random.default_rng(blind_seed).random(order.size) < blind_fraction
    meta = {
        "format_version": FORMAT_VERSION, "seed": seed, "blind_seed": blind_seed, "blind_fraction": blind_fraction,
        "knobs": knobs.as_dict(), "n_thrown": {"gamma": g_thrown, "proton": p_thrown},
        "n_selected": {"gamma": n_gamma, "proton": n_proton},
        "selection": ("trigger (2 adjacent pixels > 12 phe, r < 3.7 deg), cleaning 14/7 phe brightest island, "
                      "size > 120 phe, 0.36 < dist < 1.44 deg"),
    }
    images = merged.pop("images")
    return Dataset(event_id=np.arange(1, order.size + 1, dtype=np.int64), images=images, truth=merged, hillas=params,
                   blind=blind, meta=meta)


def save(dataset: Dataset, path: Path) -> Path:
    """Write the dataset as an uncompressed .npz (images as float16)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    arrays = {"event_id": dataset.event_id, "images": dataset.images, "blind": dataset.blind,
              "meta": np.array(json.dumps(dataset.meta))}
    arrays.update({f"truth_{k}": v for k, v in dataset.truth.items()})
    arrays.update({f"hillas_{k}": v for k, v in dataset.hillas.items()})
    with open(path, "wb") as handle:
        np.savez(handle, **arrays)
    return path


def load(path: Path) -> Dataset:
    """Read a dataset written by :func:`save`, with a clear error for anything else."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no dataset at {path}")
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {name: data[name] for name in data.files}
        meta = json.loads(str(arrays["meta"]))
    except (KeyError, OSError, ValueError) as error:
        raise ValueError(f"{path} is not an ml dataset: {error}") from error
    if meta.get("format_version") != FORMAT_VERSION:
        raise ValueError(f"{path}: dataset format {meta.get('format_version')}, expected {FORMAT_VERSION}")
    required = ("event_id", "images", "blind", *(f"truth_{k}" for k in TRUTH), *(f"hillas_{k}" for k in FEATURES))
    missing = [name for name in required if name not in arrays]
    if missing:
        raise ValueError(f"{path} is not an ml dataset: missing {', '.join(missing)}")
    return Dataset(
        event_id=arrays["event_id"], images=arrays["images"], blind=arrays["blind"], meta=meta,
        truth={k: arrays[f"truth_{k}"] for k in TRUTH},
        hillas={k: arrays[f"hillas_{k}"] for k in FEATURES},
    )
