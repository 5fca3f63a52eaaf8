"""Helpers for upload tests: user catalogues as VOTable bytes."""
from __future__ import annotations

import io

import numpy as np
import pytest
from astropy.table import Table


def votable_bytes(table: Table) -> bytes:
    buffer = io.BytesIO()
    table.write(buffer, format="votable")
    return buffer.getvalue()


def positions_table(ra: np.ndarray, dec: np.ndarray) -> Table:
    """A user catalogue with UCD-tagged positions, as TOPCAT or astropy would send it."""
    table = Table({"src_id": np.arange(len(ra), dtype=np.int64), "src_ra": ra, "src_dec": dec})
    table["src_ra"].meta["ucd"] = "pos.eq.ra;meta.main"
    table["src_dec"].meta["ucd"] = "pos.eq.dec;meta.main"
    table["src_ra"].unit = "deg"
    table["src_dec"].unit = "deg"
    return table


@pytest.fixture(scope="session")
def mm_positions(demo_db_url: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(key, ra, dec) of every mm.events row of the demo database; key is 'collection:event_id'."""
    from vo_service.db import open_backend

    backend = open_backend(demo_db_url)
    with backend.connect(readonly=False) as conn:
        rows = conn.execute(f"SELECT collection, event_id, ra, dec "
                            f"FROM {backend.quoted_name('mm', 'events')}").fetchall()
    return event_positions(rows)


def event_positions(rows) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(collection, event_id, ra, dec) rows → (key, ra, dec) arrays."""
    keys = np.array([f"{c}:{e}" for c, e, _, _ in rows])
    return keys, np.array([r[2] for r in rows], dtype=float), np.array([r[3] for r in rows], dtype=float)
