"""Errors raised for bad ADQL: every one carries the line and column a person needs to fix it."""
from __future__ import annotations


class ADQLError(Exception):
    """Base of every error about a query; ``str()`` gives ``line L, column C: message``."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        return f"line {self.line}, column {self.column}: {self.message}"


class ADQLSyntaxError(ADQLError):
    """The text is not ADQL (grammar, literals, unknown functions)."""


class ADQLValidationError(ADQLError):
    """The query is ADQL but does not fit the published tables (names, types, grouping)."""


def line_column(text: str, pos: int) -> tuple[int, int]:
    """1-based line and column of character offset ``pos`` in ``text``."""
    pos = max(0, min(pos, len(text)))
    line = text.count("\n", 0, pos) + 1
    start = text.rfind("\n", 0, pos) + 1
    return line, pos - start + 1
