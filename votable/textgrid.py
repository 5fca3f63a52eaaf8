"""Cells of text for a whole block as padded byte matrices, joined into rows with array operations.

Writing a text table one cell at a time costs a Python call per cell. Here a
column of cells is a `Grid`: a uint8 matrix (rows x width) and a boolean
matrix of the same shape saying which bytes belong to the text, so the text
of row i is ``chars[i][keep[i]]``. Laying the grids of all columns (and the
markup between them) side by side and keeping the marked bytes gives the rows
of the table in one step. Strings become grids through one UTF-8 buffer
(`Ragged`), which can also be cut into row ranges when one long cell would
make the padded matrix too large.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass
class Grid:
    """A column of text cells: row i is ``chars[i][keep[i]]``."""

    chars: np.ndarray
    keep: np.ndarray

    @property
    def width(self) -> int:
        return self.chars.shape[1]

    def rows(self, start: int, stop: int) -> Grid:
        return Grid(self.chars[start:stop], self.keep[start:stop])

    def widest(self, start: int, stop: int) -> int:
        return self.width

    def blank(self, null: np.ndarray) -> Grid:
        """The same cells with the rows marked in `null` emptied (NULL is the empty string)."""
        if null.any():
            self.keep[null] = False
        return self


def constant(text: bytes, rows: int) -> Grid:
    """The same bytes in every row (markup between cells)."""
    chars = np.broadcast_to(np.frombuffer(text, np.uint8), (rows, len(text)))
    return Grid(chars, np.broadcast_to(np.ones(len(text), bool), (rows, len(text))))


class Ragged:
    """Strings as one UTF-8 buffer with the start and length of each."""

    def __init__(self, texts: Sequence[str]):
        joined = "".join(texts)
        data = joined.encode("utf-8")
        if len(data) == len(joined):
            lengths = np.fromiter(map(len, texts), np.int64, len(texts))
        else:
            lengths = np.fromiter((len(text.encode("utf-8")) for text in texts), np.int64, len(texts))
        self.data = np.frombuffer(data, np.uint8)
        self.lengths = lengths
        self.starts = np.cumsum(lengths) - lengths

    def widest(self, start: int, stop: int) -> int:
        return int(self.lengths[start:stop].max(initial=0))

    def rows(self, start: int, stop: int) -> Grid:
        lengths = self.lengths[start:stop]
        columns = np.arange(self.widest(start, stop))
        keep = columns < lengths[:, None]
        if not len(self.data):
            return Grid(np.zeros(keep.shape, np.uint8), keep)
        index = np.where(keep, self.starts[start:stop, None] + columns, 0)
        return Grid(self.data[index], keep)


def join(grids: Sequence[Grid]) -> bytes:
    """The rows made of these grids side by side, as one byte string."""
    chars = np.concatenate([grid.chars for grid in grids], axis=1)
    keep = np.concatenate([grid.keep for grid in grids], axis=1)
    return chars[keep].tobytes()
