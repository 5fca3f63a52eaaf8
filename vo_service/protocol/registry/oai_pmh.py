"""OAI-PMH 2.0 data provider for the IVOA publishing registry (Registry Interfaces 1.1 §2).

Pure protocol: request arguments in, XML document out. The six verbs, selective
harvesting by datestamp and set, stateless resumption tokens and the protocol's
error codes; records are the VOResource records (`ivo_vor`) or their Dublin Core
view (`oai_dc`).
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from lxml import etree

from vo_service.protocol.registry.dublin_core import dublin_core
from vo_service.protocol.registry.records import Record

OAI = "http://www.openarchives.org/OAI/2.0/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
MANAGED_SET = "ivo_managed"
METADATA_FORMATS = {  # prefix: (schema, namespace, renderer of an ri:Resource element)
    "ivo_vor": ("http://www.ivoa.net/xml/RegistryInterface/RegistryInterface-v1.0.xsd",
                "http://www.ivoa.net/xml/RegistryInterface/v1.0", lambda resource: resource),
    "oai_dc": ("http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
               "http://www.openarchives.org/OAI/2.0/oai_dc/", dublin_core),
}
ARGUMENTS = {  # verb: (required, optional); resumptionToken is handled as the exclusive argument
    "Identify": ((), ()),
    "ListMetadataFormats": ((), ("identifier",)),
    "ListSets": ((), ()),
    "ListIdentifiers": (("metadataPrefix",), ("from", "until", "set")),
    "ListRecords": (("metadataPrefix",), ("from", "until", "set")),
    "GetRecord": (("identifier", "metadataPrefix"), ()),
}
RESUMABLE = frozenset({"ListIdentifiers", "ListRecords", "ListSets"})
_PREFIX = re.compile(r"^[A-Za-z0-9\-_.!~*'()]+$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SECOND = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


class OAIError(Exception):
    """A protocol error (OAI-PMH §3.6): answered with HTTP 200 and an <error> element."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Repository:
    """What the registry holds at the time of the request."""

    base_url: str
    name: str
    admin_email: str
    records: Sequence[Record]
    earliest_datestamp: str
    registry_record: Callable[[], etree._Element]
    page_size: int


@dataclass(frozen=True)
class ListRequest:
    prefix: str
    from_: str | None
    until: str | None
    set_spec: str | None
    offset: int = 0


def _single_values(params: Mapping[str, Sequence[str]]) -> dict[str, str]:
    repeated = sorted(k for k, v in params.items() if len(v) > 1)
    if repeated:
        raise OAIError("badArgument", f"argument(s) {', '.join(repeated)} given more than once")
    return {k: v[0] for k, v in params.items()}


def _check_verb(args: Mapping[str, str]) -> str:
    verb = args.get("verb")
    if verb is None:
        raise OAIError("badVerb", "the verb argument is missing; use one of " + ", ".join(ARGUMENTS))
    if verb not in ARGUMENTS:
        raise OAIError("badVerb", f"{verb!r} is not an OAI-PMH verb; use one of " + ", ".join(ARGUMENTS))
    return verb


def _check_arguments(verb: str, args: Mapping[str, str]) -> None:
    required, optional = ARGUMENTS[verb]
    given = set(args) - {"verb"}
    if "resumptionToken" in given and verb in RESUMABLE:
        if given != {"resumptionToken"}:
            raise OAIError("badArgument", "resumptionToken is an exclusive argument: send it alone with the verb")
        return
    unknown = sorted(given - set(required) - set(optional))
    if unknown:
        raise OAIError("badArgument", f"{verb} does not take the argument(s) {', '.join(unknown)}")
    missing = [name for name in required if not args.get(name)]
    if missing:
        raise OAIError("badArgument", f"{verb} needs the argument(s) {', '.join(missing)}")
    prefix = args.get("metadataPrefix")
    if prefix is not None and not _PREFIX.match(prefix):
        raise OAIError("badArgument", f"metadataPrefix {prefix!r} is not a valid metadata prefix")


