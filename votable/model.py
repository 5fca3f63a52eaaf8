"""The metadata model: FIELD, PARAM and INFO descriptions.

Frozen dataclasses, checked when built, so that a bad datatype or arraysize
fails where it is declared rather than in the middle of a result stream.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from .datatypes import DATATYPES, TEXT

_ARRAYSIZE = re.compile(r"^(?:[1-9][0-9]*x)*(?:[1-9][0-9]*|[0-9]*\*)$")
_UCD = re.compile(r"^[A-Za-z0-9_.:;\-]*$")


@dataclass(frozen=True)
class Field:
    """One table column as VOTable describes it (a FIELD element)."""

    name: str
    datatype: str
    arraysize: str | None = None
    unit: str | None = None
    ucd: str | None = None
    utype: str | None = None
    xtype: str | None = None
    description: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValueError("a VOTable field needs a non-empty name, got %r" % (self.name,))
        if self.datatype not in DATATYPES:
            raise ValueError("field %r: datatype %r is not one of %s"
                             % (self.name, self.datatype, ", ".join(DATATYPES)))
        if self.arraysize is not None and not _ARRAYSIZE.match(self.arraysize):
            raise ValueError("field %r: arraysize %r is not of the form N, N*, * or AxB..."
                             % (self.name, self.arraysize))
        if self.ucd is not None and not _UCD.match(self.ucd):
            raise ValueError("field %r: %r is not a UCD (letters, digits and _.:;- only)"
                             % (self.name, self.ucd))

    @cached_property
    def is_text(self) -> bool:
        """char and unicodeChar cells hold one string, whatever the arraysize."""
        return self.datatype in TEXT

    @cached_property
    def is_variable(self) -> bool:
        """Variable-length cells carry a 4-byte length prefix in BINARY2."""
        return self.arraysize is not None and self.arraysize.endswith("*")

    @cached_property
    def length(self) -> int | None:
        """Elements per cell: the fixed count, the upper bound of "N*", or None for "*"."""
        if self.arraysize is None:
            return 1
        if self.arraysize == "*" or self.arraysize.endswith("x*"):
            return None
        count = 1
        for dim in self.arraysize.rstrip("*").split("x"):
            count *= int(dim)
        return count

    @cached_property
    def is_scalar(self) -> bool:
        """One number (or one character) per cell."""
        return self.arraysize is None


@dataclass(frozen=True)
class Info:
    """An INFO element: a named value, with optional text content."""

    name: str
    value: str
    content: str | None = None


@dataclass(frozen=True)
class Param:
    """A PARAM element: a field description with its constant value."""

    field: Field
    value: Any
