"""VOResource records: schema-valid (1.1 and 1.2), generated from descriptors and measured data."""
from __future__ import annotations

import math

import pytest
from lxml import etree

from celestial.healpix import nested_index
from vo_service.protocol.registry.config import RegistryConfig
from vo_service.protocol.registry.coverage import GEV_IN_J, CoverageCache, measure
from vo_service.protocol.registry.records import RecordSource, published_records
from vo_service.publishing.catalog import Catalog
from vo_service.web.state import ServiceState

XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"


@pytest.fixture(scope="module")
def state(app) -> ServiceState:
    return app.extensions["apo"]


@pytest.fixture(scope="module")
def source(app, state) -> RecordSource:
    cache = CoverageCache()
    return RecordSource(
        config=RegistryConfig(authority="astro.test", public_url="https://data.example.org",
                              contact_email="ops@example.org", page_size=5),
        catalog=Catalog.load(state.backend),
        limits=app.extensions["apo_settings"].service_limits,
        coverage=lambda resource: cache.get(state.backend, resource),
        fallback_datestamp="2020-01-01T00:00:00Z",
    )


@pytest.fixture(scope="module")
def records(source) -> dict[str, etree._Element]:
    return {record.identifier: record.build() for record in published_records(source)}


def test_one_record_per_authority_registry_service_and_collection(records, source):
    collections = {d.id for d in source.collections}
    assert collections == {"kascade_grande", "tunka133", "taiga_hiscore", "taiga_iact", "baikal_gvd", "mm"}
    expected = {"ivo://astro.test", "ivo://astro.test/registry", "ivo://astro.test/tap",
                *(f"ivo://astro.test/data/{c}" for c in collections)}
    assert set(records) == expected
    types = {identifier: element.get(XSI_TYPE) for identifier, element in records.items()}
    assert types["ivo://astro.test"] == "vg:Authority"
    assert types["ivo://astro.test/registry"] == "vg:Registry"
    assert types["ivo://astro.test/tap"] == "vs:CatalogService"
    assert types["ivo://astro.test/data/baikal_gvd"] == "vs:CatalogResource"


@pytest.mark.parametrize("schema", ["VOResource-v1.1.xsd", "VOResource-v1.2.xsd"])
def test_every_record_is_schema_valid(records, ivoa_schema_errors, schema):
    for identifier, element in records.items():
        document = etree.tostring(element, xml_declaration=True, encoding="UTF-8")
        assert ivoa_schema_errors(document, schema) == [], identifier


def test_service_record_carries_the_vosi_capabilities_and_tableset(records, client):
    service = records["ivo://astro.test/tap"]
    vosi = etree.fromstring(client.get("/tap/capabilities").data)
    assert [c.get("standardID") for c in service.iterfind("capability")] == \
           [c.get("standardID") for c in vosi.iterfind("capability")]
    tap = service.find("capability[@standardID='ivo://ivoa.net/std/TAP']")
    assert tap.get(XSI_TYPE) == "tr:TableAccess"
    assert tap.findtext("interface/accessURL") == "https://data.example.org/tap"
    tables = {t.findtext("name") for t in service.iterfind("tableset/schema/table")}
    assert {"mm.events", "tap_schema.columns", "kascade_grande.events"} <= tables
    related = {r.get("ivo-id") for r in service.iterfind("content/relationship/relatedResource")}
    assert "ivo://astro.test/data/taiga_iact" in related


