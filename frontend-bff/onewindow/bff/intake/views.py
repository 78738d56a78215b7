"""综合受理 (intake clerk): find the item, receive the applicant's materials, then one of
一次性告知 (print the notice), 受理 (with 容缺 where the item allows it) or 不予受理."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from onewindow.bff.pages import PageError, form_int, me, mutate, page, query, render_page
from onewindow.bff.templatetags.bff import LABELS

# "两个免于提交": issued by the government itself, or available as an e-licence.
_EXEMPT_LABELS = {"government_issued": "政府部门核发", "e_licence": "可调用电子证照"}
_SOURCE_LABELS = {"APPLICANT": "申请人提供", "GOVERNMENT": "政府部门核发", "E_LICENSE": "电子证照"}


def _my_window(request: HttpRequest) -> str | None:
    return (me(request).get("staffMember") or {}).get("windowCode")


@page
def intake(request: HttpRequest) -> HttpResponse:
    """The workbench: search on the left, the chosen item's receive form, my cases today."""
    code = request.GET.get("item", "").strip()
    context: dict[str, Any] = {
        "title": "综合受理",
        "q": request.GET.get("q", ""),
        "ticket": request.GET.get("ticket", ""),
        # the window that called the ticket: kept through the item search to preselect it
        "ticket_window": request.GET.get("window", "")[:64],
    }
    if code:
        context.update(_item_form(request, code))
    context["today"] = query(request, "intake/today")["cases"]
    return render_page(request, "bff/intake/intake.html", context)


def _item_form(request: HttpRequest, code: str, posted: dict[str, Any] | None = None) -> dict[str, Any]:
    data = query(request, "intake/item", code=code)
    item = data["serviceItem"]
    if item is None:
        return {"item_missing": code}
    for m in item["materials"]:
        m["source_label"] = _SOURCE_LABELS.get(m["source"], m["source"])
        m["exempt_label"] = _EXEMPT_LABELS.get(m["exempt"] or "", m["exempt"])
    points = [{"code": f"rp{i}", "text": text} for i, text in enumerate(item["reviewPoints"], 1)]
    return {
        "item": item,
        "points": points,
        "windows": data["windows"],
        "my_window": request.GET.get("window") or _my_window(request),
        "idempotency_key": uuid.uuid4().hex,
        "posted": posted or {},
    }


@page
def search_items(request: HttpRequest) -> HttpResponse:
    """htmx: the catalog by name, pinyin initials or code, as the clerk types."""
    q = request.GET.get("q", "").strip()
    found = query(request, "intake/search_items", search=q or None)["serviceItems"]
    ticket = request.GET.get("ticket", "")  # the queue ticket being served, kept on the item link
    return render_page(
        request,
        "bff/intake/_results.html",
        {"found": found, "q": q, "ticket": ticket, "ticket_window": request.GET.get("window", "")},
    )


