"""Camera geometry and the hexagonal-to-square mapping."""

import numpy as np
import pytest

from ml.camera import PITCH_DEG, symmetry_permutations, taiga_camera
from ml.hexmap import hex_to_grid


def test_camera_has_559_pixels_on_a_29_by_25_offset_grid():
    camera = taiga_camera()
    assert camera.n_pixels == 559
    assert (camera.row.max() + 1, camera.col.max() + 1) == (29, 25)
    assert np.hypot(camera.x, camera.y).max() <= 4.5 + 1e-9
    assert camera.pixel_area == pytest.approx(0.1135, abs=1e-3)


def test_neighbours_are_symmetric_and_one_pitch_apart():
    camera = taiga_camera()
    i, j = camera.edges.T
    assert np.allclose(np.hypot(camera.x[i] - camera.x[j], camera.y[i] - camera.y[j]), PITCH_DEG)
    pairs = {tuple(e) for e in camera.edges}
    for a, b in pairs:
        assert b in camera.neighbours[a] and a in camera.neighbours[b]
    inner = ~camera.outer_ring
    assert np.all((camera.neighbours[inner] != np.arange(camera.n_pixels)[inner, None]).sum(axis=1) == 6)


def test_symmetries_rotate_pixel_positions():
    camera = taiga_camera()
    perms = symmetry_permutations(camera)
    assert perms.shape == (12, camera.n_pixels)
    angle = np.pi / 3
    source = perms[1]
    assert np.allclose(camera.x[source], np.cos(angle) * camera.x - np.sin(angle) * camera.y, atol=1e-9)
    assert np.allclose(camera.y[source], np.sin(angle) * camera.x + np.cos(angle) * camera.y, atol=1e-9)


def test_hex_to_grid_is_one_to_one_and_lossless():
    camera = taiga_camera()
    mapping = hex_to_grid(camera)
    images = np.random.default_rng(0).normal(size=(3, camera.n_pixels)).astype(np.float32)
    grid = mapping(images)
    assert grid.shape == (3, 32, 32)
    assert np.array_equal(grid.reshape(3, -1)[:, mapping.cell], images)
    assert np.count_nonzero(grid[0]) == camera.n_pixels


def test_hex_to_grid_keeps_horizontal_neighbours_adjacent():
    camera = taiga_camera()
    mapping = hex_to_grid(camera)
    i, j = camera.edges.T
    same_row = camera.row[i] == camera.row[j]
    assert np.all(np.abs(mapping.cell[i[same_row]] - mapping.cell[j[same_row]]) == 1)
    row_i, col_i = np.divmod(mapping.cell[i], 32)
    row_j, col_j = np.divmod(mapping.cell[j], 32)
    assert np.all((np.abs(row_i - row_j) <= 1) & (np.abs(col_i - col_j) <= 1))


def test_hex_to_grid_rejects_wrong_shapes():
    mapping = hex_to_grid(taiga_camera())
    with pytest.raises(ValueError, match="n_events, 559"):
        mapping(np.zeros((2, 100)))
    with pytest.raises(ValueError, match="larger than"):
        hex_to_grid(taiga_camera(), size=16)
