"""Aggregate queries over one table, answered from in-memory numpy columns.

SQLite groups rows by sorting them all (about 0.7 µs a row), so a histogram over a million
events takes most of a second; numpy sorts and counts the same column in about 15 ms.
:func:`plan` decides whether a validated query is one this module answers exactly as the
SQLite translation would: one published table; WHERE made of comparisons, BETWEEN, IN lists,
IS NULL, AND, OR and NOT; GROUP BY, SELECT DISTINCT, COUNT, SUM, AVG, MIN and MAX, HAVING,
ORDER BY, TOP and OFFSET; arithmetic, the math functions of :data:`_FLOAT_FUNCTIONS` and
``ivo_healpix_index`` of a constant order (the sky maps of a table).
Anything else, and any integer literal beyond 64 bits (SQLite reads it as REAL and compares
it with integers exactly), gets ``None`` and goes to the database. :meth:`Plan.run` computes the rows from
the table's columns with SQL's rules: NULLs propagate and three-valued logic holds, integer
arithmetic stays integer (division truncates, overflow hands the query back to the database),
division by zero and undefined math results are NULL, NULL groups sort first.
"""
from __future__ import annotations

import math
import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from celestial import healpix

from . import nodes as n
from .validator import Bound, ValidatedQuery, expression_signature, quote

INT64_LIMIT = 2.0 ** 62
"""Integer results this large (or larger) may have overflowed: SQLite would switch to floats."""
INT64_RANGE = range(-2 ** 63, 2 ** 63)
"""Integer literals outside it are REAL to SQLite, which compares them with integers exactly."""


class Unsupported(Exception):
    """The query, or a value met while computing it, needs the database's own evaluation."""


@dataclass(frozen=True)
class Vector:
    """One column of values: int64, float64, or for text int32 codes into sorted ``categories``.

    ``null`` marks NULL rows (None when there are none); the values there are placeholders.
    A 0-dimensional ``values`` is a constant that broadcasts."""
    values: np.ndarray
    null: np.ndarray | None = None
    categories: np.ndarray | None = None

    @property
    def is_text(self) -> bool:
        return self.categories is not None

    @property
    def is_int(self) -> bool:
        return self.categories is None and self.values.dtype.kind in "iub"

    def take(self, index: np.ndarray) -> Vector:
        if self.values.ndim == 0:
            return self
        null = None if self.null is None else self.null[index]
        return Vector(self.values[index], null, self.categories)

    def python(self, length: int) -> list:
        """Plain Python values (None for NULL), constants repeated ``length`` times."""
        values = np.broadcast_to(self.values, (length,))
        items = self.categories[values].tolist() if self.is_text else values.tolist()
        if self.null is None:
            return items
        null = np.broadcast_to(self.null, (length,)).tolist()
        return [None if missing else item for item, missing in zip(items, null)]


@dataclass(frozen=True)
class Truth:
    """A condition's value per row: ``true`` where it holds, ``null`` where it is unknown."""
    true: np.ndarray
    null: np.ndarray | None = None

    def false(self) -> np.ndarray:
        return ~self.true if self.null is None else ~self.true & ~self.null


def text_vector(values: Sequence[str | None]) -> Vector:
    """Dictionary-encode text (None for NULL); codes follow SQLite's BINARY order of the words."""
    words = sorted({v for v in values if v is not None})
    index = {word: code for code, word in enumerate(words)}
    codes = np.fromiter((index.get(v, -1) for v in values), dtype=np.int32, count=len(values))
    null = codes < 0
    codes[null] = 0
    return Vector(codes, null if null.any() else None, np.array(words or [""], dtype=object))


def _either(a: np.ndarray | None, b: np.ndarray | None) -> np.ndarray | None:
    if a is None:
        return b
    if b is None:
        return a
    return a | b


def _with_null(values: np.ndarray, null: np.ndarray | None, extra: np.ndarray) -> Vector:
    """``values`` whose NULLs are ``null`` plus wherever ``extra`` holds."""
    if not np.any(extra):
        return Vector(values, null)
    return Vector(values, np.broadcast_to(_either(null, extra), np.shape(values)).copy())


