"""A queue claim as data: which row to take from which table and what to write into it.

The UWS job store used to hand the backends SQL fragments; it now names columns and
values, and each backend writes the statement itself (quoted identifiers, placeholders,
and its own way of keeping two claimers off one row).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from resources import TableDescriptor


@dataclass(frozen=True)
class QueueClaim:
    """Take the first row of ``table`` (in ``order_by`` order) whose columns equal ``match``, and set ``assign``.

    ``key`` identifies the row (the table's primary key). Every column named must be one of the
    table's, so a claim can only ever touch what the descriptor declares. The claimed row comes
    back with the descriptor's columns, in descriptor order.
    """

    table: TableDescriptor
    key: str
    match: Mapping[str, Any]
    assign: Mapping[str, Any]
    order_by: tuple[str, ...]

    def __post_init__(self) -> None:
        if not self.assign:
            raise ValueError("a queue claim must change the row it takes")
        if not self.order_by:
            raise ValueError("a queue claim needs an order: which row comes first")
        known = {c.name for c in self.table.columns}
        unknown = sorted({self.key, *self.match, *self.assign, *self.order_by} - known)
        if unknown:
            raise ValueError(f"{self.table.qualified_name} has no columns {unknown}")
        object.__setattr__(self, "match", MappingProxyType(dict(self.match)))
        object.__setattr__(self, "assign", MappingProxyType(dict(self.assign)))
        object.__setattr__(self, "order_by", tuple(self.order_by))
