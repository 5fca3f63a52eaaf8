"""The OAI-PMH publishing registry at /oai: harvested by a real client, every response schema-valid."""
from __future__ import annotations

import time

import pytest
import sickle
from lxml import etree
from sickle.oaiexceptions import BadArgument, CannotDisseminateFormat, IdDoesNotExist, NoRecordsMatch

OAI = {"oai": "http://www.openarchives.org/OAI/2.0/", "ri": "http://www.ivoa.net/xml/RegistryInterface/v1.0",
       "dc": "http://purl.org/dc/elements/1.1/"}
COLLECTIONS = ("kascade_grande", "tunka133", "taiga_hiscore", "taiga_iact", "baikal_gvd", "mm")
EXPECTED = {"ivo://apo.opendata", "ivo://apo.opendata/registry", "ivo://apo.opendata/tap",
            *(f"ivo://apo.opendata/data/{c}" for c in COLLECTIONS)}


def oai_get(client, **params) -> etree._Element:
    response = client.get("/oai", query_string=params)
    assert response.status_code == 200
    assert response.mimetype == "text/xml"
    return etree.fromstring(response.data)


def error_code(root: etree._Element) -> str | None:
    error = root.find("oai:error", OAI)
    return None if error is None else error.get("code")


def test_sickle_harvests_every_record_with_resumption_tokens(paged_registry_url):
    harvester = sickle.Sickle(f"{paged_registry_url}/oai")
    pages = []
    records = {}
    for record in harvester.ListRecords(metadataPrefix="ivo_vor"):
        pages.append(record.header.identifier)
        resource = record.xml.find(".//ri:Resource", OAI)
        assert resource.findtext("identifier") == record.header.identifier
        assert record.header.setSpecs == ["ivo_managed"]
        records[record.header.identifier] = record.header.datestamp
    assert set(records) == EXPECTED
    assert len(pages) == len(EXPECTED)
    identifiers = [h.identifier for h in harvester.ListIdentifiers(metadataPrefix="oai_dc")]
    assert sorted(identifiers) == sorted(EXPECTED)
    titles = {r.header.identifier: r.metadata["title"][0] for r in harvester.ListRecords(metadataPrefix="oai_dc")}
    assert titles["ivo://apo.opendata/data/baikal_gvd"].startswith("Baikal-GVD")


def test_paged_responses_carry_tokens_and_validate(paged_registry_url, ivoa_schema_errors):
    import requests

    url = f"{paged_registry_url}/oai"
    response = requests.get(url, params={"verb": "ListRecords", "metadataPrefix": "ivo_vor"}, timeout=60)
    seen = 0
    while True:
        assert ivoa_schema_errors(response.content) == []
        root = etree.fromstring(response.content)
        seen += len(root.findall("oai:ListRecords/oai:record", OAI))
        token = root.find("oai:ListRecords/oai:resumptionToken", OAI)
        assert token is not None and token.get("completeListSize") == str(len(EXPECTED))
        if not token.text:
            break
        response = requests.get(url, params={"verb": "ListRecords", "resumptionToken": token.text}, timeout=60)
    assert seen == len(EXPECTED)


def test_identify_lists_the_registry_record(client, ivoa_schema_errors):
    response = client.get("/oai?verb=Identify")
    assert ivoa_schema_errors(response.data) == []
    root = etree.fromstring(response.data)
    identify = root.find("oai:Identify", OAI)
    assert identify.findtext("oai:baseURL", namespaces=OAI) == "http://127.0.0.1/oai"
    assert identify.findtext("oai:granularity", namespaces=OAI) == "YYYY-MM-DDThh:mm:ssZ"
    registry = identify.find("oai:description/ri:Resource", OAI)
    assert registry.findtext("identifier") == "ivo://apo.opendata/registry"
    assert registry.findtext("managedAuthority") == "apo.opendata"
    assert registry.find("capability/interface/accessURL").text == "http://127.0.0.1/oai"


@pytest.mark.parametrize("params", [
    {"verb": "ListMetadataFormats"},
    {"verb": "ListMetadataFormats", "identifier": "ivo://apo.opendata/tap"},
    {"verb": "ListSets"},
    {"verb": "GetRecord", "identifier": "ivo://apo.opendata/data/mm", "metadataPrefix": "ivo_vor"},
    {"verb": "GetRecord", "identifier": "ivo://apo.opendata/tap", "metadataPrefix": "oai_dc"},
    {"verb": "ListIdentifiers", "metadataPrefix": "ivo_vor", "set": "ivo_managed"},
])
def test_every_verb_answers_valid_documents(client, ivoa_schema_errors, params):
    response = client.get("/oai", query_string=params)
    assert ivoa_schema_errors(response.data) == []
    root = etree.fromstring(response.data)
    assert error_code(root) is None
    assert root.find(f"oai:{params['verb']}", OAI) is not None
    assert root.find("oai:request", OAI).get("verb") == params["verb"]