@page
def receive(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect("bff:intake")
    post = request.POST
    code = post.get("item", "")
    applicant = {
        "kind": post.get("kind", "person"),
        "name": post.get("name", "").strip(),
        "idNumber": post.get("idNumber", "").strip().upper(),
        "phone": post.get("phone", "").strip(),
    }
    # 身份证号 / 统一社会信用代码 / phone are checked by the API (one rule for every caller);
    # its errors name applicant.idNumber … and are shown beside those inputs
    provided = post.getlist("provided")
    irregular = [
        {"code": c, "note": post.get(f"irregular_note_{c}", "").strip() or "不规范"}
        for c in post.getlist("irregular")
    ]
    failed = [
        {"code": c, "note": post.get(f"point_note_{c}", "").strip()}
        for c in post.getlist("point_codes")
        if c not in post.getlist("points_passed")
    ]
    result = mutate(
        request,
        "intake/receive_case",
        applicant=applicant,
        item=code,
        window=post.get("window") or None,
        provided=[p for p in provided if p not in {i["code"] for i in irregular}],
        irregular=irregular or None,
        failedReviewPoints=failed or None,
        idempotencyKey=post.get("idempotency_key") or None,
        ticket=post.get("ticket") or None,
    )
    if result.ok:
        number = result.payload["case"]["number"]
        messages.success(request, f"已收件，办件编号 {number}")
        return redirect("bff:intake-case", number=number)
    return _receive_form_again(request, code, post, result.by_field())


def _receive_form_again(
    request: HttpRequest, code: str, post: Any, errors: dict[str, list[Any]]
) -> HttpResponse:
    """The form as the clerk filled it, each error beside its field; nothing was recorded."""
    context: dict[str, Any] = {
        "title": "综合受理",
        "errors": errors,
        "q": "",
        "ticket": post.get("ticket", ""),
    }
    context.update(_item_form(request, code, posted=post))
    context["today"] = query(request, "intake/today")["cases"]
    return render_page(request, "bff/intake/intake.html", context, status=400)


def _case_context(request: HttpRequest, number: str) -> dict[str, Any]:
    data = query(request, "intake/case", number=number)
    case = data["case"]
    if case is None:
        raise PageError(404, "NOT_FOUND", f"办件 {number} 不存在")
    problems = [
        {"code": m["code"], "name": m["name"], "problem": LABELS["material"][m["state"]], "note": m["note"]}
        for m in case["materials"]
        if m["state"] in {"MISSING", "IRREGULAR"}
    ] + [
        {"code": c["code"], "name": c["point"], "problem": "不符合审查要点", "note": c.get("note", "")}
        for c in case["reviewChecks"]
        if not c["passed"]
    ]
    link = data["caseLink"]
    return {"title": f"办件 {number}", "case": case, "problems": problems, "receipt_token": link}


@page
def case_detail(request: HttpRequest, number: str) -> HttpResponse:
    return render_page(request, "bff/intake/case.html", _case_context(request, number))


def _pledges(post: Any) -> list[dict[str, Any]] | None:
    """告知承诺 lines of the acceptance form: the content with its date (a line left empty is none)."""
    lines = zip(post.getlist("pledge_content"), post.getlist("pledge_due_on"), strict=False)
    pledges = [
        {"content": content.strip(), "dueOn": due or None} for content, due in lines if content.strip() or due
    ]
    return pledges or None


@page
def case_action(request: HttpRequest, number: str, action: str) -> HttpResponse:
    """One form per transition: notice, accept, refuse, resubmit."""
    if request.method != "POST":
        return redirect("bff:intake-case", number=number)
    post = request.POST
    version = form_int(post, "version")
    if action == "notice":
        entries = [
            {"code": c, "problem": post.get(f"problem_{c}") or None, "fix": post.get(f"fix_{c}", "").strip()}
            for c in post.getlist("codes")
        ]
        result = mutate(request, "intake/issue_notice", number=number, version=version, entries=entries)
        done = "已出具一次性告知书 {noticeNumber}"
    elif action == "accept":
        result = mutate(
            request,
            "intake/accept_case",
            number=number,
            version=version,
            tolerate=post.getlist("tolerate") or None,
            toleranceDueOn=post.get("tolerance_due_on") or None,
            pledges=_pledges(post),
        )
        done = "已受理"
    elif action == "refuse":
        reason = post.get("reason", "").strip()
        remedies = post.get("remedies", "").strip()
        text = f"{reason}。救济途径：{remedies}" if reason and remedies else reason
        result = mutate(request, "intake/refuse_case", number=number, version=version, reason=text)
        done = "已作出不予受理决定"
    elif action == "resubmit":
        result = mutate(
            request, "intake/resubmit", number=number, version=version, provided=post.getlist("provided")
        )
        done = "已登记补正材料，请重新核对"
    else:
        return redirect("bff:intake-case", number=number)
    if result.ok:
        messages.success(request, done.format(**result.payload))
        target = reverse("bff:intake-case", kwargs={"number": number})
        notice = result.payload.get("noticeNumber")
        return redirect(f"{target}?print={notice}" if notice else target)
    context = _case_context(request, number)
    context.update({"errors": result.by_field(), "failed_action": action, "posted": post})
    return render_page(request, "bff/intake/case.html", context, status=400)