def _float_result(values: np.ndarray, null: np.ndarray | None) -> Vector:
    """SQLite stores NaN as NULL: undefined results become NULL."""
    return _with_null(values, null, np.isnan(values))


def _as_float(v: Vector) -> np.ndarray:
    return np.asarray(v.values, dtype=np.float64)


def _check_int(approx: np.ndarray, null: np.ndarray | None) -> None:
    """Refuse integer results whose float estimate ``approx`` shows they may have overflowed."""
    big = np.abs(approx) >= INT64_LIMIT
    if null is not None:
        big = big & ~null
    if np.any(big):
        raise Unsupported("integer overflow")


def _numeric(v: Vector) -> Vector:
    if v.is_text:
        raise Unsupported("text in arithmetic")
    return v


_INT_OPS = {"+": np.add, "-": np.subtract, "*": np.multiply}


def arithmetic(op: str, a: Vector, b: Vector) -> Vector:
    a, b = _numeric(a), _numeric(b)
    null = _either(a.null, b.null)
    with np.errstate(all="ignore"):
        if a.is_int and b.is_int and op in _INT_OPS:
            x, y = a.values.astype(np.int64), b.values.astype(np.int64)
            result = _INT_OPS[op](x, y)
            _check_int(_INT_OPS[op](x.astype(np.float64), y.astype(np.float64)), null)
            return Vector(result, null)
        if a.is_int and b.is_int:
            x, y = a.values.astype(np.int64), b.values.astype(np.int64)
            if np.any((x == np.iinfo(np.int64).min) & (y == -1)):
                raise Unsupported("integer overflow")
            zero = y == 0
            divisor = np.where(zero, 1, y)
            quotient = x // divisor
            truncated = quotient + ((x - quotient * divisor != 0) & ((x < 0) != (divisor < 0)))
            return _with_null(truncated, null, zero)
        x, y = _as_float(a), _as_float(b)
        if op == "/":
            zero = y == 0
            result = _float_result(x / np.where(zero, 1.0, y), null)
            return _with_null(result.values, result.null, zero)
        return _float_result({"+": np.add, "-": np.subtract, "*": np.multiply}[op](x, y), null)


def negate(v: Vector) -> Vector:
    """SQLite negates a value as ``0 - x``, so -(0.0) is +0.0 (signed zeros matter to POWER and ATAN2)."""
    v = _numeric(v)
    if v.is_int:
        _check_int(v.values.astype(np.float64), v.null)
        return Vector(-v.values.astype(np.int64), v.null)
    return Vector(0.0 - v.values, v.null)


_PROBE = np.concatenate([np.geomspace(1e-12, 1e12, 3001), -np.geomspace(1e-12, 1e12, 3001),
                         np.linspace(-1, 1, 2001), np.random.default_rng(20261201).uniform(-800, 800, 8000)])
"""Arguments on which numpy's vector code is compared with the C library, once per function."""


def _libm(exact: Callable, vectorized: Callable, domain: Callable = lambda *args: True) -> Callable:
    """A math function computed as SQLite computes it: by the C library.

    Where numpy's vector code is the C library's (it gives the same bits on every probe
    argument), it is used; elsewhere (e.g. SIMD code on AVX-512, which may differ in the last
    bit and so split or merge groups) the C library is called value by value. Values outside
    ``domain`` (where Python's math raises) and infinities keep numpy's IEEE special result,
    which the C library shares."""
    verdict: list[bool] = []

    def by_value(args: list[np.ndarray]) -> np.ndarray:
        result = np.array(vectorized(*args), dtype=np.float64)
        ok = np.logical_and.reduce([np.isfinite(a) for a in args]) & domain(*args)
        values = np.fromiter(map(exact, *(a[ok].tolist() for a in args)), dtype=np.float64, count=int(ok.sum()))
        result[ok] = np.where(np.isnan(values), result[ok], values)
        return result

    def numpy_is_libm(arity: int) -> bool:
        if not verdict:
            probe = [np.roll(_PROBE, 7 * k) for k in range(arity)]
            with np.errstate(all="ignore"):
                same = np.array_equal(np.asarray(vectorized(*probe), dtype=np.float64), by_value(probe),
                                      equal_nan=True)
            verdict.append(same)
        return verdict[0]

    def apply(*args: np.ndarray) -> np.ndarray:
        shape = np.broadcast_shapes(*(np.shape(a) for a in args))
        if numpy_is_libm(len(args)):
            return np.asarray(vectorized(*args), dtype=np.float64).reshape(shape)
        flat = [np.broadcast_to(a, shape).reshape(-1) for a in args]
        return by_value(flat).reshape(shape)
    return apply


