"""Fixtures of the registry tests: a schema validator that can pick VOResource 1.1 or 1.2."""
from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable

import pytest

from tests.conftest import serving, shared_path


@pytest.fixture(scope="session")
def ivoa_schema_errors(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., list[str]]:
    """errors(document, *schema_files) -> schema errors against ../shared/xsd (empty when valid).

    validate.py is registered in sys.modules before it runs: its dataclasses need that.
    """
    script = shared_path("xsd", "validate.py")
    name = "ivoa_xsd_validate_registry"
    spec = importlib.util.spec_from_file_location(name, script)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    folder = tmp_path_factory.mktemp("registry-xsd")

    def errors(document: bytes, *schema_files: str) -> list[str]:
        path = folder / "document.xml"
        path.write_bytes(document)
        return module.validate_file(path, schema_files)

    return errors


@pytest.fixture(scope="session")
def paged_registry_url(demo_db_url: str) -> str:
    """The demo service on a real socket with OAI-PMH pages of 3 records, so harvests need tokens."""
    with serving(demo_db_url, {"OAI_PAGE_SIZE": 3}) as base:
        yield base
