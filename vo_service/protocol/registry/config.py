"""Who publishes, under which IVOA authority: the few settings the registry records need.

Identifiers are derived from one configurable authority (`ivo://AUTHORITY/...`),
so a deployment renames everything by setting `APO_IVOA_AUTHORITY`.
"""
from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

AUTHORITY_PATTERN = re.compile(r"^[\w\d][\w\d\-_.!~*'()+=]{2,}$")
DEFAULT_AUTHORITY = "apo.opendata"
DEFAULT_PUBLISHER = "Astroparticle Physics Open Data Centre"
DEFAULT_PAGE_SIZE = 50


@dataclass(frozen=True)
class RegistryConfig:
    authority: str
    public_url: str
    contact_email: str
    publisher: str = DEFAULT_PUBLISHER
    page_size: int = DEFAULT_PAGE_SIZE

    def __post_init__(self) -> None:
        if not AUTHORITY_PATTERN.match(self.authority):
            raise ValueError(f"IVOA authority {self.authority!r} is not a valid authority id "
                             "(IVOA Identifiers 2.0: at least 3 characters, letters, digits and -_.!~*'()+=)")
        if not re.match(r"^\S+@(\S+\.)+\S+$", self.contact_email):
            raise ValueError(f"contact e-mail {self.contact_email!r} is not an e-mail address (APO_CONTACT_EMAIL)")
        if self.page_size < 1:
            raise ValueError(f"the OAI-PMH page size must be at least 1, not {self.page_size}")

    @property
    def authority_id(self) -> str:
        return f"ivo://{self.authority}"

    @property
    def registry_id(self) -> str:
        return f"ivo://{self.authority}/registry"

    @property
    def service_id(self) -> str:
        return f"ivo://{self.authority}/tap"

    def collection_id(self, collection: str) -> str:
        return f"ivo://{self.authority}/data/{collection}"

    @property
    def tap_url(self) -> str:
        return f"{self.public_url}/tap"

    @property
    def oai_url(self) -> str:
        return f"{self.public_url}/oai"


def app_settings(environ: Mapping[str, str] = os.environ) -> dict[str, object]:
    """Flask config entries for the registry, overridable from the environment.

    The contact address defaults to registry@AUTHORITY; a deployment sets the real one.
    """
    authority = environ.get("APO_IVOA_AUTHORITY", DEFAULT_AUTHORITY)
    return {
        "IVOA_AUTHORITY": authority,
        "REGISTRY_PUBLISHER": environ.get("APO_PUBLISHER", DEFAULT_PUBLISHER),
        "REGISTRY_CONTACT_EMAIL": environ.get("APO_CONTACT_EMAIL") or f"registry@{authority}",
        "OAI_PAGE_SIZE": int(environ.get("APO_OAI_PAGE_SIZE", DEFAULT_PAGE_SIZE)),
    }


def from_app_config(config: Mapping[str, object]) -> RegistryConfig:
    return RegistryConfig(
        authority=str(config["IVOA_AUTHORITY"]),
        public_url=str(config["PUBLIC_URL"]).rstrip("/"),
        publisher=str(config["REGISTRY_PUBLISHER"]),
        contact_email=str(config["REGISTRY_CONTACT_EMAIL"]),
        page_size=int(config["OAI_PAGE_SIZE"]),
    )