def _check_dates(from_: str | None, until: str | None) -> None:
    for name, value in (("from", from_), ("until", until)):
        if value is None:
            continue
        pattern = _DAY if _DAY.match(value) else _SECOND
        fmt = "%Y-%m-%d" if pattern is _DAY else "%Y-%m-%dT%H:%M:%SZ"
        try:
            if not pattern.match(value):
                raise ValueError
            datetime.strptime(value, fmt)
        except ValueError:
            raise OAIError("badArgument", f"{name}={value!r} is not a UTC datestamp of the form "
                                          "YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ") from None
    if from_ and until and len(from_) != len(until):
        raise OAIError("badArgument", "from and until must have the same granularity")
    if from_ and until and from_ > until:
        raise OAIError("badArgument", f"from={from_} is later than until={until}")


def _in_range(datestamp: str, from_: str | None, until: str | None) -> bool:
    if from_ and datestamp[:len(from_)] < from_:
        return False
    return not (until and datestamp[:len(until)] > until)


def _fingerprint(records: Sequence[Record]) -> str:
    """Changes whenever a record is added, removed or republished: tokens then expire."""
    digest = hashlib.sha256("\n".join(f"{r.identifier} {r.datestamp}" for r in records).encode())
    return digest.hexdigest()[:16]


def _encode_token(request: ListRequest, fingerprint: str) -> str:
    payload = json.dumps([request.prefix, request.from_, request.until, request.set_spec, request.offset,
                          fingerprint], separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def _decode_token(token: str, fingerprint: str) -> ListRequest:
    try:
        padded = token + "=" * (-len(token) % 4)
        prefix, from_, until, set_spec, offset, stamp = json.loads(base64.urlsafe_b64decode(padded))
        if not (isinstance(prefix, str) and isinstance(offset, int) and offset >= 0
                and all(v is None or isinstance(v, str) for v in (from_, until, set_spec))):
            raise ValueError("malformed token")
        request = ListRequest(prefix, from_, until, set_spec, offset)
    except (ValueError, TypeError):
        raise OAIError("badResumptionToken", "the resumptionToken is not one this registry issued") from None
    if stamp != fingerprint:
        raise OAIError("badResumptionToken", "the registry changed since this list was started (a collection "
                                             "was published); start the harvest again without a token")
    return request


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrib: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{OAI}}}{tag}", attrib)
    if text is not None:
        element.text = text
    return element


def _header(parent: etree._Element, record: Record) -> None:
    header = _sub(parent, "header")
    _sub(header, "identifier", record.identifier)
    _sub(header, "datestamp", record.datestamp)
    _sub(header, "setSpec", MANAGED_SET)


def _record(parent: etree._Element, record: Record, prefix: str) -> None:
    element = _sub(parent, "record")
    _header(element, record)
    metadata = _sub(element, "metadata")
    metadata.append(METADATA_FORMATS[prefix][2](record.build()))


def _check_prefix(prefix: str) -> None:
    if prefix not in METADATA_FORMATS:
        raise OAIError("cannotDisseminateFormat",
                       f"metadataPrefix {prefix!r} is not served here; use one of {', '.join(METADATA_FORMATS)}")


def _find(repository: Repository, identifier: str) -> Record:
    wanted = identifier.lower()
    for record in repository.records:
        if record.identifier.lower() == wanted:
            return record
    raise OAIError("idDoesNotExist", f"no record has the identifier {identifier!r}")


def _identify(body: etree._Element, repository: Repository) -> None:
    _sub(body, "repositoryName", repository.name)
    _sub(body, "baseURL", repository.base_url)
    _sub(body, "protocolVersion", "2.0")
    _sub(body, "adminEmail", repository.admin_email)
    _sub(body, "earliestDatestamp", repository.earliest_datestamp)
    _sub(body, "deletedRecord", "no")
    _sub(body, "granularity", GRANULARITY)
    _sub(body, "description").append(repository.registry_record())


