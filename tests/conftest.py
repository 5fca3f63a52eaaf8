"""Fixtures shared by the whole suite: a small demo database and a live service over it."""
from __future__ import annotations

import os
import sys
import threading
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
    from vo_service.backends import open_backend
    from vo_service.demo import init_demo

    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    init_demo(open_backend(url), scale=DEMO_SCALE, show_progress=False)
    return url


@pytest.fixture(scope="session")
def app(demo_db_url: str):
    from vo_service.app import create_app

    return create_app(demo_db_url, public_url="http://127.0.0.1")


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def live_url(demo_db_url: str) -> str:
    """The service on a real socket (threaded WSGI server), for pyvo, astropy and STILTS."""
    from vo_service.app import create_app

    server = make_server("127.0.0.1", 0, None, threaded=True)
    base = f"http://127.0.0.1:{server.server_port}"
    server.app = create_app(demo_db_url, public_url=base)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()


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
