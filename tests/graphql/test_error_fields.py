"""Services name fields in snake_case; the API answers in camelCase, as it always has."""

from __future__ import annotations

import pytest
from django.test import Client

from onewindow.graphql.core.fields import api_field
from onewindow.platform.accounts.roles import Role
from tests.factories import member_of
from tests.graphql.helpers import county_path, gql


@pytest.mark.parametrize(
    ("service", "api"),
    [
        ("applicant.id_number", "applicant.idNumber"),
        ("tolerance_due_on", "toleranceDueOn"),
        ("entries[12].fix", "entries[12].fix"),
        ("items[0].review_points[2]", "items[0].reviewPoints[2]"),
        ("hotlineRef", "hotlineRef"),  # already the API's spelling
        ("applicant.idNumber", "applicant.idNumber"),
        ("rp1_note", "rp1Note"),
        (None, None),
        ("", ""),
    ],
)
def test_api_field(service: str | None, api: str | None) -> None:
    assert api_field(service) == api
    assert api_field(api_field(service)) == api  # idempotent


@pytest.mark.django_db
def test_a_service_field_is_answered_in_camel_case(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member_of(wushen, Role.INTAKE_CLERK))
    query = """mutation {
      receiveCase(applicant: {kind: "person", name: "张三", idNumber: "123"}, item: "QY-SL",
                  channel: "window", window: "ZC01", provided: []) { errors { field code } }
    }"""
    _, body = gql(client, query, path=county_path("150626"))
    assert body["data"]["receiveCase"]["errors"] == [
        {"field": "applicant.idNumber", "code": "INVALID_ID_NUMBER"}
    ]
