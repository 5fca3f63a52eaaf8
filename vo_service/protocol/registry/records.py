"""VOResource 1.1 records of everything this data centre publishes, built from the descriptors.

One record each for the naming authority, the publishing registry, the TAP service
and every published collection. Capabilities and tablesets come from the same
builders as the VOSI documents, so the registry and the service cannot disagree.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from resources import ResourceDescriptor
from vo_service.protocol.registry.config import RegistryConfig
from vo_service.protocol.registry.coverage import Coverage, interval_text
from vo_service.protocol.vosi_documents import XSI_TYPE, ServiceLimits, schema_element, service_capabilities
from vo_service.publishing.catalog import Catalog
from vo_service.publishing.tap_schema import SCHEMA as TAP_SCHEMA

NS = {
    "ri": "http://www.ivoa.net/xml/RegistryInterface/v1.0",
    "vr": "http://www.ivoa.net/xml/VOResource/v1.0",
    "vs": "http://www.ivoa.net/xml/VODataService/v1.1",
    "vg": "http://www.ivoa.net/xml/VORegistry/v1.0",
    "tr": "http://www.ivoa.net/xml/TAPRegExt/v1.0",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
RESOURCE_TAG = f"{{{NS['ri']}}}Resource"
VORESOURCE_VERSION = "1.1"
MESSENGER_TERMS = {  # descriptor messenger -> terms of http://www.ivoa.net/rdf/messenger
    "gamma": ("Gamma-ray",),
    "neutrino": ("Neutrino",),
    "multi-messenger": ("Gamma-ray", "Neutrino"),
}
SHORT_NAME_MAX = 16


@dataclass(frozen=True)
class Record:
    """One harvestable record: its header data now, its XML only when asked for."""

    identifier: str
    datestamp: str
    build: Callable[[], etree._Element]


@dataclass(frozen=True)
class RecordSource:
    """Everything the records are made of: configuration, published catalog, measured coverage."""

    config: RegistryConfig
    catalog: Catalog
    limits: ServiceLimits
    coverage: Callable[[ResourceDescriptor], Coverage]
    fallback_datestamp: str

    @property
    def collections(self) -> list[ResourceDescriptor]:
        return [d for d in self.catalog.descriptors if d.id != TAP_SCHEMA]

    @property
    def earliest(self) -> str:
        return min((d.updated for d in self.collections if d.updated), default=self.fallback_datestamp)

    @property
    def latest(self) -> str:
        return max((d.updated for d in self.collections if d.updated), default=self.fallback_datestamp)


def _sub(parent: etree._Element, tag: str, text: object | None = None, **attrib: str | None) -> etree._Element:
    element = etree.SubElement(parent, tag, {k: v for k, v in attrib.items() if v is not None})
    if text is not None:
        element.text = str(text)
    return element


def _resource(xsi_type: str, title: str, identifier: str, created: str, updated: str) -> etree._Element:
    root = etree.Element(RESOURCE_TAG, nsmap=NS, created=created, updated=updated, status="active",
                         version=VORESOURCE_VERSION)
    root.set(XSI_TYPE, xsi_type)
    _sub(root, "title", title)
    short = title if len(title) <= SHORT_NAME_MAX else None
    if short:
        _sub(root, "shortName", short)
    _sub(root, "identifier", identifier)
    return root


def _curation(root: etree._Element, source: RecordSource, *, creators: tuple[str, ...], updated: str) -> None:
    config = source.config
    curation = _sub(root, "curation")
    _sub(curation, "publisher", config.publisher, **{"ivo-id": config.authority_id})
    for name in creators:
        creator = _sub(curation, "creator")
        _sub(creator, "name", name)
    _sub(curation, "date", updated[:10], role="Updated")
    contact = _sub(curation, "contact")
    _sub(contact, "name", f"{config.publisher} operators")
    _sub(contact, "email", config.contact_email)


def _content(root: etree._Element, *, subjects: tuple[str, ...], description: str, reference_url: str,
             types: tuple[str, ...] = (), relationship: tuple[str, list[tuple[str, str]]] | None = None
             ) -> None:
    content = _sub(root, "content")
    for subject in subjects or ("virtual-observatories",):
        _sub(content, "subject", subject)
    _sub(content, "description", description)
    _sub(content, "referenceURL", reference_url)
    for content_type in types:
        _sub(content, "type", content_type)
    _sub(content, "contentLevel", "Research")
    if relationship is not None:
        kind, related = relationship
        element = _sub(content, "relationship")
        _sub(element, "relationshipType", kind)
        for ivo_id, title in related:
            _sub(element, "relatedResource", title, **{"ivo-id": ivo_id})


def _rights(root: etree._Element, resource: ResourceDescriptor) -> None:
    licence = resource.licence
    if licence:
        name, url = licence.get("name"), licence.get("url")
        text = f"Licensed under {name}" + (f" ({url})" if url else "") + "."
        _sub(root, "rights", text, rightsURI=url)
    policy = resource.access.get("policy", "public")
    _sub(root, "rights", "Public data: anyone may query and download them without an account."
         if policy == "public" else "Restricted data: access is limited to authorised roles.")


def _coverage(root: etree._Element, resource: ResourceDescriptor, coverage: Coverage) -> None:
    terms = MESSENGER_TERMS.get(resource.messenger or "", ())
    if not (coverage.spatial or coverage.temporal or coverage.spectral or terms):
        return
    element = _sub(root, "coverage")
    if coverage.spatial:
        _sub(element, "spatial", coverage.spatial)
    if coverage.temporal:
        _sub(element, "temporal", interval_text(coverage.temporal))
    if coverage.spectral:
        _sub(element, "spectral", interval_text(coverage.spectral))
    for term in terms:
        _sub(element, "waveband", term)


def authority_record(source: RecordSource) -> etree._Element:
    config = source.config
    root = _resource("vg:Authority", f"{config.publisher} naming authority", config.authority_id,
                     source.earliest, source.earliest)
    _curation(root, source, creators=(), updated=source.earliest)
    _content(root, subjects=("virtual-observatories",), reference_url=f"{config.public_url}/",
             description=f"The IVOA naming authority {config.authority} of the {config.publisher}: every "
                         f"resource identifier starting with {config.authority_id}/ is registered here.")
    _sub(root, "managingOrg", config.publisher)
    return root


def registry_record(source: RecordSource) -> etree._Element:
    config = source.config
    root = _resource("vg:Registry", f"{config.publisher} publishing registry", config.registry_id,
                     source.earliest, source.earliest)
    _curation(root, source, creators=(), updated=source.earliest)
    _content(root, subjects=("virtual-observatories",), reference_url=f"{config.oai_url}?verb=Identify",
             types=("Registry",),
             description=f"OAI-PMH publishing registry of the {config.publisher}: the records of its naming "
                         "authority, its TAP service and every published collection, generated from what "
                         "the database holds at the time of the request.")
    capability = _sub(root, "capability", standardID="ivo://ivoa.net/std/Registry")
    capability.set(XSI_TYPE, "vg:Harvest")
    interface = _sub(capability, "interface", role="std", version="1.0")
    interface.set(XSI_TYPE, "vg:OAIHTTP")
    _sub(interface, "accessURL", config.oai_url, use="base")
    _sub(capability, "maxRecords", config.page_size)
    _sub(root, "full", "false")
    _sub(root, "managedAuthority", config.authority)
    return root


def _collection_links(source: RecordSource) -> list[tuple[str, str]]:
    return [(source.config.collection_id(d.id), d.title) for d in source.collections]


def service_record(source: RecordSource) -> etree._Element:
    config = source.config
    collections = source.collections
    subjects = tuple(dict.fromkeys(s for d in collections for s in d.subjects))
    root = _resource("vs:CatalogService", f"{config.publisher} TAP service", config.service_id,
                     source.earliest, source.latest)
    _curation(root, source, creators=(config.publisher,), updated=source.latest)
    _content(root, subjects=subjects, reference_url=f"{config.tap_url}", types=("Catalog",),
             relationship=("IsServiceFor", _collection_links(source)) if collections else None,
             description=f"Table Access Protocol (TAP 1.1, ADQL 2.1) service of the {config.publisher}: "
                         "cosmic-ray, gamma-ray and neutrino event lists, and the multi-messenger table "
                         "mm.events that joins them. Collections: "
                         + ("; ".join(d.title for d in collections) or "none yet") + ".")
    licences = {d.licence.get("url"): d.licence.get("name") for d in collections if d.licence}
    for url, name in licences.items():
        _sub(root, "rights", f"Collections licensed under {name}.", rightsURI=url)
    service_capabilities(root, config.tap_url, source.limits)
    tableset = _sub(root, "tableset")
    for resource in source.catalog.descriptors:
        schema_element(tableset, resource)
    return root


def collection_record(source: RecordSource, resource: ResourceDescriptor) -> etree._Element:
    config = source.config
    updated = resource.updated or source.fallback_datestamp
    types = ("Catalog", "Simulation") if resource.simulated else ("Catalog",)
    root = _resource("vs:CatalogResource", resource.title, config.collection_id(resource.id), updated, updated)
    _curation(root, source, creators=resource.creators or (config.publisher,), updated=updated)
    _content(root, subjects=resource.subjects, description=resource.description, types=types,
             reference_url=f"{config.tap_url}/tables/{resource.tables[0].qualified_name}",
             relationship=("IsServedBy", [(config.service_id, f"{config.publisher} TAP service")]))
    _rights(root, resource)
    capability = _sub(root, "capability", standardID="ivo://ivoa.net/std/TAP#aux")
    interface = _sub(capability, "interface", role="std", version="1.1")
    interface.set(XSI_TYPE, "vs:ParamHTTP")
    _sub(interface, "accessURL", config.tap_url, use="base")
    if resource.facility:
        _sub(root, "facility", resource.facility)
    if resource.instrument:
        _sub(root, "instrument", resource.instrument)
    _coverage(root, resource, source.coverage(resource))
    schema_element(_sub(root, "tableset"), resource)
    return root


def published_records(source: RecordSource) -> list[Record]:
    """All records, sorted by identifier; building the XML is deferred until it is needed."""
    config = source.config
    records = [
        Record(config.authority_id, source.earliest, lambda: authority_record(source)),
        Record(config.registry_id, source.earliest, lambda: registry_record(source)),
        Record(config.service_id, source.latest, lambda: service_record(source)),
    ]
    for resource in source.collections:
        records.append(Record(config.collection_id(resource.id), resource.updated or source.fallback_datestamp,
                              lambda resource=resource: collection_record(source, resource)))
    return sorted(records, key=lambda record: record.identifier)
