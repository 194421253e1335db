import pytest

from egov.core.errors import ApplicationError
from egov.organisation.validators import validate_agency_code, validate_department_code, validate_qcvn102_code


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("H44", "H44"),
        ("H44.01", "H44.01"),
        ("G06.01", "G06.01"),
        (" h44.101.01 ", "H44.101.01"),
        ("A01.02.03.04.05.06.07.08", "A01.02.03.04.05.06.07.08"),
        ("H44." + ".".join(["12345"] * 5), "H44." + ".".join(["12345"] * 5)),  # 33 characters
    ],
)
def test_valid_qd20_codes(raw, expected):
    assert validate_agency_code(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "44",
        "HH4.01",
        "H4.01",
        "H44.",
        "H44..01",
        "H44-01",
        "H44.123456",
        "000.00.00.H44",
        "H44." + ".".join(["12345"] * 6),  # 39 characters: over the limit of 35
    ],
)
def test_invalid_qd20_codes(raw):
    with pytest.raises(ApplicationError) as exc:
        validate_agency_code(raw)
    assert (exc.value.code, exc.value.status) == ("invalid_agency_code", 400)


@pytest.mark.parametrize(("raw", "expected"), [("000.00.00.H44", "000.00.00.H44"), ("000.01.31.h41", "000.01.31.H41")])
def test_valid_qcvn102_codes(raw, expected):
    assert validate_qcvn102_code(raw) == expected


@pytest.mark.parametrize(
    "raw", ["00.00.00.H44", "000.00.00.H4", "000.00.00.44H", "000-00-00-H44", "H44.01", "000.00.00.H441"]
)
def test_invalid_qcvn102_codes(raw):
    with pytest.raises(ApplicationError) as exc:
        validate_qcvn102_code(raw)
    assert exc.value.code == "invalid_legacy_code"


@pytest.mark.parametrize("raw", ["VP", "P.KT-1", "phong_1"])
def test_valid_department_codes(raw):
    assert validate_department_code(raw) == raw


@pytest.mark.parametrize("raw", ["", " ", "Phòng", "-VP", "a" * 36, "V P"])
def test_invalid_department_codes(raw):
    with pytest.raises(ApplicationError) as exc:
        validate_department_code(raw)
    assert exc.value.code == "invalid_department_code"