def _list_metadata_formats(body: etree._Element, repository: Repository, args: Mapping[str, str]) -> None:
    if "identifier" in args:
        _find(repository, args["identifier"])
    for prefix, (schema, namespace, _render) in METADATA_FORMATS.items():
        element = _sub(body, "metadataFormat")
        _sub(element, "metadataPrefix", prefix)
        _sub(element, "schema", schema)
        _sub(element, "metadataNamespace", namespace)


def _list_sets(body: etree._Element, args: Mapping[str, str]) -> None:
    if "resumptionToken" in args:
        raise OAIError("badResumptionToken", "ListSets is always complete in one response; it issues no tokens")
    element = _sub(body, "set")
    _sub(element, "setSpec", MANAGED_SET)
    _sub(element, "setName", "Resources whose identifiers are managed by this registry's authority")


def _list(body: etree._Element, repository: Repository, verb: str, args: Mapping[str, str]) -> None:
    fingerprint = _fingerprint(repository.records)
    resumed = "resumptionToken" in args
    if resumed:
        request = _decode_token(args["resumptionToken"], fingerprint)
    else:
        request = ListRequest(args["metadataPrefix"], args.get("from"), args.get("until"), args.get("set"))
    _check_prefix(request.prefix)
    _check_dates(request.from_, request.until)
    if request.set_spec not in (None, MANAGED_SET):
        raise OAIError("noRecordsMatch", f"there is no set {request.set_spec!r}; the only set is {MANAGED_SET}")
    matching = [r for r in repository.records if _in_range(r.datestamp, request.from_, request.until)]
    if not matching:
        raise OAIError("noRecordsMatch", "no record has a datestamp in the requested range")
    if request.offset >= len(matching):
        raise OAIError("badResumptionToken", "the resumptionToken points past the end of the list")
    page = matching[request.offset:request.offset + repository.page_size]
    for record in page:
        if verb == "ListIdentifiers":
            _header(body, record)
        else:
            _record(body, record, request.prefix)
    following = request.offset + len(page)
    if following < len(matching):
        token = _encode_token(ListRequest(request.prefix, request.from_, request.until, request.set_spec,
                                          following), fingerprint)
        _sub(body, "resumptionToken", token, completeListSize=str(len(matching)), cursor=str(request.offset))
    elif resumed:
        _sub(body, "resumptionToken", completeListSize=str(len(matching)), cursor=str(request.offset))


def _get_record(body: etree._Element, repository: Repository, args: Mapping[str, str]) -> None:
    _check_prefix(args["metadataPrefix"])
    _record(body, _find(repository, args["identifier"]), args["metadataPrefix"])


def _envelope(repository: Repository, args: Mapping[str, str] | None, now: datetime) -> etree._Element:
    root = etree.Element(f"{{{OAI}}}OAI-PMH", nsmap={"oai": OAI, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{OAI} {OAI_SCHEMA}")
    _sub(root, "responseDate", now.strftime("%Y-%m-%dT%H:%M:%SZ"))
    _sub(root, "request", repository.base_url, **(args or {}))
    return root


def respond(params: Mapping[str, Sequence[str]], repository: Repository, *, now: datetime | None = None) -> bytes:
    """The complete OAI-PMH response document for one request's arguments."""
    now = now or datetime.now(UTC)
    echoed: dict[str, str] | None = None
    try:
        args = _single_values(params)
        verb = _check_verb(args)
        _check_arguments(verb, args)
        echoed = args
        body = etree.Element(f"{{{OAI}}}{verb}")
        if verb == "Identify":
            _identify(body, repository)
        elif verb == "ListMetadataFormats":
            _list_metadata_formats(body, repository, args)
        elif verb == "ListSets":
            _list_sets(body, args)
        elif verb == "GetRecord":
            _get_record(body, repository, args)
        else:
            _list(body, repository, verb, args)
        root = _envelope(repository, echoed, now)
        root.append(body)
    except OAIError as error:
        unusable_request = error.code in ("badVerb", "badArgument")
        root = _envelope(repository, None if unusable_request else echoed, now)
        _sub(root, "error", error.message, code=error.code)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
