"""STILTS taplint's UWS, UPL and QAS stages against the live service with its worker pool."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest


@pytest.mark.slow
def test_taplint_uws_upl_qas_report_no_errors(pooled_live_url):
    stilts = shutil.which("stilts")
    if stilts is None:
        pytest.skip("stilts is not installed (apt-get install stilts): taplint cannot run")
    run = subprocess.run([stilts, "taplint", f"tapurl={pooled_live_url}/tap", "stages=UWS UPL QAS",
                          "report=EWSF", "format=text"], capture_output=True, text=True, timeout=600)
    totals = re.search(r"Totals: Errors: (\d+); Warnings: (\d+);.*Failures: (\d+)", run.stdout)
    assert totals, run.stdout[-3000:] + run.stderr[-2000:]
    errors = [line for line in run.stdout.splitlines() if line.startswith(("E-", "F-"))]
    assert (int(totals.group(1)), int(totals.group(3))) == (0, 0), "\n".join(errors)