def _positive_only(function: Callable) -> Callable:
    """SQLite's logarithms are NULL, not -inf, at zero and below."""
    def apply(x: np.ndarray) -> np.ndarray:
        return np.where(x > 0, function(np.where(x > 0, x, 1.0)), np.nan)
    return apply


def _power(a: float, b: float) -> float:
    try:
        return math.pow(a, b)
    except (ValueError, OverflowError):
        return math.nan


M_LN10 = 2.302585092994045684017991454684364208
"""C's M_LN10: SQLite's log10(x) is log(x) / M_LN10, not the C library's log10."""
_natural_log = _libm(math.log, np.log, lambda x: x > 0)


def _unit_interval(x: np.ndarray) -> np.ndarray:
    return np.abs(x) <= 1


def _tangent(x: np.ndarray) -> np.ndarray:
    return _libm(math.tan, np.tan)(x)


_FLOAT_FUNCTIONS: dict[str, Callable] = {
    "SQRT": np.sqrt,
    "EXP": _libm(math.exp, np.exp, lambda x: x < 709.0),
    "LOG10": _positive_only(lambda x: _natural_log(x) / M_LN10),
    "LOG": _positive_only(_natural_log),
    "SIN": _libm(math.sin, np.sin), "COS": _libm(math.cos, np.cos), "TAN": _tangent,
    "ASIN": _libm(math.asin, np.arcsin, _unit_interval), "ACOS": _libm(math.acos, np.arccos, _unit_interval),
    "ATAN": _libm(math.atan, np.arctan),
    "DEGREES": lambda x: x * (180.0 / math.pi), "RADIANS": lambda x: x * (math.pi / 180.0),
    "COT": lambda x: 1.0 / _tangent(x),
}
_FLOAT_FUNCTIONS_2: dict[str, Callable] = {
    "POWER": _libm(_power, np.power), "ATAN2": _libm(math.atan2, np.arctan2), "MOD": np.fmod,
}
_EXACT_FUNCTIONS = {"FLOOR": np.floor, "CEILING": np.ceil, "ABS": np.abs}
SCALAR_FUNCTIONS = frozenset({*_FLOAT_FUNCTIONS, *_FLOAT_FUNCTIONS_2, *_EXACT_FUNCTIONS, "PI"})
AGGREGATES = frozenset({"COUNT", "SUM", "AVG", "MIN", "MAX"})


def function(name: str, args: list[Vector]) -> Vector:
    if name == "PI":
        return Vector(np.float64(math.pi))
    args = [_numeric(a) for a in args]
    with np.errstate(all="ignore"):
        if name in _EXACT_FUNCTIONS:
            (a,) = args
            if a.is_int:
                if name == "ABS":
                    _check_int(a.values.astype(np.float64), a.null)
                    return Vector(np.abs(a.values.astype(np.int64)), a.null)
                return a
            return Vector(_EXACT_FUNCTIONS[name](a.values), a.null)
        if name in _FLOAT_FUNCTIONS:
            (a,) = args
            return _float_result(_FLOAT_FUNCTIONS[name](_as_float(a)), a.null)
        a, b = args
        return _float_result(_FLOAT_FUNCTIONS_2[name](_as_float(a), _as_float(b)), _either(a.null, b.null))


HEALPIX_INDEX = "ivo_healpix_index"


def _healpix_order(order: Vector) -> int | None:
    """The order as SQLite's function reads it (Python's ``int``), None where that yields no order."""
    if _numeric(order).values.ndim != 0:
        raise Unsupported("HEALPix order that varies by row")
    if np.any(order.null):
        return None
    try:
        return healpix.checked_order(int(order.values.item()))
    except (ValueError, OverflowError):
        return None


