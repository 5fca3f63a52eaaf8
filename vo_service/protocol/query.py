"""ADQL text → SQL → rows → encoded result, shared by sync requests and async workers."""
from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import adql
import adql.columnar
import votable
from vo_service.db.interfaces import Interrupt, QueryBackend, QueryError, UploadTable
from vo_service.publishing.catalog import Catalog, field_for

LANGUAGES = {"ADQL": "2.1", "ADQL-2.1": "2.1", "ADQL-2.0": "2.0"}
BATCH_ROWS = 20000


@dataclass(frozen=True)
class Limits:
    """Row and time limits of one request mode (sync or async)."""

    default_maxrec: int
    hard_maxrec: int
    timeout_s: float


@dataclass(frozen=True)
class PreparedQuery:
    adql_text: str
    sql: str
    fields: tuple[votable.Field, ...]
    maxrec: int
    columnar: adql.columnar.Plan | None = None


def adql_version(lang: str) -> str:
    version = LANGUAGES.get(lang.strip().upper())
    if version is None:
        raise ValueError(f"LANG={lang!r} is not supported; use one of {', '.join(sorted(LANGUAGES))}")
    return version


def prepare(catalog: Catalog, dialect: str, text: str, *, version: str, maxrec: int,
            uploads: Sequence[adql.Table] = ()) -> PreparedQuery:
    """Parse, validate against the published schema (plus TAP_UPLOAD tables) and translate.

    Raises adql.ADQLError.
    """
    schema = catalog.schema.with_tables(uploads) if uploads else catalog.schema
    validated = adql.validate(adql.parse(text, version=version), schema)
    sql = adql.to_sql(validated, dialect, row_limit=maxrec + 1)
    columnar = None if uploads else adql.columnar.plan(validated, row_limit=maxrec + 1)
    return PreparedQuery(text, sql, tuple(field_for(c) for c in validated.columns), maxrec, columnar)


def result_infos(prepared: PreparedQuery) -> list[votable.Info]:
    return [
        votable.Info("QUERY", prepared.adql_text),
        votable.Info("REQUEST_DATE", datetime.now(UTC).isoformat(timespec="seconds")),
        votable.Info("MAXREC", str(prepared.maxrec)),
    ]


def execute(backend: QueryBackend, prepared: PreparedQuery, *, fmt: str, timeout_s: float,
            extra_infos: tuple[votable.Info, ...] = (), uploads: Sequence[UploadTable] = (),
            interrupt: Interrupt | None = None) -> Iterator[bytes]:
    """Start the query now (so SQL errors raise here), then stream the encoded result.

    An aggregate the backend can answer from its in-memory columns skips the SQL."""
    answer = None
    if prepared.columnar is not None and not uploads:
        answer = backend.answer_from_columns(prepared.columnar, prepared.sql, timeout_s=timeout_s,
                                             interrupt=interrupt)
    if answer is not None:
        rows: Iterator[list[tuple]] = iter([answer] if answer else [])
    else:
        batches = backend.stream(prepared.sql, batch_size=BATCH_ROWS, timeout_s=timeout_s, uploads=uploads,
                                 interrupt=interrupt)
        first = next(batches, None)
        rows = batches if first is None else itertools.chain([first], batches)
    return votable.stream(list(prepared.fields), rows, format=fmt, maxrec=prepared.maxrec,
                          infos=[*result_infos(prepared), *extra_infos], public_errors=(QueryError,))
