"""Fixtures shared by the whole suite: a small demo database and a live service over it."""
from __future__ import annotations

import os
import sqlite3
import sys
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from werkzeug.serving import make_server

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEMO_SCALE = 0.02


def shared_path(*parts: str) -> Path:
    """A file under ../shared, or a skip that says why (it is absent outside our machines)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: this test reads the shared reference data beside the checkout")
    return path


@pytest.fixture(scope="session")
def demo_db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A demo database at 2% of the default scale (about 20,000 events), built once."""
    from vo_service.db import open_backend
    from vo_service.publishing.demo import init_demo

    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    init_demo(open_backend(url), scale=DEMO_SCALE, show_progress=False)
    return url


@pytest.fixture()
def own_demo(demo_db_url, tmp_path) -> str:
    """A private copy of the demo database, for tests that write to it.

    Copied through SQLite's backup API: copying the file would miss what is still in its
    write-ahead log, and opening and closing it here would drop this process's SQLite locks
    on it, so another process could delete the log that live connections still use.
    """
    from vo_service.db.sqlite import sqlite_path

    copy = tmp_path / "demo.db"
    with closing(sqlite3.connect(sqlite_path(demo_db_url))) as source, closing(sqlite3.connect(copy)) as target:
        source.backup(target)
    return f"sqlite:///{copy}"


@pytest.fixture(scope="session")
def app(demo_db_url: str):
    from vo_service.settings import Settings
    from vo_service.web.app import create_app

    return create_app(Settings(demo_db_url, public_url="http://127.0.0.1"))


@pytest.fixture()
def client(app):
    return app.test_client()


@contextmanager
def serving(db_url: str, config: dict | None = None, **app_options) -> Iterator[str]:
    """The service over db_url on a real socket (threaded WSGI server); yields its base URL.

    config: Flask settings applied after the app is made; app_options go to create_app.
    """
    from vo_service.settings import Settings
    from vo_service.web.app import create_app

    server = make_server("127.0.0.1", 0, None, threaded=True)
    base = f"http://127.0.0.1:{server.server_port}"
    server.app = create_app(Settings(db_url, public_url=base, **app_options))
    server.app.config.update(config or {})
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def live_url(demo_db_url: str) -> str:
    """The service on a real socket, for pyvo, astropy and STILTS."""
    with serving(demo_db_url) as base:
        yield base


@pytest.fixture(scope="session")
def pooled_live_url(demo_db_url: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The service on a real socket with a pool of two worker processes, as `apo serve` runs it."""
    from vo_service.cli.worker import WorkerPool
    from vo_service.settings import Settings

    results = tmp_path_factory.mktemp("pool") / "results"
    pool = WorkerPool(Settings(demo_db_url, results_dir=results), 2)
    pool.start()
    try:
        with serving(demo_db_url, results_dir=results) as base:
            yield base
    finally:
        pool.stop()


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def xsd_errors(tmp_path_factory: pytest.TempPathFactory):
    """Validate an XML document against the IVOA schemas in ../shared/xsd; returns the errors."""
    import importlib.util

    script = shared_path("xsd", "validate.py")
    spec = importlib.util.spec_from_file_location("ivoa_xsd_validate", script)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    folder = tmp_path_factory.mktemp("xsd")

    def errors(document: bytes, name: str = "document.xml") -> list[str]:
        path = folder / name
        path.write_bytes(document)
        return module.validate_file(path)

    return errors


PG_ADMIN_URL = os.environ.get("APO_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


def pg_unavailable(reason: str) -> None:
    """Locally a missing PostgreSQL skips its tests; in CI it must not, so it fails them."""
    message = f"PostgreSQL with pgSphere is unavailable ({reason}); set APO_TEST_PG or run .ci/run"
    if in_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def reachable_pg_admin_url() -> str:
    """PG_ADMIN_URL once the server answers (else the test skips locally and fails in CI)."""
    psycopg2 = pytest.importorskip("psycopg2")
    try:
        psycopg2.connect(PG_ADMIN_URL, connect_timeout=2).close()
    except psycopg2.OperationalError as exc:
        pg_unavailable(str(exc).strip().splitlines()[0])
    return PG_ADMIN_URL


@pytest.fixture(scope="session")
def pg_demo_db_url() -> str:
    """The same small demo in a fresh PostgreSQL database apo_test_<pid>, dropped at the end."""
    psycopg2 = pytest.importorskip("psycopg2")
    from sqlalchemy.engine import make_url

    from vo_service.db import open_backend
    from vo_service.db.postgresql import connection_kwargs
    from vo_service.publishing.demo import init_demo

    admin_url = make_url(PG_ADMIN_URL)
    name = f"apo_test_{os.getpid()}"
    try:
        admin = psycopg2.connect(**connection_kwargs(PG_ADMIN_URL))
    except psycopg2.Error as exc:
        pg_unavailable(str(exc).strip().splitlines()[0])
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_sphere'")
        if cursor.fetchone() is None:
            admin.close()
            pg_unavailable("the pg_sphere extension is not installed on the server")
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    url = admin_url.set(database=name).render_as_string(hide_password=False)
    try:
        init_demo(open_backend(url), scale=DEMO_SCALE, show_progress=False)
        yield url
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture(scope="session", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend_url(request: pytest.FixtureRequest) -> str:
    """The small demo on each backend in turn: tests using it run on SQLite and on PostgreSQL."""
    return request.getfixturevalue("demo_db_url" if request.param == "sqlite" else "pg_demo_db_url")


@pytest.fixture(scope="session")
def backend_app(backend_url: str):
    from vo_service.settings import Settings
    from vo_service.web.app import create_app

    return create_app(Settings(backend_url, public_url="http://127.0.0.1"))


@pytest.fixture()
def backend_client(backend_app):
    return backend_app.test_client()


@pytest.fixture(scope="session")
def backend_live_url(backend_url: str) -> str:
    """live_url on each backend in turn."""
    with serving(backend_url) as base:
        yield base
