"""Escaping text for XML and making safe XML IDs.

Column names and values come from users and databases; whatever they hold,
the document must stay well-formed: markup characters are escaped and the
characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates,
U+FFFE/U+FFFF) are replaced by U+FFFD.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

_TEXT_SPECIAL = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TEXT_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
_ATTR_ESCAPES = {**_TEXT_ESCAPES, '"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
_ATTR_SPECIAL = re.compile('[&<>"\n\r\t\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')
_NOT_NAME_CHAR = re.compile(r"[^A-Za-z0-9_.\-]")


def _replace(escapes: dict[str, str]):
    return lambda match: escapes.get(match.group(), "\ufffd")


_text_replace = _replace(_TEXT_ESCAPES)
_attr_replace = _replace(_ATTR_ESCAPES)


def text(value: str) -> str:
    """Escape character data (element content)."""
    return _TEXT_SPECIAL.sub(_text_replace, value)


def attr(value: str) -> str:
    """Escape an attribute value for use inside double quotes."""
    return _ATTR_SPECIAL.sub(_attr_replace, value)


def needs_text_escape(joined: str) -> bool:
    """True if any cell of a column (given joined into one string) needs escaping."""
    return _TEXT_SPECIAL.search(joined) is not None


def ncname(name: str) -> str:
    """Turn any name into an XML NCName (usable as an ID)."""
    candidate = _NOT_NAME_CHAR.sub("_", name)
    if not candidate or not (candidate[0].isalpha() or candidate[0] == "_"):
        candidate = "_" + candidate
    return candidate


def unique_ids(names: Iterable[str], taken: Iterable[str] = ()) -> list[str]:
    """One distinct NCName per name, avoiding the IDs already taken."""
    used = set(taken)
    ids = []
    for name in names:
        base = ncname(name)
        candidate, counter = base, 1
        while candidate in used:
            counter += 1
            candidate = "%s_%d" % (base, counter)
        used.add(candidate)
        ids.append(candidate)
    return ids

