"""Every write of 帮办代办 (附件2 第五条 咨询→申请→承办→办结→评价; 第六条 投诉、回访): one
function per act, one transaction, one audit event. Step deadlines are working days on the
county calendar from the pack (``assistance``); each open step is watched by the county's
``assistance_request`` chains."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from onewindow.platform.core import clock
from onewindow.platform.core.errors import BusinessError, NotFound
from onewindow.tenants.assistance.models import (
    INSPECTED,
    AssistanceComplaint,
    AssistanceRequest,
    AssistanceSite,
    Handover,
    RequestStatus,
    RequestStep,
    SiteInspection,
    StepKind,
)
from onewindow.tenants.assistance.selectors import assistance_settings
from onewindow.tenants.audit.services import record_event
from onewindow.tenants.cases.models import Case, CaseStatus
from onewindow.tenants.cases.services import ApplicantInput, receive_case
from onewindow.tenants.catalog.models import ServiceItem
from onewindow.tenants.escalation import services as escalation
from onewindow.tenants.escalation.models import SubjectKind
from onewindow.tenants.hall.models import Site, SiteLevel, StaffMember
from onewindow.tenants.workcalendar.calendar import WorkingCalendar

SUBJECT = "AssistanceRequest"
DELIVERY_METHODS = {"electronic": "电子反馈", "express": "快递邮寄", "home": "上门送达", "window": "窗口交付"}
RATING_METHODS = {"callback": "回访", "appraisal": "评议"}
RESULT_READY = (CaseStatus.APPROVED, CaseStatus.DENIED, CaseStatus.ISSUED)


class AssistanceError(BusinessError):
    pass


def _person(actor: object | None) -> str:
    return actor if isinstance(actor, str) else str(getattr(actor, "username", "") or "system")


def _locked(number: str) -> AssistanceRequest:
    request = (
        AssistanceRequest.objects.select_for_update(of=("self",))
        .select_related("site", "current_site", "current_site__parent", "agent")
        .filter(number=number)
        .first()
    )
    if request is None:
        raise NotFound(f"帮办代办委托 {number}", field="number")
    return request


def _require(request: AssistanceRequest, *statuses: str, action: str) -> None:
    if request.status not in statuses:
        raise AssistanceError(
            "INVALID_TRANSITION", f"委托当前为“{request.get_status_display()}”，不能{action}", field="status"
        )


def _due(days: int) -> dt.date:
    return WorkingCalendar.for_active_county().add_working_days(clock.today(), days)


def _step(
    request: AssistanceRequest, kind: str, site: Site, actor: object | None, **more: Any
) -> RequestStep:
    return RequestStep.objects.create(
        request=request, kind=kind, at=clock.now(), site=site, person=_person(actor), **more
    )


def _watch(request: AssistanceRequest, due_on: dt.date | None) -> None:
    """The request's open step: a new deadline stops the old watch and starts the chains anew."""
    escalation.resolve_watches(SUBJECT, request.pk)
    request.step_due_on = due_on
    if due_on is not None:
        escalation.start_watches(
            SubjectKind.ASSISTANCE_REQUEST,
            SUBJECT,
            request.pk,
            f"帮办代办 {request.number}",
            started_on=clock.today(),
            deadline_on=due_on,
        )


def _handover_due(site: Site) -> dt.date | None:
    """How long ``site`` has to hand a request up a level (the county hands up nothing)."""
    days = assistance_settings().handover_within_days
    if site.level == SiteLevel.VILLAGE:
        return _due(days.village)
    if site.level == SiteLevel.TOWNSHIP:
        return _due(days.township)
    return None


def _save(request: AssistanceRequest, *fields: str) -> None:
    request.version += 1
    request.save(update_fields=[*fields, "version", "step_due_on"])


