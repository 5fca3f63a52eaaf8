"""Streaming behaviour: first byte, MAXREC and OVERFLOW, errors mid-stream, chunking, closing."""
import logging

import numpy as np
import pytest
from lxml import etree

import votable
from votable import Field, Info, UserFacingError
from votable.writer import GENERIC_ERROR

NS = {"v": "http://www.ivoa.net/xml/VOTable/v1.3"}
FIELDS = [Field("id", "long"), Field("x", "double"), Field("s", "char", "*")]


def rows(start, stop):
    return [(i, i / 2, "row %d" % i) for i in range(start, stop)]


def statuses(document: bytes) -> list[tuple[str, str | None]]:
    """(value, text) of the QUERY_STATUS INFOs, in document order."""
    tree = etree.fromstring(document)
    return [(info.get("value"), info.text)
            for info in tree.iterfind(".//v:INFO[@name='QUERY_STATUS']", NS)]


def count_rows(document: bytes, parse_votable) -> int:
    return len(parse_votable(document).array)


@pytest.fixture(params=["tabledata", "binary2"])
def serialization(request):
    return request.param


def test_header_goes_out_before_the_first_batch_is_read(serialization):
    consumed = []

    def batches():
        consumed.append(True)
        yield rows(0, 3)

    chunks = votable.stream(FIELDS, batches(), format=serialization)
    first = next(chunks)
    assert consumed == []
    assert first.startswith(b"<?xml") and b"<FIELD" in first
    assert b"".join([first, *chunks]).endswith(b"</VOTABLE>\n")


@pytest.mark.parametrize("produced, maxrec, written, overflow", [
    (5, None, 5, False), (5, 5, 5, False), (5, 6, 5, False), (6, 5, 5, True),
    (0, 0, 0, False), (1, 0, 0, True), (40_000, 39_999, 39_999, True),
])
def test_maxrec_cuts_and_flags_overflow_only_when_rows_were_cut(
        serialization, parse_votable, produced, maxrec, written, overflow):
    batches = [rows(start, min(start + 1000, produced)) for start in range(0, produced, 1000)]
    document = b"".join(votable.stream(FIELDS, batches, format=serialization, maxrec=maxrec))
    assert count_rows(document, parse_votable) == written
    expected = [("OK", None)] + ([("OVERFLOW", None)] if overflow else [])
    assert statuses(document) == expected


def test_overflow_is_found_across_empty_batches(serialization):
    document = b"".join(votable.stream(FIELDS, [rows(0, 3), [], [], rows(3, 4)],
                                       format=serialization, maxrec=3))
    assert statuses(document)[-1] == ("OVERFLOW", None)


def test_overflow_info_follows_the_table_and_ok_precedes_it(serialization):
    document = b"".join(votable.stream(FIELDS, [rows(0, 3)], format=serialization, maxrec=2,
                                       infos=[Info("QUERY", "SELECT TOP 3 *")]))
    resource = etree.fromstring(document).find("v:RESOURCE", NS)
    order = [(etree.QName(child).localname, child.get("value")) for child in resource]
    assert order == [("INFO", "OK"), ("INFO", "SELECT TOP 3 *"), ("TABLE", None), ("INFO", "OVERFLOW")]


def test_columnar_batches_honour_maxrec(serialization, parse_votable):
    batch = {"id": np.arange(10), "x": np.linspace(0, 1, 10), "s": np.array(["a"] * 10)}
    document = b"".join(votable.stream(FIELDS, [batch, batch], format=serialization, maxrec=15))
    assert count_rows(document, parse_votable) == 15
    assert statuses(document)[-1] == ("OVERFLOW", None)


class DatabaseTimeout(Exception):
    pass


def failing_batches(error):
    yield rows(0, 5)
    raise error


def test_user_facing_error_mid_stream_keeps_rows_and_document_valid(
        serialization, xsd_errors, tmp_path, parse_votable):
    error = UserFacingError("Query timed out after 30 s; narrow the query or use the async endpoint.")
    document = b"".join(votable.stream(FIELDS, failing_batches(error), format=serialization))
    assert xsd_errors(document, tmp_path) == []
    assert count_rows(document, parse_votable) == 5
    assert statuses(document) == [("OK", None), ("ERROR", str(error))]


def test_exception_classes_can_be_declared_public(serialization):
    document = b"".join(votable.stream(FIELDS, failing_batches(DatabaseTimeout("statement timeout")),
                                       format=serialization, public_errors=(DatabaseTimeout,)))
    assert statuses(document)[-1] == ("ERROR", "statement timeout")


def test_other_errors_give_a_generic_message_and_are_logged(serialization, caplog):
    with caplog.at_level(logging.ERROR, logger="votable.writer"):
        document = b"".join(votable.stream(FIELDS, failing_batches(RuntimeError("password=secret")),
                                           format=serialization))
    assert statuses(document)[-1] == ("ERROR", GENERIC_ERROR)
    assert b"secret" not in document
    assert "password=secret" in caplog.text


def test_values_that_do_not_fit_stop_the_stream_with_a_clear_message(serialization):
    document = b"".join(votable.stream([Field("n", "short")], [[(1,), (70000,)]], format=serialization))
    value, text = statuses(document)[-1]
    assert value == "ERROR" and "'n'" in text and "70000" in text and "short" in text


def test_delimited_formats_let_errors_propagate():
    with pytest.raises(DatabaseTimeout):
        b"".join(votable.stream(FIELDS, failing_batches(DatabaseTimeout("late")), format="csv"))


@pytest.mark.parametrize("serialization", ["tabledata", "binary2", "csv", "tsv"])
def test_chunks_stay_moderate_for_big_results(serialization):
    batch = {"id": np.arange(200_000), "x": np.linspace(0, 1, 200_000), "s": np.array(["abcdefgh"] * 200_000)}
    sizes = [len(chunk) for chunk in votable.stream(FIELDS, [batch], format=serialization)]
    assert len(sizes) > 4
    assert max(sizes) < 2 << 20


def test_base64_chunks_concatenate_to_the_encoding_of_all_rows():
    import base64

    document = b"".join(votable.stream(FIELDS, [rows(0, n) for n in (1, 7, 3000)], format="binary2"))
    stream = document.split(b'encoding="base64">\n')[1].split(b"</STREAM>")[0]
    lines = stream.split(b"\n")
    assert all(len(line) == 76 for line in lines[:-2]) and lines[-1] == b""
    assert len(base64.b64decode(stream)) > 0


def test_batches_are_closed_when_the_writer_stops_early(serialization):
    closed = []

    def batches():
        try:
            while True:
                yield rows(0, 100)
        finally:
            closed.append(True)

    b"".join(votable.stream(FIELDS, batches(), format=serialization, maxrec=150))
    assert closed == [True]


@pytest.mark.parametrize("kwargs, message", [
    ({"format": "fits"}, "unknown output format"),
    ({"format": "binary2", "maxrec": -1}, "maxrec"),
])
def test_bad_arguments_are_refused_before_streaming(kwargs, message):
    with pytest.raises(ValueError, match=message):
        votable.stream(FIELDS, [], **kwargs)


def test_a_table_needs_columns():
    with pytest.raises(ValueError, match="at least one column"):
        votable.stream([], [], format="tabledata")
