"""DALI examples at /tap/examples: every query runs on the demo data, pyvo reads the page.

The taplint check of the same page is in tests/test_taplint.py.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from vo_service.protocol.examples import ExamplesError, load_examples, published_examples

XHTML = {"h": "http://www.w3.org/1999/xhtml"}
VOTABLE = {"v": "http://www.ivoa.net/xml/VOTable/v1.3"}
EXAMPLES = load_examples()


def test_there_are_enough_examples_for_every_collection():
    assert len(EXAMPLES) >= 12
    tables = {t for e in EXAMPLES for t in e.tables}
    for collection in ("kascade_grande", "tunka133", "taiga_hiscore", "taiga_iact", "baikal_gvd", "mm", "tap_schema"):
        assert any(t.startswith(collection + ".") for t in tables), collection
    queries = " ".join(e.query for e in EXAMPLES)
    assert "ivo_healpix_index" in queries and "CONTAINS" in queries and "JOIN mm.events" in queries


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.id for e in EXAMPLES])
def test_every_example_returns_rows_on_the_demo_data(client, example):
    for table in example.tables:
        assert table.lower() in example.query.lower()
    response = client.post("/tap/sync", data={"REQUEST": "doQuery", "LANG": "ADQL", "QUERY": example.query,
                                               "RESPONSEFORMAT": "votable/td"})
    assert response.status_code == 200, response.data[:400]
    root = etree.fromstring(response.data)
    assert root.find(".//v:INFO[@name='QUERY_STATUS']", VOTABLE).get("value") == "OK"
    assert len(root.findall(".//v:TABLEDATA/v:TR", VOTABLE)) > 0


def test_document_is_xhtml_with_the_rdfa_dali_asks_for(client):
    response = client.get("/tap/examples")
    assert response.status_code == 200
    assert response.mimetype == "application/xhtml+xml"
    root = etree.fromstring(response.data)
    assert [e.get("vocab") for e in root.iter() if e.get("vocab")] == ["http://www.ivoa.net/rdf/examples#"]
    blocks = root.findall(".//*[@typeof='example']")
    assert [b.get("id") for b in blocks] == [e.id for e in EXAMPLES]
    for block, example in zip(blocks, EXAMPLES):
        assert block.get("resource") == "#" + example.id
        assert block.find(".//*[@property='name']").text == example.name
        assert block.find(".//*[@property='query']").text == example.query
        assert [t.text for t in block.findall(".//*[@property='table']")] == list(example.tables)


def test_capabilities_declare_the_examples(client):
    root = etree.fromstring(client.get("/tap/capabilities").data)
    capability = root.find("capability[@standardID='ivo://ivoa.net/std/DALI#examples']")
    interface = capability.find("interface")
    assert interface.get("{http://www.w3.org/2001/XMLSchema-instance}type") == "vr:WebBrowser"
    assert interface.findtext("accessURL") == "http://127.0.0.1/tap/examples"


def test_pyvo_reads_the_examples(live_url):
    import pyvo

    service = pyvo.dal.TAPService(f"{live_url}/tap")
    queries = [example["QUERY"] for example in service.examples]
    assert queries == [e.query for e in EXAMPLES]
    result = service.examples[0].execute()
    assert len(result) > 0


def test_examples_of_unpublished_tables_are_left_out():
    shown = published_examples(EXAMPLES, {"mm.events"})
    assert shown and all(e.tables == ("mm.events",) for e in shown)


def test_malformed_examples_files_are_refused_with_a_message(tmp_path: Path):
    bad = tmp_path / "examples.yaml"
    bad.write_text("- id: one\n  name: x\n  description: y\n  query: SELECT 1\n  tables: [nodot]\n")
    with pytest.raises(ExamplesError, match="schema.table"):
        load_examples(bad)
    bad.write_text("- {id: '1st', name: x, description: y, query: q, tables: [a.b]}\n")
    with pytest.raises(ExamplesError, match="fragment identifier"):
        load_examples(bad)
    bad.write_text("[unclosed")
    with pytest.raises(ExamplesError, match="YAML"):
        load_examples(bad)
