"""Escaping and XML IDs."""
import re

from votable import xmltext

NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")


def test_ids_are_ncnames_and_unique_whatever_the_names():
    names = ["ra", "ra", "1st", "a b", "<&>", "", "日本", "ra_2"]
    ids = xmltext.unique_ids(names, taken=["coosys"])
    assert all(NCNAME.match(id_) for id_ in ids)
    assert len(set(ids)) == len(ids)
    assert "coosys" not in ids


def test_text_escapes_markup_and_replaces_characters_xml_cannot_hold():
    assert xmltext.text("a<b&c>d") == "a&lt;b&amp;c&gt;d"
    assert xmltext.text("bell\x07") == "bell\ufffd"
    assert xmltext.text("tab\tnewline\n") == "tab\tnewline\n"


def test_attributes_keep_whitespace_through_character_references():
    assert xmltext.attr('say "hi"\n') == "say &quot;hi&quot;&#10;"
