"""Helpers for the votable tests: the offline XSD validator and astropy parsing."""
from __future__ import annotations

import importlib.util
import io
import sys
import warnings
from pathlib import Path

import pytest

XSD_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "xsd"


@pytest.fixture(scope="session")
def xsd_errors():
    """A function returning the XSD errors of a VOTable document given as bytes ([] = valid)."""
    script = XSD_DIR / "validate.py"
    if not script.exists():
        pytest.skip(f"{script} is absent: the XSD checks need ../shared/xsd beside the checkout")
    spec = importlib.util.spec_from_file_location("ivoa_xsd", script)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("ivoa_xsd", module)
    spec.loader.exec_module(module)

    def errors(document: bytes, tmp_dir: Path) -> list[str]:
        path = tmp_dir / "document.xml"
        path.write_bytes(document)
        return module.validate_file(path)

    return errors


@pytest.fixture(scope="session")
def parse_votable():
    """A function parsing a VOTable document with astropy, strictly (any warning fails)."""
    from astropy.io.votable import parse

    def first_table(document: bytes):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            return parse(io.BytesIO(document), verify="exception").get_first_table()

    return first_table
