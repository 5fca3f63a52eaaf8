"""DALI request rules shared by every protocol (DALI 1.1 §3.1), without a web framework.

Parameter names are case-insensitive, so callers hand in parameters with their
names folded to upper case; values are kept as sent.
"""
from __future__ import annotations

from collections.abc import Mapping


class UsageError(Exception):
    """The request itself is wrong (bad or missing parameter); answered with HTTP 400."""


def single(params: Mapping[str, list[str]], name: str, default: str | None = None) -> str | None:
    """The one value of a parameter; repeating a single-valued parameter is an error."""
    values = params.get(name.upper())
    if not values:
        return default
    distinct = set(values)
    if len(distinct) > 1:
        raise UsageError(f"Parameter {name} was given several different values: {sorted(distinct)}")
    return values[0]
