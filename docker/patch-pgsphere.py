#!/usr/bin/env python3
"""Make Debian's pgSphere 1.1.1 installable on PostgreSQL 15.20 and later.

PostgreSQL 15.20 refuses an operator whose COMMUTATOR or NEGATOR is already
linked to another operator. pgSphere 1.1.1 (postgresql-15-pgsphere
1.1.1+2021-11-10-2) declares two legacy `@` operators on smoc "for GAVO DaCHS"
that name `@>` / `!<@` as commutator / negator although those are already the
partners of `<@` / `!<@`, so `CREATE EXTENSION pg_sphere` fails with
"commutator operator @> is already the commutator of operator <@".
This script removes only those two links in the installed extension scripts
(the operators themselves stay, with the same meaning); it changes nothing
when the scripts are already fixed. Run as root; idempotent.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

MARKER = "-- a minimal set of backwards-compatible operators for GAVO DaCHS"
END = "-- debugging"
LINK = re.compile(r"^\s*(COMMUTATOR|NEGATOR)\s*=\s*'[^']*',\s*\n", re.MULTILINE)


def patch(text: str) -> str:
    start = text.find(MARKER)
    if start < 0:
        return text
    end = text.find(END, start)
    end = len(text) if end < 0 else end
    return text[:start] + LINK.sub("", text[start:end]) + text[end:]


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else Path("/usr/share/postgresql/15/extension")
    changed = 0
    for script in sorted(folder.glob("pg_sphere--*.sql")):
        text = script.read_text()
        fixed = patch(text)
        if fixed != text:
            script.write_text(fixed)
            changed += 1
            print(f"patched {script}")
    if changed == 0:
        print("pgSphere extension scripts need no change")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
