"""The hall's daily work through the county API, and the applicant's signed link."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from onewindow.platform.accounts.roles import Role
from onewindow.platform.core import clock
from onewindow.tenants.audit.models import AuditEvent
from onewindow.tenants.cases.models import Case
from tests.factories import member_of
from tests.graphql.helpers import county_path, gql
from tests.tenants.cases_helpers import post_approver

pytestmark = pytest.mark.django_db
PATH = county_path("150626")

RECEIVE = """
mutation($key: String) {
  receiveCase(applicant: {kind: "enterprise", name: "乌审旗某某科技有限公司", idNumber: "91150626MA0N12345A", phone: "13900139000"},
              item: "QY-SL", channel: "window", window: "ZC01", provided: ["sqs", "zc", "zs"], idempotencyKey: $key) {
    case { number version status materials { code state } applicant { idNumber phone masked } }
    errors { field code message }
  }
}"""

CASE = "query($n: String!) { case(number: $n) { status version dueOn overdue timeline { action actor } applicant { idNumber masked } } }"


def login(client: Client, county, role: str, username: str | None = None):  # type: ignore[no-untyped-def]
    user = member_of(county, role, username=username)
    client.force_login(user)
    return user


def test_a_case_walks_through_the_api(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    login(client, wushen, Role.INTAKE_CLERK, "clerk1")
    with clock.frozen_at("2026-09-30 09:00"):
        _, body = gql(client, RECEIVE, {"key": "desk-1"}, path=PATH)
        received = body["data"]["receiveCase"]
        assert received["errors"] == [] and received["case"]["status"] == "RECEIVED"
        number, version = received["case"]["number"], received["case"]["version"]
        _, body = gql(
            client,
            "mutation($n: String!, $v: Int!) { acceptCase(number: $n, version: $v) { case { status dueOn version } errors { code } } }",
            {"n": number, "v": version},
            path=PATH,
        )
    accepted = body["data"]["acceptCase"]["case"]
    assert accepted["status"] == "ACCEPTED" and accepted["dueOn"] == "2026-10-08"

    post_approver("approver1", "scjg")
    login(client, wushen, Role.APPROVER, "approver1")
    _, body = gql(
        client,
        "mutation($n: String!, $v: Int!) { decideCase(number: $n, version: $v, approve: true) { case { status version } errors { code } } }",
        {"n": number, "v": accepted["version"]},
        path=PATH,
    )
    decided = body["data"]["decideCase"]["case"]
    assert decided["status"] == "APPROVED"

    login(client, wushen, Role.INTAKE_CLERK, "clerk1")
    _, body = gql(
        client,
        'mutation($n: String!, $v: Int!) { issueResult(number: $n, version: $v, window: "CJ01", delivery: "pickup") { case { status } errors { code } } }',
        {"n": number, "v": decided["version"]},
        path=PATH,
    )
    assert body["data"]["issueResult"]["case"]["status"] == "ISSUED"
    _, body = gql(client, "query($n: String!) { caseLink(number: $n) }", {"n": number}, path=PATH)
    token = body["data"]["caseLink"]

    client.logout()  # the applicant, with the QR code on the receipt
    _, body = gql(
        client,
        "query($t: String!) { publicCase(token: $t) { number itemName status reviewed } }",
        {"t": token},
        path=PATH,
    )
    assert body["data"]["publicCase"] == {
        "number": number,
        "itemName": "公司设立登记",
        "status": "ISSUED",
        "reviewed": False,
    }
    review = 'mutation($t: String!) { submitReview(token: $t, level: 1, channel: "qr", tags: ["等待时间长"]) { reviewed errors { code } } }'
    _, body = gql(client, review, {"t": token}, path=PATH)
    assert body["data"]["submitReview"] == {"reviewed": True, "errors": []}
    _, body = gql(client, review, {"t": token}, path=PATH)
    assert body["data"]["submitReview"]["errors"] == [{"code": "ALREADY_REVIEWED"}]

    login(client, wushen, Role.SUPERVISOR)
    _, body = gql(client, CASE, {"n": number}, path=PATH)
    actions = [e["action"] for e in body["data"]["case"]["timeline"]]
    assert actions == [
        "case.received",
        "case.accepted",
        "case.decided",
        "result.handed_over",  # recorded at issuance: the department had not handed it over (000 第九条)
        "result.received",
        "case.issued",
        "review.submitted",
        "review.bad",
    ]


def test_personal_data_is_masked_unless_the_role_may_see_it_and_full_reads_are_audited(
    client: Client, wushen
) -> None:  # type: ignore[no-untyped-def]
    login(client, wushen, Role.INTAKE_CLERK)
    _, body = gql(client, RECEIVE, path=PATH)
    case = body["data"]["receiveCase"]["case"]
    assert case["applicant"] == {"idNumber": "91150626MA0N12345A", "phone": "13900139000", "masked": False}
    reads = AuditEvent.objects.filter(action="pii.read").count()
    assert reads == 2
    login(client, wushen, Role.GUIDE)
    _, body = gql(client, CASE, {"n": case["number"]}, path=PATH)
    assert body["data"]["case"]["applicant"] == {"idNumber": "911***********345A", "masked": True}
    assert AuditEvent.objects.filter(action="pii.read").count() == reads


def test_double_submission_and_stale_version_are_typed_errors(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    login(client, wushen, Role.INTAKE_CLERK)
    _, body = gql(client, RECEIVE, {"key": "kiosk-7"}, path=PATH)
    number = body["data"]["receiveCase"]["case"]["number"]
    _, body = gql(client, RECEIVE, {"key": "kiosk-7"}, path=PATH)
    assert body["data"]["receiveCase"]["errors"][0]["code"] == "DUPLICATE_SUBMISSION"
    _, body = gql(
        client,
        "mutation($n: String!) { acceptCase(number: $n, version: 7) { case { status } errors { code field } } }",
        {"n": number},
        path=PATH,
    )
    assert body["data"]["acceptCase"] == {
        "case": None,
        "errors": [{"code": "CONCURRENT_EDIT", "field": "version"}],
    }
    assert Case.objects.get(number=number).status == "received"


def test_roles_gate_the_transitions(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    login(client, wushen, Role.GUIDE)
    _, body = gql(client, RECEIVE, path=PATH)
    assert body["data"]["receiveCase"]["errors"][0]["code"] == "PERMISSION_DENIED"
    assert not Case.objects.exists()


def test_a_link_for_one_county_opens_nothing_in_another(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    login(client, wushen, Role.INTAKE_CLERK)
    _, body = gql(client, RECEIVE, path=PATH)
    number = body["data"]["receiveCase"]["case"]["number"]
    _, body = gql(client, "query($n: String!) { caseLink(number: $n) }", {"n": number}, path=PATH)
    token = body["data"]["caseLink"]
    client.logout()
    _, body = gql(
        client,
        "query($t: String!) { publicCase(token: $t) { number } }",
        {"t": token},
        path=county_path("331081"),
    )
    assert body["errors"][0]["extensions"]["code"] == "LINK_INVALID"
    _, body = gql(
        client, "query($t: String!) { publicCase(token: $t) { number } }", {"t": token + "x"}, path=PATH
    )
    assert body["errors"][0]["extensions"]["code"] == "LINK_INVALID"


def test_case_list_filters_and_costs_a_constant_number_of_queries(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    from tests.tenants.cases_helpers import receive

    query = "{ cases(first: 50) { totalCount edges { node { number itemName departmentName applicant { name idNumber } } } } }"
    login(client, wushen, Role.SUPERVISOR)
    connection.set_tenant(wushen)
    receive()

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            _, body = gql(client, query, path=PATH)
        assert "errors" not in body, body
        return len(ctx.captured_queries)

    one = count()
    for _ in range(10):
        receive()
    assert count() == one
    _, body = gql(
        client,
        '{ cases(first: 5, status: RECEIVED, item: "QY-SL") { totalCount } overdue: cases(first: 5, overdue: true) { totalCount } }',
        path=PATH,
    )
    assert body["data"]["cases"]["totalCount"] == 11 and body["data"]["overdue"]["totalCount"] == 0


def test_the_one_time_notice_prints_as_a_chinese_pdf(client: Client, wushen, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil
    import subprocess

    from onewindow.tenants.cases.services import issue_correction_notice
    from tests.tenants.cases_helpers import receive

    connection.set_tenant(wushen)
    case = receive(provided=["sqs"])
    notice = issue_correction_notice(
        case.number,
        version=case.version,
        entries=[
            {"code": "zc", "fix": "提交全体股东签署的公司章程"},
            {"code": "zs", "fix": "提供房屋租赁合同或产权证明"},
        ],
        actor="clerk",
    )
    assert client.get(f"/c/150626/notices/{notice.number}.pdf").status_code == 401
    login(client, wushen, Role.INTAKE_CLERK)
    response = client.get(f"/c/150626/notices/{notice.number}.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF") and b"WenQuanYi" in pdf  # the font is embedded
    if shutil.which("pdftotext"):  # poppler, where installed: the text really is Chinese
        path = tmp_path / "notice.pdf"
        path.write_bytes(pdf)
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
        assert "一次性告知书" in text and "公司章程" in text


def test_the_receipt_page_shows_status_and_takes_one_review(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    from onewindow.tenants.cases.links import case_token
    from onewindow.tenants.cases.services import accept_case, decide_case
    from onewindow.tenants.reviews.models import Review
    from tests.tenants.cases_helpers import post_approver, receive

    connection.set_tenant(wushen)
    case = receive()
    case = accept_case(case.number, version=case.version, actor="clerk")
    token = case_token(case)
    page = client.get(f"/c/150626/r/{token}")
    assert page.status_code == 200
    html = page.content.decode()
    assert case.number in html and "已受理，审批中" in html
    assert "请您评价本次服务" not in html  # a review is offered once the case is decided
    assert "91150626" not in html  # no personal data on the public page
    connection.set_tenant(wushen)
    post_approver("appr-r", "scjg")
    case = decide_case(case.number, version=case.version, approve=True, actor="appr-r", roles=["approver"])
    assert "请您评价本次服务" in client.get(f"/c/150626/r/{token}").content.decode()
    response = client.post(f"/c/150626/r/{token}", {"level": "2", "text": "排队太久"})
    assert response.status_code == 200 and "感谢您的评价" in response.content.decode()
    connection.set_tenant(wushen)
    assert Review.objects.get(case=case).level == 2
    assert client.post(f"/c/150626/r/{token}", {"level": "5"}).status_code == 400
    assert client.get(f"/c/331081/r/{token}").status_code == 404
