"""VOSI availability, capabilities and tables: schema-valid and true to the catalog."""
from __future__ import annotations

from lxml import etree

NS = {
    "vosi": "http://www.ivoa.net/xml/VOSICapabilities/v1.0",
    "vosit": "http://www.ivoa.net/xml/VOSITables/v1.0",
    "vosia": "http://www.ivoa.net/xml/VOSIAvailability/v1.0",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}


def test_availability_is_valid_and_up(client, xsd_errors):
    response = client.get("/tap/availability")
    assert response.status_code == 200
    assert xsd_errors(response.data) == []
    root = etree.fromstring(response.data)
    assert root.findtext("vosia:available", namespaces=NS) == "true"


def test_capabilities_are_valid_and_declare_tap(client, xsd_errors):
    response = client.get("/tap/capabilities")
    assert xsd_errors(response.data) == []
    root = etree.fromstring(response.data)
    standards = {c.get("standardID") for c in root.iterfind("capability")}
    assert {"ivo://ivoa.net/std/TAP", "ivo://ivoa.net/std/VOSI#capabilities",
            "ivo://ivoa.net/std/VOSI#availability", "ivo://ivoa.net/std/VOSI#tables-1.1"} <= standards
    tap = next(c for c in root.iterfind("capability") if c.get("standardID") == "ivo://ivoa.net/std/TAP")
    versions = {v.text for v in tap.iterfind("language/version")}
    assert versions == {"2.0", "2.1"}
    forms = [f.text for f in tap.iterfind("language/languageFeatures/feature/form")]
    assert any(form.startswith("ivo_healpix_index(") for form in forms)
    assert any(form.startswith("CONTAINS") for form in forms)
    mimes = {m.text for m in tap.iterfind("outputFormat/mime")}
    assert "application/x-votable+xml;serialization=BINARY2" in mimes
    assert tap.find("outputLimit/hard").text == "10000000"


def test_tables_are_valid_and_complete(client, xsd_errors):
    response = client.get("/tap/tables")
    assert xsd_errors(response.data) == []
    root = etree.fromstring(response.data)
    tables = {t.findtext("name"): t for t in root.iterfind("schema/table")}
    assert {"mm.events", "tap_schema.columns", "kascade_grande.events", "taiga_iact.events"} <= set(tables)
    ra = next(c for c in tables["mm.events"].iterfind("column") if c.findtext("name") == "ra")
    assert ra.findtext("unit") == "deg" and ra.findtext("ucd") == "pos.eq.ra;meta.main"
    size = [c.findtext("name") for c in tables["tap_schema.columns"].iterfind("column")]
    assert '"size"' in size


def test_tables_detail_min_has_no_columns(client, xsd_errors):
    response = client.get("/tap/tables?detail=min")
    assert xsd_errors(response.data) == []
    root = etree.fromstring(response.data)
    assert root.find("schema/table") is not None
    assert root.find("schema/table/column") is None


def test_single_table_document(client, xsd_errors):
    response = client.get("/tap/tables/mm.events")
    assert response.status_code == 200
    assert xsd_errors(response.data) == []
    root = etree.fromstring(response.data)
    assert root.findtext("name") == "mm.events"
    assert client.get("/tap/tables/mm.nothing").status_code == 404