def test_collection_record_describes_the_collection(records):
    record = records["ivo://astro.test/data/taiga_iact"]
    assert record.findtext("title") == "TAIGA-IACT imaging Cherenkov events on the Crab Nebula (simulated demo)"
    assert record.findtext("facility") == "TAIGA"
    assert record.findtext("instrument") == "TAIGA-IACT"
    assert [c.findtext("name") for c in record.iterfind("curation/creator")] == ["TAIGA Collaboration"]
    assert "gamma-ray-astronomy" in [s.text for s in record.iterfind("content/subject")]
    assert record.find("rights[@rightsURI='https://creativecommons.org/licenses/by/4.0/']") is not None
    relationship = record.find("content/relationship")
    assert relationship.findtext("relationshipType") == "IsServedBy"
    assert relationship.find("relatedResource").get("ivo-id") == "ivo://astro.test/tap"
    aux = record.find("capability[@standardID='ivo://ivoa.net/std/TAP#aux']")
    assert aux.findtext("interface/accessURL") == "https://data.example.org/tap"
    assert [t.findtext("name") for t in record.iterfind("tableset/schema/table")] == ["taiga_iact.events"]
    assert record.findtext("coverage/waveband") == "Gamma-ray"


def test_coverage_is_measured_on_the_rows(state, source):
    resource = next(d for d in source.collections if d.id == "baikal_gvd")
    rows = state.backend.fetch_all('SELECT ra, dec, obs_mjd, energy FROM '
                                   + state.backend.quoted_name("baikal_gvd", "events"))
    coverage = measure(state.backend, resource)
    ra, dec, mjd, energy = (list(column) for column in zip(*rows))
    cells = set(nested_index(6, ra, dec).tolist())
    listed = set()
    for token in coverage.spatial.split(" "):
        if "/" in token:
            order, token = token.split("/")
            order = int(order)
        if not token:
            continue
        low, _, high = token.partition("-")
        for cell in range(int(low), int(high or low) + 1):
            listed.update(range(cell << 2 * (6 - order), (cell + 1) << 2 * (6 - order)))
    assert listed == cells
    assert coverage.temporal == (min(mjd), max(mjd))
    assert coverage.spectral == pytest.approx((min(energy) * GEV_IN_J, max(energy) * GEV_IN_J))
    assert math.isclose(GEV_IN_J, 1.602176634e-10)


def test_coverage_in_the_record_matches_the_measurement(records, state, source):
    resource = next(d for d in source.collections if d.id == "kascade_grande")
    coverage = measure(state.backend, resource)
    element = records["ivo://astro.test/data/kascade_grande"].find("coverage")
    assert element.findtext("spatial") == coverage.spatial
    low, high = (float(v) for v in element.findtext("temporal").split())
    assert (low, high) == coverage.temporal
    assert 52640 <= low < high <= 56293
    low, high = (float(v) for v in element.findtext("spectral").split())
    assert (low, high) == pytest.approx(coverage.spectral)
    assert 1.0e6 * GEV_IN_J < low < high < 3.0e9 * GEV_IN_J


def test_coverage_cache_measures_again_only_after_republication(state, source):
    from dataclasses import replace

    resource = next(d for d in source.collections if d.id == "tunka133")
    cache = CoverageCache()
    first = cache.get(state.backend, resource)
    assert cache.get(state.backend, resource) is first
    republished = replace(resource, updated="2999-01-01T00:00:00Z")
    assert cache.get(state.backend, republished) is not first
    assert cache.get(state.backend, republished) == first


def test_authority_is_checked():
    with pytest.raises(ValueError, match="authority"):
        RegistryConfig(authority="a", public_url="https://x.org", contact_email="a@x.org")
    with pytest.raises(ValueError, match="e-mail"):
        RegistryConfig(authority="astro.test", public_url="https://x.org", contact_email="nobody")


def test_identifiers_follow_the_configured_authority():
    from vo_service.protocol.registry.config import app_settings, from_app_config

    settings = app_settings({"APO_IVOA_AUTHORITY": "cosmic.example", "APO_OAI_PAGE_SIZE": "7"})
    config = from_app_config({**settings, "PUBLIC_URL": "https://c.example/"})
    assert config.service_id == "ivo://cosmic.example/tap"
    assert config.collection_id("mm") == "ivo://cosmic.example/data/mm"
    assert config.contact_email == "registry@cosmic.example"
    assert config.oai_url == "https://c.example/oai"
    assert config.page_size == 7
