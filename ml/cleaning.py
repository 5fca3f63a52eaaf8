"""Two-threshold tail-cut cleaning with brightest-island selection, for many images at once.

This is the TAIGA Monte Carlo procedure (picture 14 phe, boundary 7 phe):
picture pixels need at least one picture neighbour, boundary pixels need a
surviving picture neighbour, and only the connected island with the largest
summed charge is kept.  Islands are found by min-label propagation over the
fixed neighbour table, which runs as whole-array numpy operations.
"""

from __future__ import annotations

import numpy as np

from ml.camera import Camera

PICTURE_PHE = 14.0
BOUNDARY_PHE = 7.0


def tailcuts(charge: np.ndarray, camera: Camera, picture: float = PICTURE_PHE,
             boundary: float = BOUNDARY_PHE) -> np.ndarray:
    """Boolean mask of the pixels surviving the two-threshold cleaning."""
    if boundary > picture:
        raise ValueError(f"boundary threshold {boundary} must not exceed picture threshold {picture}")
    neighbours = camera.neighbours
    self_index = np.arange(camera.n_pixels)[:, None]
    real_neighbour = neighbours != self_index
    above_picture = charge > picture
    picture_neighbours = (above_picture[:, neighbours] & real_neighbour[None]).sum(axis=2)
    core = above_picture & (picture_neighbours > 0)
    core_neighbours = (core[:, neighbours] & real_neighbour[None]).any(axis=2)
    return core | ((charge > boundary) & core_neighbours)


def brightest_island(charge: np.ndarray, mask: np.ndarray, camera: Camera) -> np.ndarray:
    """Keep only the connected group of masked pixels with the largest total charge."""
    n_events, n_pixels = mask.shape
    sentinel = n_pixels
    labels = np.where(mask, np.arange(n_pixels)[None, :], sentinel)
    while True:
        neighbour_min = labels[:, camera.neighbours].min(axis=2)
        updated = np.where(mask, np.minimum(labels, neighbour_min), sentinel)
        if np.array_equal(updated, labels):
            break
        labels = updated
    sums = np.zeros((n_events, n_pixels + 1))
    rows = np.repeat(np.arange(n_events), n_pixels)
    np.add.at(sums, (rows, labels.ravel()), np.where(mask, charge, 0.0).ravel())
    best = sums[:, :n_pixels].argmax(axis=1)
    return mask & (labels == best[:, None])


def clean(charge: np.ndarray, camera: Camera, picture: float = PICTURE_PHE,
          boundary: float = BOUNDARY_PHE) -> np.ndarray:
    """Tail cuts followed by brightest-island selection (the mask of kept pixels)."""
    return brightest_island(charge, tailcuts(charge, camera, picture, boundary), camera)
