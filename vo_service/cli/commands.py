"""The `apo` command line: set up, fill and serve the data centre."""
from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence

from vo_service.cli import ml as ml_commands
from vo_service.db import DEFAULT_URL, database_url, open_backend
from vo_service.settings import Settings


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="URL", default=None,
                        help=f"database URL (sqlite:///FILE or postgresql://HOST/DB); "
                             f"default: $APO_DB, else {DEFAULT_URL}")


def cmd_init_demo(args: argparse.Namespace) -> int:
    from vo_service.publishing.demo import init_demo

    url = database_url(args.db)
    started = time.monotonic()
    backend = open_backend(url)
    if backend.create_database():
        print(f"created database {url}", file=sys.stderr)
    loaded = init_demo(backend, scale=args.scale, seed=args.seed, show_progress=not args.quiet,
                       say=lambda line: print(line, file=sys.stderr))
    total = sum(loaded.values())
    print(f"{total:,} simulated events in {len(loaded)} collections loaded into {url} "
          f"in {time.monotonic() - started:.0f} s", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from vo_service.cli.server import serve

    settings = Settings(database_url(args.db), public_url=args.public_url or f"http://{args.host}:{args.port}",
                        results_dir=args.results_dir, upload_url_prefixes=tuple(args.upload_allow),
                        lease_s=args.lease_s)
    return serve(settings, host=args.host, port=args.port, workers=args.workers, debug=args.debug,
                 async_workers=args.async_workers)


def cmd_worker(args: argparse.Namespace) -> int:
    from vo_service.cli.worker import worker_main

    worker_main(Settings(database_url(args.db), results_dir=args.results_dir, lease_s=args.lease_s))
    return 0


def _add_async(parser: argparse.ArgumentParser) -> None:
    from pathlib import Path

    from vo_service.protocol.uws.service import LEASE_S

    parser.add_argument("--results-dir", type=Path, default=None,
                        help="where async job results are kept (shared by all workers); "
                             "default: results/ beside the SQLite file, else var/results")
    parser.add_argument("--lease-s", type=float, default=LEASE_S,
                        help=f"a running job whose worker was not heard of for this long becomes ERROR "
                             f"(default {LEASE_S:g})")


def cmd_ingest(args: argparse.Namespace) -> int:
    from formats.ingest.dates import parse_date
    from vo_service.publishing.ingest import ingest_collection

    url = database_url(args.db)
    day = parse_date(args.date) if args.date else None
    summary = ingest_collection(open_backend(url), args.collection, args.paths, quarantine_dir=args.quarantine,
                                day=day, show_progress=not args.quiet)
    print("\n".join(summary.lines()))
    return 1 if summary.rejected else 0


def cmd_simulate_raw(args: argparse.Namespace) -> int:
    from vo_service.publishing.simulate_raw import simulate_raw

    written = simulate_raw(args.collection, args.out, n_events=args.events, seed=args.seed, max_files=args.files)
    print("\n".join(f"{path}: {n:,} records" for path, n in written))
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    from vo_service.publishing.eventlists import publish

    url = database_url(args.db)
    for path in args.descriptors:
        done = publish(open_backend(url), path)
        print(f"{done.collection}: {done.rows:,} events published ({done.mm_rows:,} in mm.events) into {url}")
    return 0


def cmd_adql(args: argparse.Namespace) -> int:
    """Check or translate against the tables published in --db (TAP_SCHEMA alone if it is empty)."""
    import adql
    from vo_service.publishing.catalog import Catalog

    where = argparse.ArgumentParser(add_help=False)
    _add_db(where)
    found, adql_args = where.parse_known_args(args.adql_args, namespace=argparse.Namespace(db=args.db))
    backend = open_backend(database_url(found.db))
    dialect = _option_value(adql_args, "--dialect")
    if dialect is not None and dialect != backend.dialect:
        raise ValueError(f"--dialect {dialect} needs a {dialect} database in --db to take table names from; "
                         f"{backend.url} is {backend.dialect}")
    return adql.cli_main(adql_args, sys.stdin, sys.stdout, schema=Catalog.load(backend).schema)


def _option_value(argv: Sequence[str], option: str) -> str | None:
    for index, arg in enumerate(argv):
        if arg == option and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith(option + "="):
            return arg.split("=", 1)[1]
    return None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="apo", description="Astroparticle Physics Open Data Centre")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    init = commands.add_parser("init-demo", help="create the database and fill it with simulated events")
    _add_db(init)
    init.add_argument("--scale", type=float, default=1.0,
                      help="1 = about one million events in total (default), 10 = ten million")
    init.add_argument("--seed", type=int, default=None, help="random seed (default: the fixed demo seed)")
    init.add_argument("--quiet", action="store_true", help="no progress bar")
    init.set_defaults(func=cmd_init_demo)

    serve = commands.add_parser("serve", help="run the web service")
    _add_db(serve)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=4, help="web worker processes (default 4)")
    serve.add_argument("--public-url", default=None, help="URL clients use to reach the service")
    serve.add_argument("--debug", action="store_true", help="Flask's debug server")
    serve.add_argument("--async-workers", type=int, default=2,
                       help="local worker processes for async jobs (default 2; 0 when 'apo worker' runs elsewhere)")
    serve.add_argument("--upload-allow", action="append", default=[], metavar="URL_PREFIX",
                       help="accept UPLOAD=name,URL for URLs starting with this (repeatable; default: none)")
    _add_async(serve)
    serve.set_defaults(func=cmd_serve)

    worker = commands.add_parser("worker", help="run async TAP jobs taken from the database's queue")
    _add_db(worker)
    _add_async(worker)
    worker.set_defaults(func=cmd_worker)

    from pathlib import Path

    from vo_service.publishing.ingest import DEFAULT_QUARANTINE

    ingest = commands.add_parser("ingest", help="ingest raw files into a raw collection (idempotent, per-file "
                                                "transactions, damaged files quarantined, files of another "
                                                "format refused and left in place); exit 1 if any was rejected "
                                                "or refused")
    _add_db(ingest)
    ingest.add_argument("collection", help="raw collection id, e.g. taiga_iact_raw (its descriptor names the format)")
    ingest.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="raw files, or folders of them")
    ingest.add_argument("--quarantine", type=Path, default=DEFAULT_QUARANTINE, metavar="DIR",
                        help=f"where corrupted files are moved, with a .reason.txt (default {DEFAULT_QUARANTINE})")
    ingest.add_argument("--date", default=None, metavar="YYYY-MM-DD",
                        help="UTC date of files whose records carry only a time of day (default: from the file name)")
    ingest.add_argument("--quiet", action="store_true", help="no progress bar")
    ingest.set_defaults(func=cmd_ingest)

    simulate = commands.add_parser("simulate-raw", help="write a collection's simulated demo events as raw files")
    simulate.add_argument("collection", help="raw collection id, e.g. kascade_grande_raw")
    simulate.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder for the raw files")
    simulate.add_argument("--events", type=int, default=None,
                          help="events to simulate (default: the demo's count for the collection)")
    simulate.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    simulate.add_argument("--files", type=int, default=None, help="stop after this many files (default: all)")
    simulate.set_defaults(func=cmd_simulate_raw)

    publish = commands.add_parser("publish", help="publish an event list (FITS, CSV, VOTable, ASCII, JSON) as a "
                                                  "collection, with mm.events and TAP_SCHEMA, from its descriptor")
    _add_db(publish)
    publish.add_argument("descriptors", nargs="+", type=Path, metavar="DESCRIPTOR.yaml",
                         help="resource descriptor with source, mapping and mm sections (resources/examples/)")
    publish.set_defaults(func=cmd_publish)

    adql_parser = commands.add_parser(
        "adql", help="check or translate ADQL: apo adql check|translate [--dialect D] [--db URL] [FILE]")
    _add_db(adql_parser)
    adql_parser.add_argument("adql_args", nargs=argparse.REMAINDER)
    adql_parser.set_defaults(func=cmd_adql)
    ml_commands.add_parser(commands, _add_db)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (ValueError, FileNotFoundError, ConnectionError) as exc:
        print(f"apo: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
