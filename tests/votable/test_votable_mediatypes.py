"""RESPONSEFORMAT / FORMAT names and content types."""
import pytest

from votable import MEDIA_TYPES, content_type, parse_format


@pytest.mark.parametrize("value, expected", [
    ("votable", "binary2"), ("VOTable", "binary2"), ("  votable/td ", "tabledata"),
    ("application/x-votable+xml", "binary2"), ("text/xml", "binary2"),
    ("application/x-votable+xml;serialization=TABLEDATA", "tabledata"),
    ("application/x-votable+xml; serialization=BINARY2", "binary2"),
    ("APPLICATION/X-VOTABLE+XML;SERIALIZATION=\"binary2\"", "binary2"),
    ("votable/b2", "binary2"), ("binary2", "binary2"),
    ("csv", "csv"), ("text/csv", "csv"), ("text/csv;header=present", "csv"),
    ("tsv", "tsv"), ("text/tab-separated-values", "tsv"),
])
def test_client_names_map_to_writer_formats(value, expected):
    assert parse_format(value) == expected


@pytest.mark.parametrize("value", ["fits", "application/json", "", "application/x-votable+xml;serialization=FITS"])
def test_unknown_formats_are_refused_clearly(value):
    with pytest.raises(ValueError, match="format|serialization"):
        parse_format(value)


def test_content_types_are_the_registered_ones():
    assert content_type("tabledata") == "application/x-votable+xml;serialization=TABLEDATA"
    assert content_type("binary2") == "application/x-votable+xml;serialization=BINARY2"
    assert content_type("csv") == "text/csv;header=present"
    assert content_type("tsv") == "text/tab-separated-values"
    assert all(parse_format(media_type) == name for name, media_type in MEDIA_TYPES.items())
    with pytest.raises(ValueError, match="unknown output format"):
        content_type("fits")
