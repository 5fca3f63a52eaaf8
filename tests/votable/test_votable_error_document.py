"""DALI error documents."""
import io

import pytest
from lxml import etree

import votable
from votable import Info

NS = {"v": "http://www.ivoa.net/xml/VOTable/v1.3"}


def test_error_document_is_valid_and_says_what_went_wrong(xsd_errors, tmp_path):
    document = votable.error_document("Unknown column 'rA' in <SELECT> & co.",
                                      infos=[Info("QUERY", "SELECT rA FROM t")])
    assert xsd_errors(document, tmp_path) == []
    resource = etree.fromstring(document).find("v:RESOURCE", NS)
    assert resource.get("type") == "results"
    infos = resource.findall("v:INFO", NS)
    assert (infos[0].get("name"), infos[0].get("value"), infos[0].text) == \
        ("QUERY_STATUS", "ERROR", "Unknown column 'rA' in <SELECT> & co.")
    assert (infos[1].get("name"), infos[1].get("value")) == ("QUERY", "SELECT rA FROM t")


def test_pyvo_reads_the_error_document_as_a_query_error():
    from astropy.io.votable import parse
    from pyvo.dal import DALQueryError
    from pyvo.dal.query import DALResults

    parsed = parse(io.BytesIO(votable.error_document("no such table: kascade.evnts")))
    with pytest.raises(DALQueryError, match="no such table: kascade.evnts"):
        DALResults(parsed)
