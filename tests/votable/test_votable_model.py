"""Field checks and derived properties."""
import pytest

from votable import Field


@pytest.mark.parametrize("arraysize, length, variable", [
    (None, 1, False), ("*", None, True), ("16", 16, False), ("16*", 16, True),
    ("2x3", 6, False), ("3x*", None, True),
])
def test_length_and_variability_follow_arraysize(arraysize, length, variable):
    field = Field("x", "double", arraysize=arraysize)
    assert field.length == length
    assert field.is_variable is variable


@pytest.mark.parametrize("kwargs, message", [
    ({"datatype": "bit"}, "datatype 'bit'"),
    ({"datatype": "double", "arraysize": "x*"}, "arraysize"),
    ({"datatype": "double", "arraysize": "0"}, "arraysize"),
    ({"datatype": "double", "ucd": "pos eq"}, "not a UCD"),
])
def test_bad_declarations_fail_with_a_clear_message(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Field("x", **kwargs)


def test_empty_name_is_refused():
    with pytest.raises(ValueError, match="non-empty name"):
        Field(" ", "int")