@transaction.atomic
def take_request(
    *,
    site: str,
    agent: str,
    applicant_name: str,
    applicant_phone: str = "",
    applicant_id_number: str = "",
    items: list[str],
    materials: list[str],
    consent: bool,
    at_home: bool = False,
    home_address: str = "",
    scope: str = "full",
    actor: object | None,
) -> AssistanceRequest:
    """承办: the agent fills in the 委托书 with the applicant (who consents) and gives a 回执."""
    the_site = Site.objects.live().filter(code=site).first()
    if the_site is None:
        raise NotFound(f"场所 {site}", field="site")
    network = AssistanceSite.objects.live().filter(site=the_site).first()
    if network is None:
        raise AssistanceError("NOT_AN_ASSISTANCE_SITE", f"{the_site.name} 未列入帮办代办网络", field="site")
    staff = StaffMember.objects.live().filter(code=agent).first()
    if staff is None or not network.agents.filter(staff=staff).exists():
        raise AssistanceError("NOT_AN_AGENT_HERE", f"{agent} 不是 {the_site.name} 的代办员", field="agent")
    problems = []
    if not applicant_name.strip():
        problems.append(("REQUIRED", "请填写申请人姓名", "applicant_name"))
    if not consent:
        problems.append(("CONSENT_REQUIRED", "申请人须确认自愿委托", "consent"))
    if at_home and not home_address.strip():
        problems.append(("REQUIRED", "上门服务请填写地址", "home_address"))
    wanted = [m.strip() for m in materials if m.strip()]
    if not wanted:
        problems.append(("REQUIRED", "请列出移交的材料", "materials"))
    if scope not in ("full", "part"):
        problems.append(("INVALID_VALUE", "委托范围应为全程或部分", "scope"))
    if problems:
        code, message, field = problems[0]
        raise AssistanceError(code, message, field=field)
    found = {i.code: i for i in ServiceItem.objects.live().filter(code__in=items)}
    if not items or len(found) != len(set(items)):
        missing = sorted(set(items) - set(found)) or ["（无）"]
        raise AssistanceError("UNKNOWN_ITEM", f"事项 {missing[0]} 不存在", field="items")
    listed = set(network.items.values_list("item__code", flat=True))
    for code, item in found.items():
        if not item.assistance_eligible:
            raise AssistanceError("NOT_ASSISTABLE", f"{item.name} 不可帮办代办", field="items")
        if the_site.level != SiteLevel.COUNTY and code not in listed:
            raise AssistanceError(
                "ITEM_NOT_LISTED", f"{item.name} 不在{the_site.name}的帮办代办事项清单中", field="items"
            )
    today = clock.today()
    count = AssistanceRequest.objects.filter(number__startswith=f"BB{today:%Y%m%d}").count()
    request = AssistanceRequest.objects.create(
        number=f"BB{today:%Y%m%d}{count + 1:04d}",
        site=the_site,
        current_site=the_site,
        agent=staff,
        applicant_name=applicant_name.strip(),
        applicant_phone=applicant_phone.strip(),
        applicant_id_number=applicant_id_number.strip(),
        at_home=at_home,
        home_address=home_address.strip(),
        materials=wanted,
        scope=scope,
        consent=True,
        taken_at=clock.now(),
    )
    request.items.set(found.values())
    due = _handover_due(the_site)
    _step(
        request,
        StepKind.TAKEN,
        the_site,
        actor,
        note=f"上门服务：{request.home_address}" if at_home else "",
        due_on=due,
    )
    _watch(request, due)
    request.save(update_fields=["step_due_on"])
    record_event(
        "assistance_request.taken",
        request,
        actor=actor,
        data={"site": site, "agent": agent, "items": sorted(found), "at_home": at_home},
    )
    return request