def _dali_ra(ra: np.ndarray) -> np.ndarray:
    """Right ascensions in [0, 360) as a DALI point string carries them (``spherical.normalize_ra``)."""
    ra = np.fmod(ra, healpix.FULL_TURN_DEG)
    return np.where(ra < 0, ra + healpix.FULL_TURN_DEG, ra)


def healpix_index(order: Vector, ra: Vector, dec: Vector, *, point: bool) -> Vector:
    """``ivo_healpix_index(order, ra, dec)`` (``point``: of ``POINT(ra, dec)``) as SQLite's function gives it.

    Where that function fails (an order beyond 0 to 29, a position not finite or beyond a pole)
    it answers NULL, and so does this."""
    ra, dec = _numeric(ra), _numeric(dec)
    shape = np.broadcast_shapes(np.shape(ra.values), np.shape(dec.values))
    ra_deg = np.broadcast_to(_as_float(ra), shape).reshape(-1)
    dec_deg = np.broadcast_to(_as_float(dec), shape).reshape(-1)
    level = _healpix_order(order)
    with np.errstate(invalid="ignore"):
        if point:
            ra_deg = _dali_ra(ra_deg)
        valid = np.isfinite(ra_deg) & np.isfinite(dec_deg) & (np.abs(dec_deg) <= healpix.POLE_DEG)
    null = _either(ra.null, dec.null)
    if null is not None:
        valid &= ~np.broadcast_to(null, shape).reshape(-1)
    if level is None:
        valid[:] = False
    cells = np.zeros(ra_deg.shape, dtype=np.int64)
    if valid.any():
        cells[valid] = healpix.nested_index(level, ra_deg[valid], dec_deg[valid])
    return _with_null(cells.reshape(shape), None, ~valid.reshape(shape))


_MIRRORED = {"<": ">", ">": "<", "<=": ">=", ">=": "<="}
_COMPARE = {"=": operator.eq, "<>": operator.ne, "<": operator.lt, ">": operator.gt,
            "<=": operator.le, ">=": operator.ge}


def compare(op: str, a: Vector, b: Vector) -> Truth:
    null = _either(a.null, b.null)
    if a.is_text != b.is_text:
        raise Unsupported("text compared with a number")
    if a.is_text:
        if a.values.ndim == 0 and b.values.ndim != 0:
            return compare(_MIRRORED.get(op, op), b, a)
        if b.values.ndim != 0:
            raise Unsupported("two text columns compared")
        constant = b.categories[int(b.values)]
        per_category = np.array([_COMPARE[op](c, constant) for c in a.categories], dtype=bool)
        true = per_category[a.values]
    else:
        true = np.asarray(_COMPARE[op](a.values, b.values))
    return Truth(true if null is None else true & ~null, null)


def both(a: Truth, b: Truth) -> Truth:
    true = a.true & b.true
    if a.null is None and b.null is None:
        return Truth(true)
    unknown = _either(a.null, b.null) & ~(a.false() | b.false())
    return Truth(true, unknown)


def either(a: Truth, b: Truth) -> Truth:
    true = a.true | b.true
    if a.null is None and b.null is None:
        return Truth(true)
    return Truth(true, _either(a.null, b.null) & ~true)


def negation(a: Truth) -> Truth:
    return Truth(a.false(), a.null)


class _Key:
    """One grouping key: its distinct values in SQL order (NULL first) and how many rows hold each."""

    def __init__(self, v: Vector) -> None:
        self.vector = v
        self.present = None if v.null is None or not v.null.any() else ~v.null
        values = v.values if self.present is None else v.values[self.present]
        uniques, counts = np.unique(values, return_counts=True)
        if self.present is None:
            self.values, self.counts = Vector(uniques, None, v.categories), counts
        else:
            null = np.zeros(len(uniques) + 1, dtype=bool)
            null[0] = True
            self.values = Vector(np.concatenate([np.zeros(1, dtype=uniques.dtype), uniques]), null, v.categories)
            self.counts = np.concatenate([[len(v.values) - len(values)], counts])

    def codes(self) -> np.ndarray:
        """Each row's position in ``values``."""
        if self.present is None:
            return np.searchsorted(self.values.values, self.vector.values)
        codes = np.zeros(len(self.vector.values), dtype=np.int64)
        codes[self.present] = np.searchsorted(self.values.values[1:], self.vector.values[self.present]) + 1
        return codes


