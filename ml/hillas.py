"""Hillas parameters of cleaned images, vectorised over events.

Moments are amplitude-weighted over the surviving pixels.  The assumed
source position is the camera centre (the point-source geometry of the
simulation), so ``dist`` is the distance of the centroid from the centre
and ``alpha`` the angle between the major axis and the centroid's radius.
``skewness`` is signed along the centre-to-centroid direction: positive
when the tail points away from the source, as for gamma images.
Images with fewer than ``MIN_PIXELS`` surviving pixels get NaN parameters.
"""

from __future__ import annotations

import numpy as np

from ml.camera import Camera
from ml.cleaning import clean

MIN_PIXELS = 3
FEATURES = (
    "size", "length", "width", "dist", "alpha", "miss", "azwidth", "conc",
    "skewness", "kurtosis", "leakage", "n_pixels", "cog_x", "cog_y", "psi",
)
CLASSIFIER_FEATURES = (
    "size", "length", "width", "dist", "alpha", "miss", "azwidth", "conc",
    "skewness", "kurtosis", "leakage", "n_pixels",
)


def moments(charge: np.ndarray, mask: np.ndarray, camera: Camera) -> dict[str, np.ndarray]:
    """Hillas parameters (degrees, phe) of each image restricted to its mask."""
    w = np.where(mask, np.maximum(charge, 0.0), 0.0).astype(np.float64)
    x, y = camera.x[None, :], camera.y[None, :]
    size = w.sum(axis=1)
    n_pixels = mask.sum(axis=1)
    valid = (n_pixels >= MIN_PIXELS) & (size > 0)
    safe = np.where(valid, size, 1.0)
    mx = (w * x).sum(axis=1) / safe
    my = (w * y).sum(axis=1) / safe
    dx, dy = x - mx[:, None], y - my[:, None]
    sxx = (w * dx * dx).sum(axis=1) / safe
    syy = (w * dy * dy).sum(axis=1) / safe
    sxy = (w * dx * dy).sum(axis=1) / safe
    half_trace = 0.5 * (sxx + syy)
    spread = np.sqrt(0.25 * (sxx - syy) ** 2 + sxy**2)
    length = np.sqrt(np.maximum(half_trace + spread, 0.0))
    width = np.sqrt(np.maximum(half_trace - spread, 0.0))
    psi = 0.5 * np.arctan2(2.0 * sxy, sxx - syy)
    cos, sin = np.cos(psi)[:, None], np.sin(psi)[:, None]
    along = dx * cos + dy * sin
    safe_length = np.where(length > 0, length, 1.0)
    skewness = (w * along**3).sum(axis=1) / safe / safe_length**3
    kurtosis = (w * along**4).sum(axis=1) / safe / safe_length**4
    dist = np.hypot(mx, my)
    radial_angle = np.arctan2(my, mx)
    alpha = np.abs(np.rad2deg(np.arctan(np.tan(psi - radial_angle))))
    miss = dist * np.sin(np.deg2rad(alpha))
    ux, uy = np.cos(radial_angle)[:, None], np.sin(radial_angle)[:, None]
    perpendicular = -dx * uy + dy * ux
    azwidth = np.sqrt((w * perpendicular**2).sum(axis=1) / safe)
    top_two = np.sort(w, axis=1)[:, -2:].sum(axis=1)
    conc = top_two / safe
    leakage = (w * camera.outer_ring[None, :]).sum(axis=1) / safe
    radial_sign = np.sign(np.cos(psi - radial_angle))
    skewness = skewness * np.where(radial_sign == 0, 1.0, radial_sign)
    params = {
        "size": size, "length": length, "width": width, "dist": dist, "alpha": alpha, "miss": miss,
        "azwidth": azwidth, "conc": conc, "skewness": skewness, "kurtosis": kurtosis, "leakage": leakage,
        "n_pixels": n_pixels.astype(np.float64), "cog_x": mx, "cog_y": my, "psi": np.rad2deg(psi),
    }
    return {name: np.where(valid, value, np.nan) for name, value in params.items()}


def hillas(charge: np.ndarray, camera: Camera, chunk: int = 4096) -> dict[str, np.ndarray]:
    """Clean and parameterise images in chunks (bounded memory for large datasets)."""
    charge = np.asarray(charge)
    if charge.ndim != 2 or charge.shape[1] != camera.n_pixels:
        raise ValueError(f"images must have shape (n_events, {camera.n_pixels}), got {charge.shape}")
    parts = []
    for start in range(0, charge.shape[0], chunk):
        block = charge[start : start + chunk].astype(np.float32)
        parts.append(moments(block, clean(block, camera), camera))
    if not parts:
        return {name: np.empty(0) for name in FEATURES}
    return {name: np.concatenate([p[name] for p in parts]) for name in FEATURES}