@transaction.atomic
def hand_over(number: str, *, materials: list[str], actor: object | None) -> Handover:
    """移交 to the next level up (village → township → county) with the materials list."""
    request = _locked(number)
    _require(request, RequestStatus.TAKEN, RequestStatus.AT_SITE, action="移交")
    to_site = request.current_site.parent
    if request.current_site.level == SiteLevel.COUNTY or to_site is None:
        raise AssistanceError("NO_HIGHER_LEVEL", "县级中心直接收件，无需移交", field="number")
    handed = [m.strip() for m in materials if m.strip()]
    if not handed:
        raise AssistanceError("REQUIRED", "请勾选移交的材料", field="materials")
    unknown = [m for m in handed if m not in request.materials]
    if unknown:
        raise AssistanceError("UNKNOWN_MATERIAL", f"委托书中没有材料“{unknown[0]}”", field="materials")
    today = clock.today()
    on_time = request.step_due_on is None or today <= request.step_due_on
    handover = Handover.objects.create(
        request=request,
        from_site=request.current_site,
        to_site=to_site,
        materials=handed,
        handed_at=clock.now(),
        handed_by=_person(actor),
        due_on=request.step_due_on,
        on_time=on_time,
    )
    _step(
        request,
        StepKind.HANDED_OVER,
        request.current_site,
        actor,
        note=f"移交{to_site.name}：{'、'.join(handed)}",
        due_on=request.step_due_on,
        on_time=on_time,
    )
    request.status = RequestStatus.IN_TRANSIT
    _watch(request, _due(0))  # the receiver acknowledges the same working day
    _save(request, "status")
    record_event(
        "assistance_request.handed_over",
        request,
        actor=actor,
        data={"to": to_site.code, "materials": handed, "on_time": on_time},
    )
    return handover


@transaction.atomic
def acknowledge_handover(number: str, *, acknowledged: list[str], actor: object | None) -> Handover:
    """The receiver checks the materials against the list; refused unless every one is ticked."""
    request = _locked(number)
    _require(request, RequestStatus.IN_TRANSIT, action="接收")
    handover = request.handovers.filter(acknowledged_at__isnull=True).order_by("-handed_at").first()
    if handover is None:
        raise AssistanceError("NO_OPEN_HANDOVER", "没有待接收的移交", field="number")
    ticked = {m.strip() for m in acknowledged if m.strip()}
    missing = [m for m in handover.materials if m not in ticked]
    if missing:
        raise AssistanceError(
            "MATERIALS_NOT_ACKNOWLEDGED",
            f"请逐项核对材料清单后接收：“{'、'.join(missing)}”未确认",
            field="acknowledged",
        )
    extra = sorted(ticked - set(handover.materials))
    if extra:
        raise AssistanceError("UNKNOWN_MATERIAL", f"移交清单中没有“{extra[0]}”", field="acknowledged")
    handover.acknowledged_at, handover.acknowledged_by = clock.now(), _person(actor)
    handover.save(update_fields=["acknowledged_at", "acknowledged_by"])
    request.current_site = handover.to_site
    request.status = RequestStatus.AT_SITE
    due = _handover_due(handover.to_site)
    _step(request, StepKind.ACKNOWLEDGED, handover.to_site, actor, note="材料清单已逐项核对", due_on=due)
    _watch(request, due)
    _save(request, "status", "current_site")
    record_event(
        "assistance_request.acknowledged", request, actor=actor, data={"site": handover.to_site.code}
    )
    return handover


def receive_case_for_request(
    number: str, *, applicant: ApplicantInput, actor: object | None, **case: Any
) -> Case:
    """收件 at the county window for a request that reached the county: channel 帮办代办, and
    the request carries the case from then on (its own chain watches it)."""
    with transaction.atomic():
        request = _locked(number)
        if request.current_site.level != SiteLevel.COUNTY:
            raise AssistanceError(
                "NOT_AT_COUNTY",
                f"委托在{request.current_site.name}，须先移交至县级中心",
                field="assistance_request",
            )
        _require(request, RequestStatus.TAKEN, RequestStatus.AT_SITE, action="收件")
        item = case.get("item")
        if item and not request.items.filter(code=item).exists():
            raise AssistanceError("ITEM_NOT_IN_MANDATE", f"委托书中没有事项 {item}", field="item")
        case["channel"] = "assisted"
        received = receive_case(applicant=applicant, actor=actor, **case)
        request.case = received
        request.status = RequestStatus.SUBMITTED
        _step(request, StepKind.SUBMITTED, request.current_site, actor, note=f"办件 {received.number}")
        _watch(request, None)
        _save(request, "status", "case")
        record_event("assistance_request.submitted", request, actor=actor, data={"case": received.number})
    return received


