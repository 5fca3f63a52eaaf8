"""The DALI examples of the TAP service (DALI 1.1 §2.3, TAP 1.1 §2.6), read and checked.

The queries are data (`resources/service/tap_examples.yaml`); the web layer
renders them as XHTML+RDFa, showing only examples whose tables are published.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from resources import DescriptorError, default_resource_dir, read_yaml

EXAMPLES_FILE = default_resource_dir() / "service" / "tap_examples.yaml"
_FRAGMENT_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


class ExamplesError(ValueError):
    """The examples file is malformed; the message names the file and the example."""


@dataclass(frozen=True)
class Example:
    id: str
    name: str
    description: str
    query: str
    tables: tuple[str, ...]


def _example(raw: object, where: str) -> Example:
    if not isinstance(raw, dict):
        raise ExamplesError(f"{where}: each example must be a mapping")
    missing = [key for key in ("id", "name", "description", "query", "tables") if not raw.get(key)]
    if missing:
        raise ExamplesError(f"{where}: example {raw.get('id', '?')!r} lacks {', '.join(missing)}")
    if not _FRAGMENT_ID.match(str(raw["id"])):
        raise ExamplesError(f"{where}: id {raw['id']!r} must be a fragment identifier (letters, digits, - and _)")
    tables = raw["tables"]
    if not isinstance(tables, list) or not all(isinstance(t, str) and t.count(".") == 1 for t in tables):
        raise ExamplesError(f"{where}: example {raw['id']!r}: tables must be a list of schema.table names")
    return Example(id=str(raw["id"]), name=" ".join(str(raw["name"]).split()),
                   description=" ".join(str(raw["description"]).split()), query=str(raw["query"]).strip(),
                   tables=tuple(tables))


@functools.lru_cache(maxsize=4)
def load_examples(path: Path = EXAMPLES_FILE) -> tuple[Example, ...]:
    """The examples of one file, validated; read once per process."""
    try:
        raw = read_yaml(path)
    except (OSError, DescriptorError) as exc:
        raise ExamplesError(f"{path}: cannot be read as YAML ({exc})") from None
    if not isinstance(raw, list):
        raise ExamplesError(f"{path}: expected a list of examples")
    examples = tuple(_example(item, str(path)) for item in raw)
    ids = [e.id for e in examples]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ExamplesError(f"{path}: duplicate example ids {duplicates}")
    return examples


def published_examples(examples: tuple[Example, ...], published_tables: set[str]) -> list[Example]:
    return [e for e in examples if all(t.lower() in published_tables for t in e.tables)]


