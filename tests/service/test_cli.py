"""The `apo` command line, run as users run it."""
from __future__ import annotations

import subprocess
import sys

from vo_service.cli import main


def run_apo(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "import sys; from vo_service.cli import main; sys.exit(main())",
                           *args], input=stdin, capture_output=True, text=True, timeout=300)


def test_init_demo_builds_a_queryable_database(tmp_path):
    url = f"sqlite:///{tmp_path / 'tiny.db'}"
    assert main(["init-demo", "--db", url, "--scale", "0.002", "--quiet"]) == 0
    result = run_apo("adql", "--db", url, "translate", "--dialect", "sqlite", stdin="SELECT COUNT(*) FROM mm.events")
    assert result.returncode == 0, result.stderr
    assert '"mm__events"' in result.stdout


def test_adql_check_reports_line_and_column(demo_db_url):
    result = run_apo("adql", "--db", demo_db_url, "check", stdin="SELECT raa\nFROM mm.events")
    assert result.returncode == 1
    assert "line 1, column 8" in result.stdout and "did you mean 'ra'" in result.stdout


def test_adql_takes_db_after_the_subcommand_too(demo_db_url, tmp_path):
    query = tmp_path / "cone.adql"
    query.write_text("SELECT TOP 3 ra FROM mm.events WHERE 1 = CONTAINS(POINT(ra, dec), CIRCLE(83.6, 22.0, 1))")
    result = run_apo("adql", "translate", "--dialect", "sqlite", "--db", demo_db_url, str(query))
    assert result.returncode == 0, result.stderr
    assert '"mm__events"' in result.stdout and "LIMIT 3" in result.stdout


def test_adql_translate_to_the_wrong_dialect_is_refused(demo_db_url):
    result = run_apo("adql", "--db", demo_db_url, "translate", "--dialect", "postgresql",
                     stdin="SELECT TOP 1 ra FROM mm.events")
    assert result.returncode == 2
    assert "needs a postgresql database" in result.stderr


def test_unknown_database_scheme_is_a_clear_error(capsys):
    assert main(["init-demo", "--db", "mysql://nowhere/x", "--quiet"]) == 2
    assert "unsupported database URL" in capsys.readouterr().err


def test_help_lists_the_commands():
    out = run_apo("--help").stdout
    for command in ("init-demo", "serve", "adql"):
        assert command in out
