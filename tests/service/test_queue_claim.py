"""Typed queue claims: checked against the descriptor, written by each backend with quoted names and parameters."""
from __future__ import annotations

from pathlib import Path

import pytest

from resources import ColumnDescriptor, TableDescriptor
from tests.conftest import reachable_pg_admin_url
from vo_service.db import JobStoreBackend, LoadBackend, QueryBackend, QueueClaim, open_backend
from vo_service.db.base import Backend, claim_statement

QUEUE = TableDescriptor(
    schema="claim_test", name="queue", description="a queue whose names need quoting", primary_key="id",
    columns=(ColumnDescriptor("id", "long", "key"), ColumnDescriptor("state", "char", "state"),
             ColumnDescriptor("order", "double", "a reserved word as the queue order"),
             ColumnDescriptor("xmax", "char", "a PostgreSQL system column name, as the claimer")))


def take(claimer: str) -> QueueClaim:
    return QueueClaim(QUEUE, key="id", match={"state": "waiting"}, assign={"state": "taken", "xmax": claimer},
                      order_by=("order", "id"))


@pytest.mark.parametrize("url", ["sqlite:///unused.db", "postgresql://postgres@127.0.0.1/unused"])
def test_both_backends_implement_every_interface(url):
    backend = open_backend(url)
    for interface in (QueryBackend, LoadBackend, JobStoreBackend):
        assert isinstance(backend, interface)


def test_a_backend_that_misses_part_of_an_interface_cannot_be_made():
    class NoClaim(Backend):
        dialect, placeholder = "sqlite", "?"

    with pytest.raises(TypeError, match="claim"):
        NoClaim("sqlite:///x.db")


@pytest.mark.parametrize("change, message", [
    ({"match": {"state'; DROP TABLE x; --": 1}}, "has no columns"),
    ({"order_by": ("nowhere",)}, "has no columns"),
    ({"assign": {}}, "must change the row"),
    ({"order_by": ()}, "needs an order"),
])
def test_a_claim_names_only_the_tables_columns(change, message):
    fields = {"key": "id", "match": {"state": "waiting"}, "assign": {"state": "taken"}, "order_by": ("id",), **change}
    with pytest.raises(ValueError, match=message):
        QueueClaim(QUEUE, **fields)


def test_a_claim_keeps_its_own_copy_of_the_values():
    assign = {"state": "taken"}
    claim = QueueClaim(QUEUE, key="id", match={}, assign=assign, order_by=["id"])
    assign["state"] = "changed"
    assert dict(claim.assign) == {"state": "taken"} and claim.order_by == ("id",)
    with pytest.raises(TypeError):
        claim.assign["state"] = "changed"


def test_the_statement_quotes_every_name_and_passes_every_value_as_a_parameter():
    sql, params = claim_statement(take("w1"), table='"claim_test"."queue"', column=lambda c: c + "_" * (c == "xmax"),
                                  placeholder="%s", lock="FOR UPDATE SKIP LOCKED")
    assert sql == ('UPDATE "claim_test"."queue" SET "state" = %s, "xmax_" = %s WHERE "id" = '
                   '(SELECT "id" FROM "claim_test"."queue" WHERE "state" = %s ORDER BY "order", "id" LIMIT 1 '
                   'FOR UPDATE SKIP LOCKED) RETURNING "id", "state", "order", "xmax_"')
    assert params == ("taken", "w1", "waiting")



@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def queue_backend(request, tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'queue.db'}" if request.param == "sqlite" else reachable_pg_admin_url()
    backend = open_backend(url)
    backend.create_table(QUEUE)
    yield backend
    if request.param == "postgresql":
        backend.execute(f"DROP SCHEMA {QUEUE.schema} CASCADE")


def test_claims_take_matching_rows_in_order_once_each(queue_backend):
    queue_backend.load_rows(QUEUE, [[(1, "waiting", 3.0, None), (2, "held", 1.0, None), (3, "waiting", 2.0, None)]])
    assert queue_backend.claim(take("w1")) == (3, "taken", 2.0, "w1")
    assert queue_backend.claim(take("w2")) == (1, "taken", 3.0, "w2")
    assert queue_backend.claim(take("w3")) is None, "the held row does not match"
    rows = queue_backend.fetch_all(f"SELECT * FROM {queue_backend.quoted_name('claim_test', 'queue')} ORDER BY 1")
    assert rows == [(1, "taken", 3.0, "w2"), (2, "held", 1.0, None), (3, "taken", 2.0, "w1")]
