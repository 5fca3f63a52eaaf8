"""The `oai_dc` rendering of a VOResource record, which every OAI-PMH repository must offer.

It is read off the VOResource element itself (the Dublin Core terms VOResource
names in its schema annotations), so there is one source for both formats.
"""
from __future__ import annotations

from lxml import etree

OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

_TERMS = (  # Dublin Core element, VOResource paths (relative to the resource element)
    ("title", ("title",)),
    ("creator", ("curation/creator/name",)),
    ("subject", ("content/subject", "facility", "instrument")),
    ("description", ("content/description",)),
    ("publisher", ("curation/publisher",)),
    ("date", ("curation/date",)),
    ("type", ("content/type",)),
    ("identifier", ("identifier", "content/referenceURL")),
    ("relation", ("content/relationship/relatedResource",)),
    ("coverage", ("coverage/waveband",)),
    ("rights", ("rights",)),
)


def dublin_core(resource: etree._Element) -> etree._Element:
    """An `oai_dc:dc` element with the Dublin Core view of one `ri:Resource` element."""
    root = etree.Element(f"{{{OAI_DC}}}dc", nsmap={"oai_dc": OAI_DC, "dc": DC, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{OAI_DC} {OAI_DC_SCHEMA}")
    for term, paths in _TERMS:
        for path in paths:
            for source in resource.iterfind(path):
                text = " ".join((source.text or "").split())
                if text:
                    etree.SubElement(root, f"{{{DC}}}{term}").text = text
    return root