class Grouping:
    """The groups of GROUP BY (or the one group of a plain aggregate) over ``rows`` rows.

    Sizes and key values come from sorting the distinct keys alone; the map from rows to groups,
    which takes a search per row, is built only for aggregates other than COUNT(*)."""

    def __init__(self, keys: list[Vector], rows: int) -> None:
        self.rows = rows
        self._ids: np.ndarray | None = None
        if not keys:
            self.count, self.key_values, self.sizes = 1, [], np.array([rows], dtype=np.int64)
            self._ids = np.zeros(rows, dtype=np.int64)
        elif len(keys) == 1:
            self._key = _Key(keys[0])
            self.count, self.key_values = len(self._key.counts), [self._key.values]
            self.sizes = self._key.counts.astype(np.int64)
        else:
            self._combine([_Key(k) for k in keys])

    def _combine(self, keys: list[_Key]) -> None:
        sizes = [len(k.counts) for k in keys]
        if math.prod(sizes) >= 2 ** 62:
            raise Unsupported("too many key combinations")
        combined = np.zeros(self.rows, dtype=np.int64)
        for key, size in zip(keys, sizes):
            combined = combined * size + key.codes()
        if math.prod(sizes) <= 4 * self.rows + 1024:
            occupied = np.bincount(combined, minlength=math.prod(sizes))
            groups = np.flatnonzero(occupied)
            number = np.cumsum(occupied > 0) - 1
            ids, counts = number[combined], occupied[groups]
        else:
            groups, ids, counts = np.unique(combined, return_inverse=True, return_counts=True)
        self._ids, self.count, self.sizes = ids.reshape(-1), len(groups), counts.astype(np.int64)
        self.key_values = [key.values.take((groups // math.prod(sizes[i + 1:])) % sizes[i])
                           for i, key in enumerate(keys)]

    @property
    def ids(self) -> np.ndarray:
        """Each row's group number."""
        if self._ids is None:
            self._ids = self._key.codes()
        return self._ids


def aggregate(name: str, arg: Vector | None, grouping: Grouping) -> Vector:
    """COUNT, SUM, AVG, MIN or MAX of ``arg`` (None: COUNT(*)) per group."""
    if arg is None:
        return Vector(grouping.sizes)
    ids, groups = grouping.ids, grouping.count
    values = np.broadcast_to(arg.values, ids.shape)
    if arg.null is not None:
        keep = ~arg.null
        ids, values = ids[keep], values[keep]
    counts = np.bincount(ids, minlength=groups).astype(np.int64)
    if name == "COUNT":
        return Vector(counts)
    empty = counts == 0
    null = empty if empty.any() else None
    if name in ("SUM", "AVG") and arg.is_text:
        raise Unsupported("SUM or AVG of text")
    if name == "AVG":
        sums = np.bincount(ids, weights=values.astype(np.float64), minlength=groups)
        with np.errstate(all="ignore"):
            return _float_result(sums / np.maximum(counts, 1), null)
    if name == "SUM" and arg.is_int:
        approx = np.bincount(ids, weights=values.astype(np.float64), minlength=groups)
        if np.any(np.abs(approx) >= INT64_LIMIT):
            raise Unsupported("integer overflow")
        sums = np.zeros(groups, dtype=np.int64)
        np.add.at(sums, ids, values.astype(np.int64))
        return Vector(sums, null)
    if name == "SUM":
        return _float_result(np.bincount(ids, weights=values, minlength=groups), null)
    reduce = np.minimum if name == "MIN" else np.maximum
    if values.dtype.kind == "f":
        start = np.inf if name == "MIN" else -np.inf
    else:
        info = np.iinfo(values.dtype)
        start = info.max if name == "MIN" else info.min
    result = np.full(groups, start, dtype=values.dtype)
    reduce.at(result, ids, values)
    result[empty] = 0
    return Vector(result, null, arg.categories)


def _rank_key(v: Vector, rows: int, descending: bool) -> np.ndarray:
    """An integer sort key per row: SQLite orders NULL before every value."""
    values = np.broadcast_to(v.values, (rows,))
    _, rank = np.unique(values, return_inverse=True)
    rank = rank.reshape(-1).astype(np.int64)
    if v.null is not None:
        rank = np.where(v.null, -1, rank)
    return -rank if descending else rank


def _literal(e: n.Literal) -> Vector:
    if e.kind == "integer":
        return Vector(np.int64(int(e.value)))
    if e.kind == "number":
        return Vector(np.float64(float(e.value)))
    if e.kind == "hex":
        value = int(e.value, 16)
        return Vector(np.int64(value - 2 ** 64 if value >= 2 ** 63 else value))
    if e.kind == "string":
        return Vector(np.int32(0), None, np.array([e.value], dtype=object))
    raise Unsupported("NULL literal")


class _Evaluator:
    """Evaluates expressions and conditions; ``leaf`` supplies column and aggregate values."""

    def __init__(self, leaf: Callable[[n.Expr], Vector | None]) -> None:
        self.leaf = leaf

    def expr(self, e: n.Expr) -> Vector:
        found = self.leaf(e)
        if found is not None:
            return found
        if isinstance(e, n.Literal):
            return _literal(e)
        if isinstance(e, n.Unary) and e.op == "-" and isinstance(e.operand, n.Literal):
            value = self.expr(e.operand)
            return Vector(-_numeric(value).values)
        if isinstance(e, n.Unary):
            value = self.expr(e.operand)
            return negate(value) if e.op == "-" else _numeric(value)
        if isinstance(e, n.Binary):
            return arithmetic(e.op, self.expr(e.left), self.expr(e.right))
        if isinstance(e, n.Call) and e.udf and e.name == HEALPIX_INDEX:
            order, *position = e.args
            point = len(position) == 1
            if point:
                position = list(position[0].args)
            return healpix_index(self.expr(order), *(self.expr(a) for a in position), point=point)
        if isinstance(e, n.Call) and not e.udf and e.name in SCALAR_FUNCTIONS:
            return function(e.name, [self.expr(a) for a in e.args])
        raise Unsupported(type(e).__name__)

    def condition(self, c: n.Condition) -> Truth:
        if isinstance(c, n.BoolOp):
            combine = both if c.op == "AND" else either
            return combine(self.condition(c.left), self.condition(c.right))
        if isinstance(c, n.Not):
            return negation(self.condition(c.operand))
        if isinstance(c, n.Comparison):
            return compare(c.op, self.expr(c.left), self.expr(c.right))
        if isinstance(c, n.Between):
            value = self.expr(c.operand)
            inside = both(compare(">=", value, self.expr(c.low)), compare("<=", value, self.expr(c.high)))
            return negation(inside) if c.negated else inside
        if isinstance(c, n.InList):
            value = self.expr(c.operand)
            found = compare("=", value, self.expr(c.items[0]))
            for item in c.items[1:]:
                found = either(found, compare("=", value, self.expr(item)))
            return negation(found) if c.negated else found
        if isinstance(c, n.IsNull):
            value = self.expr(c.operand)
            shape = np.shape(value.values)
            null = np.zeros(shape, dtype=bool) if value.null is None else value.null
            return Truth(~null if c.negated else null)
        raise Unsupported(type(c).__name__)


def _children(node) -> list:
    if isinstance(node, (n.Unary, n.Not, n.IsNull)):
        return [node.operand]
    if isinstance(node, (n.Binary, n.BoolOp, n.Comparison)):
        return [node.left, node.right]
    if isinstance(node, (n.Call, n.Geometry)):
        return list(node.args)
    if isinstance(node, n.Between):
        return [node.operand, node.low, node.high]
    if isinstance(node, n.InList):
        return [node.operand, *node.items]
    return []


_SUPPORTED_NODES = (n.ColumnRef, n.Literal, n.Unary, n.Binary, n.Call, n.Comparison, n.Between, n.InList,
                    n.IsNull, n.BoolOp, n.Not)


def _supported(node, aggregates_allowed: bool) -> bool:
    if not isinstance(node, _SUPPORTED_NODES):
        return False
    if isinstance(node, n.Literal) and node.kind == "null":
        return False
    if isinstance(node, n.Literal) and node.kind == "integer" and int(node.value) not in INT64_RANGE:
        return False
    if isinstance(node, n.Unary) and node.op == "~":
        return False
    if isinstance(node, n.Binary) and node.op not in "+-*/":
        return False
    if isinstance(node, n.Call) and node.udf:
        return _healpix_index_supported(node, aggregates_allowed)
    if isinstance(node, n.Call):
        if node.distinct:
            return False
        if node.name in AGGREGATES:
            if not aggregates_allowed:
                return False
            return node.star or _supported(node.args[0], False)
        if node.name not in SCALAR_FUNCTIONS:
            return False
    if isinstance(node, n.InList) and any(_column_refs(i) for i in node.items):
        return False
    return all(_supported(child, aggregates_allowed) for child in _children(node))


def _healpix_index_supported(node: n.Call, aggregates_allowed: bool) -> bool:
    """``ivo_healpix_index`` of a constant order and a position as two numbers or as ``POINT(ra, dec)``."""
    if node.name != HEALPIX_INDEX or _column_refs(node.args[0]):
        return False
    order, *position = node.args
    if len(position) == 1:
        point = position[0]
        if not isinstance(point, n.Geometry) or point.name != "POINT":
            return False
        position = list(point.args)
    return all(_supported(a, aggregates_allowed) for a in (order, *position))


def _has_aggregate(node) -> bool:
    if isinstance(node, n.Call) and not node.udf and node.name in AGGREGATES:
        return True
    return any(_has_aggregate(child) for child in _children(node))


def _column_refs(node) -> list[n.ColumnRef]:
    if isinstance(node, n.ColumnRef):
        return [node]
    return [ref for child in _children(node) for ref in _column_refs(child)]


@dataclass(frozen=True)
class Plan:
    """How to answer one query from the columns of ``table`` (its SQL name parts)."""
    table: tuple[str, ...]
    columns: Mapping[str, str]       # physical column name -> "int", "float" or "text"
    query: n.SelectQuery
    expression: n.QueryExpression
    bound: Bound
    column_of: Mapping[int, str]     # id(ColumnRef) -> physical column name
    limit: int | None

    def run(self, columns: Mapping[str, Vector]) -> list[tuple]:
        """The query's rows, as the database would return them. Raises Unsupported."""
        def row_leaf(e: n.Expr) -> Vector | None:
            if isinstance(e, n.ColumnRef):
                return columns[self.column_of[id(e)]]
            return None

        rows_in = _table_length(columns)
        row_level = _Evaluator(row_leaf)
        s = self.query
        if s.where is not None:
            selected = np.flatnonzero(np.broadcast_to(row_level.condition(s.where).true, (rows_in,)))
            columns = {name: vector.take(selected) for name, vector in columns.items()}
            rows_in = len(selected)
        outputs = self.bound.outputs[id(s)]
        key_exprs = self._key_expressions(outputs)
        keys = [_full(row_level.expr(e), rows_in) for e in key_exprs]
        grouping = Grouping(keys, rows_in)
        groups = grouping.count
        by_signature = {expression_signature(e, self.bound): v for e, v in zip(key_exprs, grouping.key_values)}
        computed: dict[int, Vector] = {}

        def group_leaf(e: n.Expr) -> Vector | None:
            found = by_signature.get(expression_signature(e, self.bound))
            if found is not None:
                return found
            if isinstance(e, n.Call) and e.name in AGGREGATES and not e.udf:
                if id(e) not in computed:
                    arg = None if e.star else _full(row_level.expr(e.args[0]), rows_in)
                    computed[id(e)] = aggregate(e.name, arg, grouping)
                return computed[id(e)]
            if isinstance(e, n.ColumnRef):
                raise Unsupported("column outside GROUP BY")
            return None

        group_level = _Evaluator(group_leaf)
        values = [group_level.expr(o.expr) for o in outputs]
        keep = np.arange(groups)
        if s.having is not None:
            keep = np.flatnonzero(np.broadcast_to(group_level.condition(s.having).true, (groups,)))
        order_keys = []
        for item in reversed(self.expression.order_by):
            position = self.bound.order.get(id(item))
            value = values[position - 1] if position is not None else group_level.expr(item.expr)
            order_keys.append(_rank_key(_full(value, groups).take(keep), len(keep), item.descending))
        if order_keys:
            keep = keep[np.lexsort(order_keys)]
        start = self.expression.offset or 0
        stop = None if self.limit is None else start + self.limit
        keep = keep[start:stop]
        return list(zip(*(_full(v, groups).take(keep).python(len(keep)) for v in values))) if len(keep) \
            else []

    def _key_expressions(self, outputs) -> list[n.Expr]:
        s = self.query
        if s.group_by:
            return [self.bound.group_alias.get(id(g), g) for g in s.group_by]
        if s.distinct:
            return [o.expr for o in outputs]
        return []


def _full(v: Vector, length: int) -> Vector:
    """A constant spread to ``length`` rows, so it can be indexed like a column."""
    if v.values.ndim != 0:
        return v
    null = None if v.null is None else np.broadcast_to(v.null, (length,))
    return Vector(np.full(length, v.values), null, v.categories)


def _table_length(columns: Mapping[str, Vector]) -> int:
    lengths = {len(v.values) for v in columns.values()}
    if len(lengths) != 1:
        raise Unsupported("columns of different lengths")
    return lengths.pop()


def _column_kind(vtype) -> str | None:
    if vtype.is_geometry or vtype.arraysize not in (None, "1") and not vtype.is_string:
        return None
    if vtype.is_integer:
        return "int"
    if vtype.is_numeric:
        return "float"
    if vtype.is_string:
        return "text"
    return None


def plan(validated: ValidatedQuery, *, row_limit: int | None = None) -> Plan | None:
    """A columnar plan for an aggregate query over one table, or None for any other query."""
    root = validated.query.root
    bound = validated.bound
    s = root.body
    if root.ctes or not isinstance(s, n.SelectQuery) or len(s.from_) != 1:
        return None
    table = s.from_[0]
    if not isinstance(table, n.TableName):
        return None
    sql_name, cte_alias, alias = bound.tables[id(table)]
    if sql_name is None or cte_alias is not None:
        return None
    outputs = bound.outputs[id(s)]
    if any(o.expr is None for o in outputs):
        return None
    grouped = bool(s.group_by) or s.having is not None or any(_has_aggregate(o.expr) for o in outputs)
    if not grouped and not s.distinct:
        return None
    if s.distinct and (s.group_by or any(_has_aggregate(o.expr) for o in outputs)):
        return None
    if any(isinstance(g, n.Literal) for g in s.group_by):
        return None
    parts = [o.expr for o in outputs] + [bound.group_alias.get(id(g), g) for g in s.group_by]
    conditions = [c for c in (s.where, s.having) if c is not None]
    order = [i.expr for i in root.order_by if bound.order.get(id(i)) is None]
    if not all(_supported(e, True) for e in parts + order) or \
            (s.where is not None and not _supported(s.where, False)) or \
            (s.having is not None and not _supported(s.having, True)):
        return None
    prefix = quote(alias) + "."
    column_of: dict[int, str] = {}
    kinds: dict[str, str] = {}
    for ref in (r for node in parts + order + conditions for r in _column_refs(node)):
        sql = bound.column_sql.get(id(ref), "")
        kind = _column_kind(bound.types[id(ref)][0])
        if not sql.startswith(prefix) or kind is None:
            return None
        name = sql[len(prefix) + 1:-1].replace('""', '"')
        column_of[id(ref)] = name
        kinds[name] = kind
    if not kinds:
        return None
    limit = s.top
    if row_limit is not None:
        limit = row_limit if limit is None else min(limit, row_limit)
    return Plan(tuple(sql_name), kinds, s, root, bound, column_of, limit)
