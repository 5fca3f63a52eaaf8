"""Reading uploaded VOTables (TAP UPLOAD)."""
import io

import numpy as np
import pytest

import votable
from votable import Field, VOTableError

FIELDS = [Field("id", "long", ucd="meta.id"), Field("ra", "double", unit="deg", ucd="pos.eq.ra"),
          Field("name", "char", "*"), Field("flag", "boolean")]
ROWS = [(1, 10.5, "first", True), (2, None, "second", None), (3, -1.25, "", False)]


@pytest.fixture(params=["tabledata", "binary2"])
def upload(request) -> bytes:
    return b"".join(votable.stream(FIELDS, [ROWS], format=request.param, table_name="mine"))


def test_upload_gives_fields_columns_and_rows(upload):
    table = votable.read_table(upload, max_rows=10, max_bytes=1 << 20)
    assert table.name == "mine"
    assert [(f.name, f.datatype, f.unit, f.ucd) for f in table.fields] == \
        [(f.name, f.datatype, f.unit, f.ucd) for f in FIELDS]
    assert len(table) == 3
    assert table.columns["id"].tolist() == [1, 2, 3]
    assert list(table.rows()) == [(1, 10.5, "first", True), (2, None, "second", None), (3, -1.25, "", False)]


def test_upload_from_a_file_object(upload):
    table = votable.read_table(io.BytesIO(upload), max_rows=10, max_bytes=1 << 20)
    assert np.ma.getmaskarray(table.columns["ra"]).tolist() == [False, True, False]


def test_limits_are_enforced(upload):
    with pytest.raises(VOTableError, match="more than the limit of 2"):
        votable.read_table(upload, max_rows=2, max_bytes=1 << 20)
    with pytest.raises(VOTableError, match="larger than the limit of 100 bytes"):
        votable.read_table(io.BytesIO(upload), max_rows=10, max_bytes=100)


@pytest.mark.parametrize("data, message", [
    (b"", "empty"),
    (b"id,ra\n1,2\n", "not a readable VOTable"),
    (b"<VOTABLE><RESOURCE><TABLE><FIELD name='a' datatype='int'/><DATA><TABLEDATA><TR><TD>x",
     "not a readable VOTable"),
    (b'<VOTABLE version="1.4"><RESOURCE/></VOTABLE>', "not a readable VOTable"),
    (b'<VOTABLE version="1.4"><RESOURCE><TABLE><FIELD name="c" datatype="floatComplex"/></TABLE></RESOURCE>'
     b'</VOTABLE>', "not supported"),
])
def test_bad_uploads_get_a_message_a_person_understands(data, message):
    with pytest.raises(VOTableError, match=message):
        votable.read_table(data, max_rows=10, max_bytes=1 << 20)
