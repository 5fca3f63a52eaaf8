"""Hexagonal camera image -> square grid for the CNN (offset-coordinate mapping).

Mapping used: each pixel goes to the cell (row, col) of its offset index
(rows are horizontal lines of the lattice, 0.314 deg apart; odd rows are
shifted right by half a pitch, so their cells stand for centres half a cell
to the right).  For the 559-pixel camera this fills 29 rows x 25 columns;
the grid is padded symmetrically to 32 x 32 with zeros, and cells with no
pixel stay zero.  The mapping is lossless and one-to-one (every pixel has
its own cell) and keeps every horizontal neighbour adjacent; the diagonal
neighbours of a pixel land in the cells above/below it and one of their
diagonal cells depending on the row parity, which a 3 x 3 convolution
covers.  It slightly shears the image (by half a pitch on odd rows), a
distortion the network learns since it is the same in training and use.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ml.camera import Camera

GRID_SIZE = 32


@dataclass(frozen=True)
class HexToGrid:
    """Precomputed flat cell index of every camera pixel in a ``size x size`` grid."""

    cell: np.ndarray
    size: int

    def __call__(self, images: np.ndarray) -> np.ndarray:
        """Map ``(n_events, n_pixels)`` images to ``(n_events, size, size)`` float32 grids."""
        images = np.asarray(images)
        if images.ndim != 2 or images.shape[1] != self.cell.size:
            raise ValueError(f"images must have shape (n_events, {self.cell.size}), got {images.shape}")
        grid = np.zeros((images.shape[0], self.size * self.size), dtype=np.float32)
        grid[:, self.cell] = images
        return grid.reshape(images.shape[0], self.size, self.size)


def hex_to_grid(camera: Camera, size: int = GRID_SIZE) -> HexToGrid:
    """Build the offset-coordinate mapping of ``camera`` into a centred square grid."""
    n_rows, n_cols = int(camera.row.max()) + 1, int(camera.col.max()) + 1
    if n_rows > size or n_cols > size:
        raise ValueError(f"camera needs a {n_rows} x {n_cols} grid, larger than {size} x {size}")
    top, left = (size - n_rows) // 2, (size - n_cols) // 2
    cell = (camera.row + top) * size + (camera.col + left)
    if np.unique(cell).size != cell.size:
        raise ValueError("two pixels share a grid cell: the offset indices are not unique")
    return HexToGrid(cell=cell.astype(np.int64), size=size)
