"""``check`` and ``translate --dialect D [FILE]`` for the ``apo adql`` command line."""
from __future__ import annotations

import argparse
from typing import IO

from . import DIALECTS, ADQLError, parse, to_sql, validate
from .schema import Schema


def main(argv: list[str], stdin: IO[str], stdout: IO[str], schema: Schema | None = None) -> int:
    """Run one subcommand; ADQL errors are printed as ``line L, column C: message`` (exit status 1).

    ``check`` only parses unless a ``schema`` is given; ``translate`` needs the schema (the caller
    passes the published tables) and prints the SQL.
    """
    parser = argparse.ArgumentParser(prog="apo adql", add_help=True)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check the syntax (and names, given a schema) of a query")
    check.add_argument("file", nargs="?", help="query file (default: standard input)")
    check.add_argument("--version", default="2.1", choices=("2.0", "2.1"))
    translate = commands.add_parser("translate", help="print the SQL for a query")
    translate.add_argument("--dialect", required=True, choices=DIALECTS)
    translate.add_argument("--maxrec", type=int, default=None, help="row limit (MAXREC)")
    translate.add_argument("--version", default="2.1", choices=("2.0", "2.1"))
    translate.add_argument("file", nargs="?", help="query file (default: standard input)")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        text = _read(args.file, stdin)
    except OSError as exc:
        stdout.write(f"cannot read {args.file}: {exc.strerror}\n")
        return 2
    try:
        tree = parse(text, version=args.version)
        if args.command == "check":
            if schema is not None:
                validate(tree, schema)
            stdout.write("OK\n")
            return 0
        validated = validate(tree, schema if schema is not None else Schema([]))
        row_limit = None if args.maxrec is None else args.maxrec + 1
        stdout.write(to_sql(validated, args.dialect, row_limit=row_limit) + "\n")
        return 0
    except ADQLError as exc:
        stdout.write(f"{exc}\n")
        return 1


def _read(path: str | None, stdin: IO[str]) -> str:
    if path is None or path == "-":
        return stdin.read()
    with open(path, encoding="utf-8") as handle:
        return handle.read()
