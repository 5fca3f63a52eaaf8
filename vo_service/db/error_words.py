"""User words for the errors the databases raise on a valid ADQL query.

A driver's text names SQL the user never wrote (``ln``, ``double precision``, stack entries), so no
driver text reaches users: the known errors get a sentence about their ADQL, the rest say what kind of
failure it was (the SQLSTATE class on PostgreSQL, the result code on SQLite).
"""
from __future__ import annotations

NESTED_TOO_DEEPLY = ("The query is nested too deeply for the database (subqueries, function calls or conditions"
                     " inside each other); simplify it or split it into several queries")
DIVISION_BY_ZERO = "Division by zero in the query (a divisor or the second argument of MOD is 0)"
LOGARITHM_DOMAIN = "LOG or LOG10 of zero or a negative number: the logarithm is defined for positive numbers only"
POWER_DOMAIN = ("SQRT of a negative number, or POWER of a negative number to a non-integer exponent:"
                " the result would be complex")
FUNCTION_DOMAIN = "A function got an argument outside its domain (ASIN and ACOS take numbers from -1 to 1)"
DOUBLE_RANGE = ("A number in the query is out of the range of double precision (about ±1.8e308)"
                " or a value computed from it overflows")
INTEGER_RANGE = "An integer computed by the query is out of the range of 64-bit integers (about ±9.2e18)"
BAD_CONVERSION = "A value cannot be converted to the type asked for (check the CAST and the text it converts)"
MORE_THAN_ONE_ROW = "A subquery used as a single value returned more than one row"

# SQLSTATE classes, the first two characters of the code (PostgreSQL documentation, Appendix A).
_SQLSTATE_CLASSES = {
    "0A": "a feature the database does not support", "21": "a subquery returned more than one row",
    "22": "invalid data or arithmetic", "42": "a query the database cannot run",
    "53": "the database ran out of resources", "54": "a limit of the database was exceeded",
    "57": "the database stopped the query", "58": "a system error of the database",
    "XX": "an internal error of the database",
}
_SQLSTATE_WORDS = {
    "22012": DIVISION_BY_ZERO, "2201E": LOGARITHM_DOMAIN, "2201F": POWER_DOMAIN, "21000": MORE_THAN_ONE_ROW,
    "22P02": BAD_CONVERSION, "22007": BAD_CONVERSION, "22008": BAD_CONVERSION, "54001": NESTED_TOO_DEEPLY,
}
NUMERIC_VALUE_OUT_OF_RANGE = "22003"

# Substrings of SQLite's messages (SQLite computes NULL or inf for the domain and range errors above).
_SQLITE_WORDS = {
    "parser stack overflow": NESTED_TOO_DEEPLY, "Expression tree is too large": NESTED_TOO_DEEPLY,
    "integer overflow": INTEGER_RANGE,
}


def postgresql_words(pgcode: str | None, message: str) -> str:
    """What to tell the user for a PostgreSQL error with SQLSTATE ``pgcode`` and text ``message``."""
    code = pgcode or ""
    if code == NUMERIC_VALUE_OUT_OF_RANGE:
        if "input is out of range" in message:
            return FUNCTION_DOMAIN
        if "bigint" in message or "integer" in message:
            return INTEGER_RANGE
        return DOUBLE_RANGE
    if code in _SQLSTATE_WORDS:
        return _SQLSTATE_WORDS[code]
    kind = _SQLSTATE_CLASSES.get(code[:2], "an error of the database")
    return f"The query failed in the database: {kind} (SQLSTATE {code or 'unknown'})"


def sqlite_words(message: str, error_name: str | None) -> str:
    """What to tell the user for a SQLite error with text ``message`` and result code ``error_name``."""
    for fragment, words in _SQLITE_WORDS.items():
        if fragment in message:
            return words
    return f"The query failed in the database ({error_name or 'SQLITE_ERROR'})"