def test_metadata_formats_and_sets(client):
    root = oai_get(client, verb="ListMetadataFormats")
    prefixes = [p.text for p in root.iterfind(".//oai:metadataPrefix", OAI)]
    assert prefixes == ["ivo_vor", "oai_dc"]
    root = oai_get(client, verb="ListSets")
    assert [s.text for s in root.iterfind(".//oai:setSpec", OAI)] == ["ivo_managed"]


@pytest.mark.parametrize(("params", "code"), [
    ({}, "badVerb"),
    ({"verb": "Harvest"}, "badVerb"),
    ({"verb": "ListRecords"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "ivo_vor", "colour": "red"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "ivo_vor", "from": "yesterday"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "ivo_vor", "from": "2020-01-01", "until": "2030-01-01T00:00:00Z"},
     "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "ivo_vor", "from": "2020-02-30"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "ivo_vor", "resumptionToken": "abc"}, "badArgument"),
    ({"verb": "GetRecord", "identifier": "ivo://apo.opendata/tap"}, "badArgument"),
    ({"verb": "ListRecords", "resumptionToken": "not-a-token"}, "badResumptionToken"),
    ({"verb": "ListSets", "resumptionToken": "x"}, "badResumptionToken"),
    ({"verb": "ListRecords", "resumptionToken": "WyJpdm9fdm9yIiwgNSwgbnVsbCwgbnVsbCwgLTMsICJ4Il0"},
     "badResumptionToken"),
    ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
    ({"verb": "GetRecord", "identifier": "ivo://apo.opendata/tap", "metadataPrefix": "marc21"},
     "cannotDisseminateFormat"),
    ({"verb": "GetRecord", "identifier": "ivo://elsewhere/tap", "metadataPrefix": "ivo_vor"}, "idDoesNotExist"),
    ({"verb": "ListMetadataFormats", "identifier": "ivo://elsewhere/x"}, "idDoesNotExist"),
    ({"verb": "ListRecords", "metadataPrefix": "ivo_vor", "from": "2999-01-01"}, "noRecordsMatch"),
    ({"verb": "ListRecords", "metadataPrefix": "ivo_vor", "until": "1999-01-01"}, "noRecordsMatch"),
    ({"verb": "ListIdentifiers", "metadataPrefix": "ivo_vor", "set": "photographs"}, "noRecordsMatch"),
])
def test_protocol_errors_have_their_codes_and_validate(client, ivoa_schema_errors, params, code):
    response = client.get("/oai", query_string=params)
    assert ivoa_schema_errors(response.data) == []
    root = etree.fromstring(response.data)
    assert error_code(root) == code
    assert root.findtext("oai:error", namespaces=OAI).strip()
    request = root.find("oai:request", OAI)
    if code in ("badVerb", "badArgument"):
        assert dict(request.attrib) == {}


def test_repeated_argument_is_bad(client):
    response = client.get("/oai?verb=ListSets&verb=ListSets")
    assert error_code(etree.fromstring(response.data)) == "badArgument"


def test_post_is_answered_like_get(client):
    response = client.post("/oai", data={"verb": "GetRecord", "identifier": "ivo://apo.opendata/tap",
                                         "metadataPrefix": "ivo_vor"})
    root = etree.fromstring(response.data)
    assert root.findtext(".//oai:header/oai:identifier", namespaces=OAI) == "ivo://apo.opendata/tap"


def test_datestamps_select_records(client):
    root = oai_get(client, verb="ListIdentifiers", metadataPrefix="ivo_vor")
    stamps = {h.findtext("oai:identifier", namespaces=OAI): h.findtext("oai:datestamp", namespaces=OAI)
              for h in root.iterfind(".//oai:header", OAI)}
    newest = max(stamps.values())
    root = oai_get(client, verb="ListIdentifiers", metadataPrefix="ivo_vor", **{"from": newest})
    selected = {h.text for h in root.iterfind(".//oai:header/oai:identifier", OAI)}
    assert selected == {i for i, s in stamps.items() if s >= newest}
    assert "ivo://apo.opendata/tap" in selected
    root = oai_get(client, verb="ListIdentifiers", metadataPrefix="ivo_vor", until=newest[:10])
    assert len(root.findall(".//oai:header", OAI)) == len(EXPECTED)


def test_sickle_sees_protocol_errors(paged_registry_url):
    harvester = sickle.Sickle(f"{paged_registry_url}/oai")
    with pytest.raises(IdDoesNotExist):
        harvester.GetRecord(identifier="ivo://nowhere/x", metadataPrefix="ivo_vor")
    with pytest.raises(CannotDisseminateFormat):
        next(iter(harvester.ListRecords(metadataPrefix="mods")))
    with pytest.raises(NoRecordsMatch):
        next(iter(harvester.ListIdentifiers(metadataPrefix="oai_dc", **{"from": "2999-01-01"})))
    with pytest.raises(BadArgument):
        next(iter(harvester.ListIdentifiers(metadataPrefix="oai_dc", until="soon")))


def test_a_newly_published_collection_appears_with_its_datestamp(tmp_path, ivoa_schema_errors):
    import numpy as np

    from vo_service.db import open_backend
    from vo_service.publishing.collection import load_table, register
    from vo_service.settings import Settings
    from vo_service.web.app import create_app

    def collection(cid: str) -> dict:
        return {
            "id": cid, "title": f"Test collection {cid}", "description": "Events published by the registry test.",
            "facility": "Test array", "messenger": "neutrino", "creators": ["Test Collaboration"],
            "subjects": ["neutrino-astronomy"], "licence": {"name": "CC0-1.0",
                                                           "url": "https://creativecommons.org/publicdomain/zero/1.0/"},
            "tables": [{"name": "events", "description": "Test events.", "primary_key": "event_id",
                        "position": ["ra", "dec"], "time": "obs_mjd", "columns": [
                            {"name": "event_id", "datatype": "long", "description": "Event number."},
                            {"name": "obs_mjd", "datatype": "double", "unit": "d", "description": "Time."},
                            {"name": "ra", "datatype": "double", "unit": "deg", "description": "RA."},
                            {"name": "dec", "datatype": "double", "unit": "deg", "description": "Dec."},
                            {"name": "energy", "datatype": "double", "unit": "TeV", "ucd": "phys.energy",
                             "description": "Energy."}]}],
        }

    def publish(cid: str) -> None:
        descriptor = register(backend, collection(cid))
        load_table(backend, descriptor.table("events"), [{
            "event_id": np.arange(3), "obs_mjd": np.array([60000.0, 60001.0, 60002.5]),
            "ra": np.array([10.0, 200.0, 300.0]), "dec": np.array([-5.0, 40.0, 80.0]),
            "energy": np.array([1.0, 2.0, 5.0])}])

    backend = open_backend(f"sqlite:///{tmp_path / 'registry.db'}")
    publish("first_test")
    app = create_app(Settings(backend.url, public_url="http://127.0.0.1"))
    app.config["OAI_PAGE_SIZE"] = 2
    client = app.test_client()
    before = etree.fromstring(client.get("/oai?verb=ListIdentifiers&metadataPrefix=ivo_vor").data)
    token = before.findtext(".//oai:resumptionToken", namespaces=OAI)
    assert token
    before = etree.fromstring(client.get(f"/oai?verb=ListIdentifiers&resumptionToken={token}").data)
    assert error_code(before) is None
    app.config["OAI_PAGE_SIZE"] = 50
    before = etree.fromstring(client.get("/oai?verb=ListIdentifiers&metadataPrefix=ivo_vor").data)
    stamps = {h.findtext("oai:identifier", namespaces=OAI): h.findtext("oai:datestamp", namespaces=OAI)
              for h in before.iterfind(".//oai:header", OAI)}
    assert "ivo://apo.opendata/data/first_test" in stamps
    assert "ivo://apo.opendata/data/second_test" not in stamps

    time.sleep(1.1)
    publish("second_test")
    stale = etree.fromstring(client.get(f"/oai?verb=ListIdentifiers&resumptionToken={token}").data)
    assert error_code(stale) == "badResumptionToken"
    after = client.get("/oai?verb=ListRecords&metadataPrefix=ivo_vor&from=" + max(stamps.values()))
    assert ivoa_schema_errors(after.data) == []
    root = etree.fromstring(after.data)
    fresh = {h.findtext("oai:identifier", namespaces=OAI): h.findtext("oai:datestamp", namespaces=OAI)
             for h in root.iterfind(".//oai:header", OAI)}
    assert "ivo://apo.opendata/data/second_test" in fresh
    published_at = fresh["ivo://apo.opendata/data/second_test"]
    assert published_at > max(stamps.values())
    newer = etree.fromstring(client.get(f"/oai?verb=ListIdentifiers&metadataPrefix=oai_dc&from={published_at}").data)
    assert {h.text for h in newer.iterfind(".//oai:header/oai:identifier", OAI)} == {
        "ivo://apo.opendata/data/second_test", "ivo://apo.opendata/tap"}
    record = root.find(".//ri:Resource[identifier='ivo://apo.opendata/data/second_test']", OAI)
    assert record.findtext("coverage/temporal") == "60000.0 60002.5"
    low, high = (float(v) for v in record.findtext("coverage/spectral").split())
    assert (low, high) == pytest.approx((1.602176634e-7, 5 * 1.602176634e-7))
    assert record.findtext("coverage/spatial").startswith("6/")