@transaction.atomic
def return_result(number: str, *, note: str = "", actor: object | None) -> AssistanceRequest:
    """办结: the result goes back to the applicant through the agent (within the pack's days)."""
    request = _locked(number)
    _require(request, RequestStatus.SUBMITTED, action="返还结果")
    if request.case is None or request.case.status not in RESULT_READY:
        raise AssistanceError("RESULT_NOT_READY", "办件尚未办结", field="number")
    request.status = RequestStatus.RETURNING
    request.result_note = note.strip() or request.case.get_status_display()
    due = _due(assistance_settings().deliver_within_days)
    _step(
        request, StepKind.RESULT_RETURNING, request.current_site, actor, note=request.result_note, due_on=due
    )
    _watch(request, due)
    _save(request, "status", "result_note")
    record_event("assistance_request.returning", request, actor=actor, data={"case": request.case.number})
    return request


@transaction.atomic
def confirm_delivery(
    number: str, *, method: str, received_by: str, actor: object | None
) -> AssistanceRequest:
    """送达确认: the applicant (or who they name) received the result and the materials."""
    request = _locked(number)
    _require(request, RequestStatus.RETURNING, action="确认送达")
    if method not in DELIVERY_METHODS:
        raise AssistanceError("INVALID_VALUE", "送达方式无效", field="method")
    if not received_by.strip():
        raise AssistanceError("REQUIRED", "请填写签收人", field="received_by")
    on_time = request.step_due_on is None or clock.today() <= request.step_due_on
    request.status = RequestStatus.DELIVERED
    request.delivered_at, request.delivery_method, request.delivery_on_time = clock.now(), method, on_time
    _step(
        request,
        StepKind.DELIVERED,
        request.site,
        actor,
        note=f"{DELIVERY_METHODS[method]}，签收人 {received_by.strip()}",
        due_on=request.step_due_on,
        on_time=on_time,
    )
    _watch(request, None)
    _save(request, "status", "delivered_at", "delivery_method", "delivery_on_time")
    record_event(
        "assistance_request.delivered", request, actor=actor, data={"method": method, "on_time": on_time}
    )
    return request


@transaction.atomic
def evaluate_request(
    number: str, *, level: int, method: str, comment: str = "", actor: object | None
) -> AssistanceRequest:
    """评价 (回访 / 评议): the applicant rates the agent's service, 1–5."""
    request = _locked(number)
    _require(request, RequestStatus.DELIVERED, action="评价")
    if level not in range(1, 6):
        raise AssistanceError("INVALID_VALUE", "评价等级应为 1–5", field="level")
    if method not in RATING_METHODS:
        raise AssistanceError("INVALID_VALUE", "评价方式应为回访或评议", field="method")
    request.status = RequestStatus.EVALUATED
    request.rating, request.rating_method, request.rating_comment = level, method, comment.strip()
    _step(
        request,
        StepKind.EVALUATED,
        request.site,
        actor,
        note=f"{RATING_METHODS[method]}：{level} 分 {comment}".strip(),
    )
    _save(request, "status", "rating", "rating_method", "rating_comment")
    record_event(
        "assistance_request.evaluated", request, actor=actor, data={"level": level, "method": method}
    )
    return request


