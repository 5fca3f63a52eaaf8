"""Convolutional gamma/hadron classifier on the square-mapped camera image (needs torch).

This is the only module that imports torch; ``ml`` and the Hillas/sklearn
path work without it.  Input channels: log1p of the full calibrated image
(uncleaned, so that faint hadronic sub-showers outside the main island stay
visible) and the cleaning mask.  Training uses class-balanced loss weights
and the 12 lattice symmetries as augmentation (the source is at the centre).
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass

import numpy as np
import torch
from torch import nn
from tqdm import tqdm

from ml.camera import Camera, symmetry_permutations
from ml.cleaning import clean
from ml.hexmap import hex_to_grid


@dataclass(frozen=True)
class CnnConfig:
    """Hyper-parameters of the CNN and its training (saved with the model)."""

    channels: tuple[int, ...] = (16, 32, 64)
    dense: int = 32
    epochs: int = 10
    batch_size: int = 256
    learning_rate: float = 3e-3
    weight_decay: float = 1e-4
    augment: bool = True
    threads: int = 2
    seed: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


def device() -> torch.device:
    """The GPU when one is present, else the CPU."""
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


class GammaHadronNet(nn.Module):
    """Conv(3x3)+BN+ReLU blocks with 2x2 pooling, global average pooling, dense head -> one logit."""

    def __init__(self, channels: tuple[int, ...], dense: int, in_channels: int = 2) -> None:
        super().__init__()
        layers: list[nn.Module] = []
        previous = in_channels
        for width in channels:
            layers += [
                nn.Conv2d(previous, width, 3, padding=1, bias=False), nn.BatchNorm2d(width), nn.ReLU(inplace=True),
                nn.MaxPool2d(2),
            ]
            previous = width
        self.features = nn.Sequential(*layers)
        self.head = nn.Sequential(nn.Flatten(), nn.Linear(previous, dense), nn.ReLU(inplace=True), nn.Linear(dense, 1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.features(x).mean(dim=(2, 3))).squeeze(1)


def network_input(charge: np.ndarray, camera: Camera, chunk: int = 4096) -> np.ndarray:
    """``(n, 2, n_pixels)`` float32 network input per camera pixel: log1p(charge) and the cleaning mask."""
    charge = np.asarray(charge, dtype=np.float32)
    out = np.empty((charge.shape[0], 2, charge.shape[1]), dtype=np.float32)
    for start in range(0, charge.shape[0], chunk):
        block = charge[start : start + chunk]
        out[start : start + chunk, 0] = np.log1p(np.maximum(block, 0.0))
        out[start : start + chunk, 1] = clean(block, camera)
    return out


def _to_grid(pixels: np.ndarray, camera: Camera) -> torch.Tensor:
    """``(n, channels, n_pixels)`` -> ``(n, channels, 32, 32)`` tensor via :mod:`ml.hexmap`."""
    mapping = hex_to_grid(camera)
    n, c, _ = pixels.shape
    grid = mapping(pixels.reshape(n * c, -1)).reshape(n, c, mapping.size, mapping.size)
    return torch.from_numpy(grid)


def train_cnn(pixels: np.ndarray, is_gamma: np.ndarray, camera: Camera, config: CnnConfig,
              progress: bool = True) -> tuple[GammaHadronNet, dict]:
    """Train on ``network_input`` pixels; returns the model (on the CPU) and training facts."""
    torch.manual_seed(config.seed)
    torch.set_num_threads(config.threads)
    rng = np.random.default_rng(config.seed)
    target = torch.from_numpy(is_gamma.astype(np.float32))
    n_gamma = float(is_gamma.sum())
    n_total = float(is_gamma.size)
    if n_gamma == 0 or n_gamma == n_total:
        raise ValueError("CNN training needs both gammas and protons")
    weights = torch.where(target > 0.5, torch.tensor(0.5 * n_total / n_gamma),
                          torch.tensor(0.5 * n_total / (n_total - n_gamma)))
    perms = symmetry_permutations(camera) if config.augment else np.arange(camera.n_pixels)[None, :]
    run_on = device()
    model = GammaHadronNet(config.channels, config.dense).to(run_on)
    optimiser = torch.optim.AdamW(model.parameters(), lr=config.learning_rate, weight_decay=config.weight_decay)
    steps_per_epoch = int(np.ceil(n_total / config.batch_size))
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=config.learning_rate,
                                                   total_steps=config.epochs * steps_per_epoch)
    loss_fn = nn.BCEWithLogitsLoss(reduction="none")
    started = time.perf_counter()
    model.train()
    bar = tqdm(total=config.epochs * steps_per_epoch, desc="train cnn", unit="batch", disable=not progress)
    for _ in range(config.epochs):
        order = rng.permutation(int(n_total))
        for step in range(steps_per_epoch):
            batch = order[step * config.batch_size : (step + 1) * config.batch_size]
            chosen = perms[rng.integers(0, perms.shape[0], batch.size)]
            pix = np.take_along_axis(pixels[batch], chosen[:, None, :], axis=2)
            x = _to_grid(pix, camera).to(run_on)
            y, w = target[batch].to(run_on), weights[batch].to(run_on)
            loss = (loss_fn(model(x), y) * w).mean()
            optimiser.zero_grad(set_to_none=True)
            loss.backward()
            optimiser.step()
            schedule.step()
            bar.update()
            bar.set_postfix(loss=f"{loss.item():.3f}")
    bar.close()
    return model.cpu().eval(), {"train_seconds": time.perf_counter() - started, "device": str(run_on),
                                "n_train": int(n_total)}


@torch.no_grad()
def predict(model: GammaHadronNet, pixels: np.ndarray, camera: Camera, batch_size: int = 2048,
            progress: bool = False) -> np.ndarray:
    """Gammaness (sigmoid of the logit) for ``network_input`` pixels."""
    run_on = device()
    model = model.to(run_on).eval()
    out = np.empty(pixels.shape[0], dtype=np.float64)
    for start in tqdm(range(0, pixels.shape[0], batch_size), desc="cnn", unit="batch", disable=not progress):
        x = _to_grid(pixels[start : start + batch_size], camera).to(run_on)
        out[start : start + batch_size] = torch.sigmoid(model(x)).cpu().numpy()
    model.cpu()
    return out
