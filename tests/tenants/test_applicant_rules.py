"""The service checks the numbers a clerk types and keeps one person per ID number (issue 14;
docs/decisions/0011-applicant-identity.md). Through the API, so the field paths are the API's."""

from __future__ import annotations

import pytest
from django.test import Client

from onewindow.platform.accounts.roles import Role
from onewindow.platform.core.errors import BusinessError
from onewindow.platform.core.identifiers import id_number, mask, phone
from onewindow.tenants.cases.models import Applicant, Case
from tests.factories import member_of
from tests.graphql.helpers import county_path, gql

pytestmark = pytest.mark.django_db
RECEIVE = """mutation($a: ApplicantInput!) { receiveCase(applicant: $a, item: "QY-SL", channel: "window",
  window: "ZC01", provided: ["sqs"]) { errors { field code } case { number applicant { name phone } } } }"""


@pytest.mark.parametrize(
    ("kind", "value", "ok"),
    [
        ("person", "150626200501011230", True),
        ("person", "15062620050101123x", False),  # check digit
        ("person", "150626200501011231", False),  # check digit
        ("person", "150626200502301238", False),  # 30 February
        ("person", "990002199001011231", False),  # no such county
        ("person", "150626199001011239", True),  # 150626 since 2001, born before: still valid
        ("person", "15062619900101123", False),  # 17 characters
        ("person", "１５０６２６２００５０１０１１２３０", False),  # full-width digits
        ("enterprise", "91150626MA0N12345A", True),
        ("enterprise", "91150626MA0N12345X", False),
    ],
)
def test_id_numbers(kind: str, value: str, ok: bool) -> None:
    if ok:
        assert id_number(kind, value, field="f") == value.upper()
    else:
        with pytest.raises(BusinessError) as caught:
            id_number(kind, value, field="f")
        assert caught.value.code == ("INVALID_USCC" if kind == "enterprise" else "INVALID_ID_NUMBER")


@pytest.mark.parametrize(
    ("value", "stored"),
    [("13930790605", "13930790605"), ("+86 139 3079 0605", "13930790605"), ("0477-7512345", "04777512345")],
)
def test_phones_are_stored_as_dialled(value: str, stored: str) -> None:
    assert phone(value, field="f") == stored


@pytest.mark.parametrize("value", ["1390013", "12345678901", "+1 202 555 0100", "电话", "1" * 30])
def test_bad_phones(value: str) -> None:
    with pytest.raises(BusinessError) as caught:
        phone(value, field="f")
    assert caught.value.code == "INVALID_PHONE"


def test_nothing_personal_is_left_whole_by_the_mask() -> None:
    assert mask("150626200501011230") == "150***********1230"
    assert mask("13930790605") == "139****0605"
    assert mask("1390013") == "*****13"
    assert mask("12") == "**"


def test_every_problem_with_the_applicant_at_once_and_nothing_recorded(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member_of(wushen, Role.INTAKE_CLERK))
    before = Case.objects.count()
    bad = {"kind": "person", "name": " ", "idNumber": "150626200501011231", "phone": "1390013"}
    _, body = gql(client, RECEIVE, {"a": bad}, path=county_path("150626"))
    assert body["data"]["receiveCase"]["errors"] == [
        {"field": "applicant.name", "code": "REQUIRED"},
        {"field": "applicant.idNumber", "code": "INVALID_ID_NUMBER"},
        {"field": "applicant.phone", "code": "INVALID_PHONE"},
    ]
    assert Case.objects.count() == before


def test_an_id_number_with_another_name_is_refused_and_her_phone_is_kept(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member_of(wushen, Role.INTAKE_CLERK, Role.COUNTY_ADMIN))
    her = {"kind": "person", "name": "王芳", "idNumber": "150626200501011230", "phone": "13930790605"}
    _, body = gql(client, RECEIVE, {"a": her}, path=county_path("150626"))
    assert body["data"]["receiveCase"]["errors"] == []
    other = {**her, "name": "王芬", "phone": "13800000000"}
    _, body = gql(client, RECEIVE, {"a": other}, path=county_path("150626"))
    assert body["data"]["receiveCase"] == {
        "errors": [{"field": "applicant.name", "code": "ID_NUMBER_NAME_MISMATCH"}],
        "case": None,
    }
    applicant = Applicant.objects.get(id_number="150626200501011230")
    assert (applicant.name, applicant.phone) == ("王芳", "13930790605")
    assert applicant.cases.count() == 1
    company = {**her, "kind": "enterprise", "idNumber": "91150626MA0N12345A"}
    _, body = gql(client, RECEIVE, {"a": company}, path=county_path("150626"))
    assert body["data"]["receiveCase"]["errors"] == []
    _, body = gql(client, RECEIVE, {"a": {**company, "kind": "person"}}, path=county_path("150626"))
    assert body["data"]["receiveCase"]["errors"][0]["field"] == "applicant.idNumber"  # not a 身份证号
