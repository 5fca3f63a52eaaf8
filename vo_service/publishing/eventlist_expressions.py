"""The small expression language of `apo publish` column mappings, evaluated safely on numpy columns.

A mapping value is a Python-syntax expression: bare names are source columns,
`col('log10(E)')` reaches names that are not identifiers, `meta('MJDREFI')` a
header keyword of the source file, numbers and + - * / ** the usual. Only the
functions below exist (no attribute access, no builtins), so a descriptor can
convert units and times but never run code.
"""
from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
from astropy.time import Time, TimeDelta
from astropy.utils import iers

from celestial.timescales import MJD_OF_UNIX_EPOCH, SECONDS_PER_DAY

iers.conf.auto_download = False


class MappingError(ValueError):
    """A mapping expression cannot be parsed or evaluated; the message names it."""


def unix_to_mjd(seconds: np.ndarray) -> np.ndarray:
    """UTC MJD of Unix times (leap seconds are not counted by Unix time, nor by MJD(UTC) day fractions)."""
    return MJD_OF_UNIX_EPOCH + np.asarray(seconds, dtype=float) / SECONDS_PER_DAY


def iso_to_mjd(text: np.ndarray) -> np.ndarray:
    """UTC MJD of ISO 8601 date-times ('2011-05-14 01:32:22.654109')."""
    return Time([str(t).strip() for t in np.asarray(text)], format="iso", scale="utc").mjd


def yday_to_mjd(year: np.ndarray, day_of_year: np.ndarray) -> np.ndarray:
    """UTC MJD of 0h on day day_of_year (1-based) of year."""
    return Time([f"{int(y)}:{int(d):03d}" for y, d in zip(year, day_of_year)], format="yday", scale="utc").mjd


def met_tt_to_mjd(seconds: np.ndarray, mjdref: float) -> np.ndarray:
    """UTC MJD of mission elapsed times in TT seconds since MJDREF (Fermi, H.E.S.S. DL3 / GADF)."""
    reference = Time(float(mjdref), format="mjd", scale="tt")
    return (reference + TimeDelta(np.asarray(seconds, dtype=float), format="sec")).utc.mjd


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "log10": np.log10, "sqrt": np.sqrt, "radians": np.radians, "degrees": np.degrees, "abs": np.abs,
    "unix_to_mjd": unix_to_mjd, "iso_to_mjd": iso_to_mjd, "yday_to_mjd": yday_to_mjd,
    "met_tt_to_mjd": met_tt_to_mjd,
}
_OPERATORS = {ast.Add: np.add, ast.Sub: np.subtract, ast.Mult: np.multiply, ast.Div: np.true_divide,
              ast.Pow: np.power}


class Evaluator:
    """Evaluates mapping expressions over one source table (columns, header keywords, row numbers)."""

    def __init__(self, columns: Mapping[str, np.ndarray], meta: Mapping[str, Any], first_row: int = 1) -> None:
        self.columns = columns
        self.meta = meta
        self.n_rows = len(next(iter(columns.values()))) if columns else 0
        self.first_row = first_row

    def __call__(self, expression: Any, target: str) -> Any:
        """The value of one mapping entry: a column, a scalar, or None (NULL)."""
        if expression is None or isinstance(expression, (int, float)):
            return expression
        text = str(expression)
        if text in self.columns:
            return self.columns[text]
        try:
            tree = ast.parse(text, mode="eval")
        except SyntaxError as exc:
            raise MappingError(f"mapping of {target!r}: {text!r} is not an expression ({exc.msg})") from None
        try:
            return self._eval(tree.body)
        except MappingError as exc:
            raise MappingError(f"mapping of {target!r} ({text!r}): {exc}") from None

    def _eval(self, node: ast.AST) -> Any:
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float, str)):
            return node.value
        if isinstance(node, ast.Name):
            return self._column(node.id)
        if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
            return _OPERATORS[type(node.op)](self._eval(node.left), self._eval(node.right))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            value = self._eval(node.operand)
            return -value if isinstance(node.op, ast.USub) else value
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.keywords:
            return self._call(node.func.id, [self._eval(arg) for arg in node.args])
        raise MappingError(f"{ast.unparse(node)!r} is not allowed (columns, numbers, + - * / **, and the "
                           f"functions col, meta, row_number, {', '.join(FUNCTIONS)})")

    def _column(self, name: str) -> np.ndarray:
        if name not in self.columns:
            raise MappingError(f"no source column {name!r}; the source has {', '.join(self.columns)}")
        return self.columns[name]

    def _call(self, name: str, args: list[Any]) -> Any:
        if name == "col" and len(args) == 1:
            return self._column(str(args[0]))
        if name == "meta" and len(args) == 1:
            if args[0] not in self.meta:
                raise MappingError(f"the source header has no keyword {args[0]!r}")
            return self.meta[args[0]]
        if name == "row_number" and not args:
            return np.arange(self.first_row, self.first_row + self.n_rows, dtype=np.int64)
        if name not in FUNCTIONS:
            raise MappingError(f"unknown function {name!r}")
        try:
            return FUNCTIONS[name](*args)
        except (TypeError, ValueError) as exc:
            raise MappingError(f"{name}: {exc}") from None
