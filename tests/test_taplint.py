"""STILTS taplint, the IVOA's TAP validator, with all its stages against the live service and its workers."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from vo_service.protocol.examples import load_examples

# Stage LOC checks ObsLocTAP (ivoa.obsplan), a service type this one is not.
STAGES = "TMV TME TMS TMC CPV CAP AVV QGE QPO QAS UWS MDQ OBS UPL EXA"


@pytest.fixture(scope="module")
def taplint_report(pooled_live_url: str) -> str:
    stilts = shutil.which("stilts")
    if stilts is None:
        pytest.skip("stilts is not installed (Debian package stilts; .ci/run installs it): taplint cannot run")
    run = subprocess.run([stilts, "taplint", f"tapurl={pooled_live_url}/tap", f"stages={STAGES}",
                          "report=EWSF", "format=text"], capture_output=True, text=True, timeout=900)
    return run.stdout + run.stderr


@pytest.mark.slow
def test_taplint_reports_no_errors_and_no_failures(taplint_report):
    totals = re.search(r"Totals: Errors: (\d+); Warnings: (\d+);.*Failures: (\d+)", taplint_report)
    assert totals, taplint_report[-3000:]
    problems = [line for line in taplint_report.splitlines() if line.startswith(("E-", "F-"))]
    assert (int(totals.group(1)), int(totals.group(3))) == (0, 0), "\n".join(problems)


@pytest.mark.slow
def test_taplint_runs_every_example(taplint_report):
    summary = re.search(r"Syntax validity success/attempt: (\d+)/(\d+), Symbol validity success/attempt: "
                        r"(\d+)/(\d+), Execution success/attempt: (\d+)/(\d+)", taplint_report)
    assert summary is not None, taplint_report[-2000:]
    assert [int(v) for v in summary.groups()] == [len(load_examples())] * 6