@transaction.atomic
def record_inspection(
    *, site: str, criterion: str, met: bool, evidence: str, checked_on: dt.date, actor: object | None
) -> SiteInspection:
    """8个统一 by inspection (设备、指南、制度): what was seen, with evidence and the date."""
    the_site = Site.objects.live().filter(code=site).first()
    if the_site is None:
        raise NotFound(f"场所 {site}", field="site")
    if criterion not in INSPECTED:
        raise AssistanceError("DERIVED_CRITERION", "此项由系统数据判定，无需检查登记", field="criterion")
    if not evidence.strip():
        raise AssistanceError("REQUIRED", "请写明检查依据（所见、照片编号等）", field="evidence")
    if checked_on > clock.today():
        raise AssistanceError("INVALID_VALUE", "检查日期不能晚于今天", field="checked_on")
    row = SiteInspection.objects.create(
        site=the_site,
        criterion=criterion,
        met=met,
        evidence=evidence.strip(),
        checked_on=checked_on,
        inspector=_person(actor),
        recorded_at=clock.now(),
    )
    record_event(
        "assistance_site.inspected", row, actor=actor, data={"site": site, "criterion": criterion, "met": met}
    )
    return row


@transaction.atomic
def file_assistance_complaint(
    *,
    complainant_name: str,
    complainant_phone: str = "",
    agent: str = "",
    content: str,
    case_number: str = "",
    request: str = "",
    actor: object | None,
) -> AssistanceComplaint:
    """乌审旗 003 附件2 第六条 3: investigated within the pack's working days (3), the result
    returned. A county whose pack sets no limit (``complaint_within_days`` left out) records the
    complaint without a due date and nothing watches it."""
    the_request = None
    if request.strip():
        the_request = (
            AssistanceRequest.objects.select_related("agent", "case").filter(number=request.strip()).first()
        )
        if the_request is None:
            raise NotFound(f"帮办代办委托 {request}", field="request")
        agent = agent.strip() or the_request.agent.name
        case_number = case_number.strip() or (the_request.case.number if the_request.case else "")
    if not (complainant_name.strip() and agent.strip() and content.strip()):
        raise BusinessError("REQUIRED", "请填写投诉人、被投诉人和投诉内容", field="content")
    today = clock.today()
    within = assistance_settings().complaint_within_days
    count = AssistanceComplaint.objects.count()
    complaint = AssistanceComplaint.objects.create(
        number=f"TS{today:%Y%m%d}{count + 1:04d}",
        complainant_name=complainant_name.strip(),
        complainant_phone=complainant_phone.strip(),
        agent=agent.strip(),
        case_number=case_number.strip(),
        content=content.strip(),
        received_on=today,
        due_on=_due(within) if within is not None else None,
        request=the_request,
    )
    if complaint.due_on is not None:
        escalation.start_watches(
            SubjectKind.ASSISTANCE_COMPLAINT,
            "AssistanceComplaint",
            complaint.pk,
            f"帮办代办投诉 {complaint.number}",
            started_on=today,
            deadline_on=complaint.due_on,
        )
    record_event("assistance_complaint.filed", complaint, actor=actor, data={"agent": complaint.agent})
    return complaint


@transaction.atomic
def answer_assistance_complaint(
    number: str, *, finding: str, substantiated: bool, actor: object | None
) -> AssistanceComplaint:
    """The investigation's result, returned to the complainant; a substantiated one is scored."""
    complaint = AssistanceComplaint.objects.select_for_update().filter(number=number).first()
    if complaint is None:
        raise NotFound(f"投诉 {number}", field="number")
    if complaint.replied_at is not None:
        raise BusinessError("ALREADY_ANSWERED", "该投诉已答复", field="number")
    if not finding.strip():
        raise BusinessError("REQUIRED", "请写明调查结果", field="finding")
    complaint.finding, complaint.substantiated, complaint.replied_at = (
        finding.strip(),
        substantiated,
        clock.now(),
    )
    complaint.save(update_fields=["finding", "substantiated", "replied_at"])
    escalation.resolve_watches("AssistanceComplaint", complaint.pk)
    record_event(
        "assistance_complaint.answered",
        complaint,
        actor=actor,
        data={
            "substantiated": substantiated,
            "late": complaint.due_on is not None and clock.today() > complaint.due_on,
            "score": substantiated,
        },
    )
    return complaint
