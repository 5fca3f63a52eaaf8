"""Pixel geometry of a TAIGA-IACT-like camera.

The camera is a hexagonal lattice of 19 mm PMTs behind 30 mm Winston cones;
at the 4.75 m focal length this is a pitch of 0.362 deg.  Keeping the pixel
centres within 4.5 deg of the optical axis gives 559 pixels, close to the
560 of the real camera.  Everything the simulation, the cleaning and the CNN
grid need (positions, neighbours, offset row/column indices) is derived
here once, so that the three agree by construction.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

PITCH_DEG = 0.362
CAMERA_RADIUS_DEG = 4.5
TRIGGER_RADIUS_DEG = 3.7
PSF_SIGMA_DEG = 0.05


@dataclass(frozen=True)
class Camera:
    """Pixel centres, areas and adjacency of the hexagonal camera.

    ``row``/``col`` are offset indices (odd rows shifted by half a pitch to
    the right), both starting at 0; ``neighbours`` is an ``(n_pixels, 6)``
    index array padded with the pixel's own index where a neighbour is
    missing, which lets vectorised code gather neighbours without masks.
    """

    x: np.ndarray
    y: np.ndarray
    row: np.ndarray
    col: np.ndarray
    neighbours: np.ndarray
    pixel_area: float
    pixel_rms: float
    in_trigger_region: np.ndarray
    outer_ring: np.ndarray

    @property
    def n_pixels(self) -> int:
        return int(self.x.size)

    @property
    def edges(self) -> np.ndarray:
        """Each adjacent pair once, as an ``(n_edges, 2)`` array with i < j."""
        i = np.repeat(np.arange(self.n_pixels), 6)
        j = self.neighbours.ravel()
        keep = i < j
        return np.stack([i[keep], j[keep]], axis=1)


def _lattice(pitch: float, radius: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Centres of an offset-row hexagonal lattice inside a circle, with their (row, col)."""
    row_step = pitch * np.sqrt(3.0) / 2.0
    n_rows = int(np.floor(radius / row_step))
    n_cols = int(np.floor(radius / pitch)) + 1
    rows, cols = np.meshgrid(np.arange(-n_rows, n_rows + 1), np.arange(-n_cols, n_cols + 1), indexing="ij")
    x = (cols + 0.5 * (rows % 2)) * pitch
    y = rows * row_step
    inside = np.hypot(x, y) <= radius + 1e-9
    return x[inside], y[inside], rows[inside], cols[inside]


@lru_cache(maxsize=1)
def taiga_camera() -> Camera:
    """The 559-pixel camera used throughout ``ml`` (built once, immutable)."""
    x, y, rows, cols = _lattice(PITCH_DEG, CAMERA_RADIUS_DEG)
    order = np.lexsort((x, y))
    x, y, rows, cols = x[order], y[order], rows[order], cols[order]
    n = x.size
    distance = np.hypot(x[:, None] - x[None, :], y[:, None] - y[None, :])
    adjacent = (distance > 0) & (distance < 1.1 * PITCH_DEG)
    neighbours = np.tile(np.arange(n)[:, None], (1, 6))
    for pixel in range(n):
        found = np.flatnonzero(adjacent[pixel])
        neighbours[pixel, : found.size] = found
    n_neighbours = adjacent.sum(axis=1)
    flat_to_flat_side = PITCH_DEG / np.sqrt(3.0)
    area = 1.5 * np.sqrt(3.0) * flat_to_flat_side**2
    for array in (x, y, rows, cols, neighbours):
        array.setflags(write=False)
    return Camera(
        x=x,
        y=y,
        row=rows - rows.min(),
        col=cols - cols.min(),
        neighbours=neighbours,
        pixel_area=float(area),
        pixel_rms=float(np.sqrt(5.0 / 24.0) * flat_to_flat_side),
        in_trigger_region=np.hypot(x, y) <= TRIGGER_RADIUS_DEG,
        outer_ring=n_neighbours < 6,
    )


def _lattice_key(x: float, y: float) -> tuple[int, int]:
    """Pixel position in whole half-pitches, so that rotated centres find their pixel despite rounding."""
    return round(float(x) / PITCH_DEG * 2), round(float(y) / PITCH_DEG * 2)


def symmetry_permutations(camera: Camera) -> np.ndarray:
    """Pixel permutations for the 12 symmetries of the lattice (60 deg rotations, mirrored or not).

    Row ``k`` maps an image ``img`` to its transformed copy ``img[:, perm[k]]``.
    Valid as data augmentation only because the source sits at the camera centre.
    """
    index = {_lattice_key(x, y): i for i, (x, y) in enumerate(zip(camera.x, camera.y))}
    perms = []
    for mirror in (1.0, -1.0):
        for k in range(6):
            angle = k * np.pi / 3.0
            x = np.cos(angle) * camera.x * mirror - np.sin(angle) * camera.y
            y = np.sin(angle) * camera.x * mirror + np.cos(angle) * camera.y
            perms.append([index[_lattice_key(a, b)] for a, b in zip(x, y)])
    return np.asarray(perms, dtype=np.int64)
