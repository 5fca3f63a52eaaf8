"""Per-process service state: the backend and a catalog refreshed when collections change."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field

from vo_service.db.base import Backend
from vo_service.publishing.catalog import Catalog, catalog_version


@dataclass
class ServiceState:
    backend: Backend
    _catalog: Catalog | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def catalog(self) -> Catalog:
        """The published metadata; re-read only when a collection was (re)published."""
        version = catalog_version(self.backend)
        cached = self._catalog
        if cached is None or cached.version != version:
            with self._lock:
                if self._catalog is None or self._catalog.version != version:
                    self._catalog = Catalog.load(self.backend)
                cached = self._catalog
        return cached
