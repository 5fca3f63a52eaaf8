"""Exceptions of the votable package.

Two kinds matter to callers: `VOTableError` says a VOTable (an upload) or a
request for one cannot be used; `UserFacingError` marks exceptions whose text
is written to the client when they interrupt a result stream (any other
exception only produces a generic message, so internals never leak).
"""
from __future__ import annotations


class UserFacingError(Exception):
    """An error whose message is meant for the person who sent the query.

    Raise it (or a subclass) from a batch iterator, e.g. for a database
    timeout, and `votable.stream` writes its text into the QUERY_STATUS=ERROR
    INFO of the document.
    """


class VOTableError(UserFacingError, ValueError):
    """A VOTable could not be read or written as asked."""


class CoercionError(UserFacingError, ValueError):
    """A value coming from the database does not fit its column's datatype."""
