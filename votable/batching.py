"""Re-cutting the caller's batches into blocks of a good size, and MAXREC.

Whatever batch sizes the database delivers, the writers work best on blocks
of a few thousand rows: large enough for numpy to pay off, small enough that
memory stays flat and output flows steadily. Row batches are merged or split;
column batches (dicts of arrays) are split. At most `maxrec` rows are passed
on; `overflow` tells afterwards whether a further row existed. If reading a
batch fails, the rows already received are passed on before the error.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from .columns import Column, from_arrays, from_rows
from .errors import CoercionError
from .model import Field


class Blocks:
    """Iterates over the batches as lists of Columns of at most `block_rows` rows."""

    def __init__(self, fields: Sequence[Field], batches: Iterable[Any], block_rows: int,
                 maxrec: int | None = None):
        self.fields = list(fields)
        self.batches = batches
        self.block_rows = block_rows
        self.maxrec = maxrec
        self.overflow = False
        self.rows_written = 0

    def __iter__(self) -> Iterator[list[Column]]:
        source = iter(self.batches)
        pending: list = []
        while True:
            try:
                batch = next(source)
            except StopIteration:
                break
            except Exception:
                yield from self._take_rows(pending)
                raise
            if isinstance(batch, Mapping):
                if pending:
                    yield from self._take_rows(pending)
                    pending = []
                if self._at_limit():
                    self.overflow = self.overflow or _any_rows(iter([batch])) or _any_rows(source)
                    return
                yield from self._take_arrays(batch)
            else:
                pending.extend(batch)
                if len(pending) >= self.block_rows:
                    full = len(pending) - len(pending) % self.block_rows
                    yield from self._take_rows(pending[:full])
                    pending = pending[full:]
            if self._at_limit():
                self.overflow = self.overflow or bool(pending) or _any_rows(source)
                return
        if pending:
            yield from self._take_rows(pending)

    def _room(self) -> int | None:
        return None if self.maxrec is None else self.maxrec - self.rows_written

    def _at_limit(self) -> bool:
        return self.maxrec is not None and self.rows_written >= self.maxrec

    def _take_rows(self, rows: list) -> Iterator[list[Column]]:
        room = self._room()
        if room is not None and len(rows) > room:
            self.overflow = True
            rows = rows[:room]
        for start in range(0, len(rows), self.block_rows):
            block = rows[start:start + self.block_rows]
            self.rows_written += len(block)
            yield from_rows(self.fields, block)

    def _take_arrays(self, batch: Mapping[str, Any]) -> Iterator[list[Column]]:
        batch = {field.name: batch[field.name] for field in self.fields if field.name in batch}
        lengths = {len(values) for values in batch.values()}
        if len(lengths) > 1:
            raise CoercionError("the columns of a batch have different lengths: %s"
                                % sorted(lengths))
        total = lengths.pop() if lengths else 0
        room = self._room()
        if room is not None and total > room:
            self.overflow = True
            total = room
        for start in range(0, total, self.block_rows):
            stop = min(start + self.block_rows, total)
            self.rows_written += stop - start
            yield from_arrays(self.fields, {name: values[start:stop] for name, values in batch.items()})

def _any_rows(batches: Iterator[Any]) -> bool:
    """Whether the remaining batches hold one more row (reads only until one does)."""
    for batch in batches:
        if isinstance(batch, Mapping):
            if any(len(values) for values in batch.values()):
                return True
        elif next(iter(batch), None) is not None:
            return True
    return False
