"""The TAP request model: one parse of the TAP parameters for sync requests and async jobs."""
from __future__ import annotations

import pytest

from vo_service.protocol.dali import UsageError
from vo_service.protocol.tap import TapRequest
from vo_service.protocol.uploads import UploadError
from vo_service.settings import ASYNC_LIMITS, SYNC_LIMITS, Settings


def params(**values: str) -> dict[str, list[str]]:
    return {name.upper(): [value] for name, value in values.items()}


def test_parameters_become_a_checked_request():
    request = TapRequest.from_params(params(lang="ADQL-2.0", query="SELECT 1 AS one FROM mm.events", maxrec="7",
                                            responseformat="csv", runid="r1", upload="t,param:p"), SYNC_LIMITS)
    assert (request.adql_version, request.maxrec, request.response_format, request.run_id) == ("2.0", 7, "csv", "r1")
    assert [(s.name, s.part) for s in request.uploads] == [("t", "p")]
    assert request.content_type.startswith("text/csv")


def test_defaults_follow_the_limits_of_the_mode():
    sync = TapRequest.from_params(params(lang="ADQL", query="SELECT 1 AS x FROM mm.events"), SYNC_LIMITS)
    assert sync.maxrec == SYNC_LIMITS.default_maxrec and sync.response_format == "binary2"
    huge = TapRequest.from_params(params(lang="ADQL", query="SELECT 1 AS x FROM mm.events",
                                         maxrec=str(10**12)), ASYNC_LIMITS)
    assert huge.maxrec == ASYNC_LIMITS.hard_maxrec


@pytest.mark.parametrize(("given", "error", "message"), [
    ({"query": "SELECT 1"}, UsageError, "LANG is missing"),
    ({"lang": "ADQL"}, UsageError, "QUERY is missing"),
    ({"lang": "SQL", "query": "SELECT 1"}, ValueError, "not supported"),
    ({"lang": "ADQL", "query": "SELECT 1", "request": "getCapabilities"}, UsageError, "REQUEST="),
    ({"lang": "ADQL", "query": "SELECT 1", "maxrec": "-1"}, UsageError, "MAXREC"),
    ({"lang": "ADQL", "query": "SELECT 1", "responseformat": "xls"}, UsageError, "xls"),
    ({"lang": "ADQL", "query": "SELECT 1", "upload": "1t,param:p"}, UploadError, "not a valid ADQL identifier"),
])
def test_bad_parameters_say_what_is_wrong(given, error, message):
    with pytest.raises(error, match=message):
        TapRequest.from_params(params(**given), SYNC_LIMITS)


def test_settings_derive_the_upload_limits_and_results_folder(tmp_path):
    settings = Settings(f"sqlite:///{tmp_path / 'x.db'}", public_url="http://example.org/",
                        upload_url_prefixes=["http://data.example.org/"])
    assert settings.public_url == "http://example.org"
    assert settings.uploads.url_prefixes == ("http://data.example.org/",)
    assert settings.results == tmp_path / "results"
