"""The one datatype table: each VOTable datatype with its numpy, SQL and ADQL facts.

Descriptors, ADQL typing, the VOTable writers and readers, the database
backends and the simulators all take their types from here, so a column
declared `float` in a YAML descriptor is REAL in the database, float32 in a
simulated batch, big-endian float32 in BINARY2 and ranks below `double` when
ADQL widens an expression.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Datatype:
    """One VOTable datatype (VOTable 1.4 §2.1)."""

    name: str
    #: native numpy dtype of a scalar value (simulated batches, loads, columnar answers)
    numpy: np.dtype
    #: big-endian numpy dtype of one element in BINARY2 (VOTable's wire order)
    wire: np.dtype
    #: standard SQL type of a scalar column; both SQLite and PostgreSQL take it as written
    sql: str
    #: rank in ADQL numeric widening (None: not a number)
    numeric_rank: int | None

    @property
    def is_text(self) -> bool:
        return self.name in TEXT

    @property
    def is_integer(self) -> bool:
        return self.name in INTEGER

    @property
    def is_float(self) -> bool:
        return self.name in FLOAT


#: SQL type of a value the database keeps as text: strings, arrays, DALI geometries
SQL_TEXT = "TEXT"

DATATYPES: dict[str, Datatype] = {d.name: d for d in (
    Datatype("boolean", np.dtype(bool), np.dtype("u1"), "BOOLEAN", 0),
    Datatype("unsignedByte", np.dtype(np.uint8), np.dtype("u1"), "SMALLINT", 1),
    Datatype("short", np.dtype(np.int16), np.dtype(">i2"), "SMALLINT", 2),
    Datatype("int", np.dtype(np.int32), np.dtype(">i4"), "INTEGER", 3),
    Datatype("long", np.dtype(np.int64), np.dtype(">i8"), "BIGINT", 4),
    Datatype("float", np.dtype(np.float32), np.dtype(">f4"), "REAL", 5),
    Datatype("double", np.dtype(np.float64), np.dtype(">f8"), "DOUBLE PRECISION", 6),
    Datatype("char", np.dtype(str), np.dtype("S1"), SQL_TEXT, None),
    Datatype("unicodeChar", np.dtype(str), np.dtype(">u2"), SQL_TEXT, None),
)}

TEXT = frozenset({"char", "unicodeChar"})
INTEGER = frozenset({"unsignedByte", "short", "int", "long"})
FLOAT = frozenset({"float", "double"})


def datatype(name: str) -> Datatype:
    """The entry for a VOTable datatype name; ValueError naming the allowed ones otherwise."""
    found = DATATYPES.get(name)
    if found is None:
        raise ValueError(f"datatype {name!r} is not one of {', '.join(DATATYPES)}")
    return found


def is_array(arraysize: str | None) -> bool:
    """An arraysize that makes a column an array (a single element is a scalar)."""
    return arraysize not in (None, "1")


def sql_type(name: str, arraysize: str | None = None) -> str:
    """The SQL type of a column: its scalar type, or text for strings and numeric arrays."""
    entry = datatype(name)
    return SQL_TEXT if entry.is_text or is_array(arraysize) else entry.sql


def numpy_dtype(name: str) -> np.dtype:
    return datatype(name).numpy
