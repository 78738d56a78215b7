"""Roles and what each may do. Permissions are declared by API fields and mutations."""

from __future__ import annotations

from enum import StrEnum

from django.db import models


class Role(models.TextChoices):
    PROVINCIAL_OPERATOR = "provincial_operator", "省级运营人员"
    COUNTY_ADMIN = "county_admin", "县级管理员"
    CENTRE_MANAGER = "centre_manager", "中心负责人"
    GUIDE = "guide", "导服人员"
    INTAKE_CLERK = "intake_clerk", "综合受理员"
    APPROVER = "approver", "审批人员"
    AGENT = "agent", "帮办代办员"
    SUPERVISOR = "supervisor", "督查人员"
    LEADER = "leader", "领导"  # reads the 领导驾驶舱; changes nothing


PLATFORM_ROLES = frozenset({Role.PROVINCIAL_OPERATOR})
COUNTY_ROLES = frozenset(Role) - PLATFORM_ROLES


class Perm(StrEnum):
    # county API
    COUNTY_VIEW = "county.view"
    COUNTY_MANAGE_TOKENS = "county.manage_tokens"
    COUNTY_MANAGE_CALENDAR = "county.manage_calendar"
    COUNTY_MANAGE_POLICY = "county.manage_policy"  # the pack: hall, catalog, teams …
    COUNTY_MANAGE_STAFF = "county.manage_staff"  # accounts and roles of the county's staff
    CASE_INTAKE = "case.intake"  # receive, notice, refuse, accept (front desk)
    CASE_PROCESS = "case.process"  # pause, resume, request extensions (departments)
    CASE_DECIDE = "case.decide"  # approve / deny (an approver of the case's department)
    CASE_ISSUE = "case.issue"  # unified issuance
    CASE_MANAGE = "case.manage"  # approve extensions (centre manager)
    VIEW_PII = "case.view_pii"  # full 身份证号 / phone (each read audited)
    WORK_ORDERS = "work_orders.handle"  # 差评 work orders: callback, classification, rectification
    SCORING = "scoring.manage"  # record incidents, close and post periods, decide objections
    DASHBOARD_VIEW = "county.view_dashboard"  # 领导驾驶舱: the county's figures, week by week
    QUEUE_CALL = "queue.call"  # 叫号 at a window, tickets at the 询导 desk, the day's bookings
    ASSISTANCE = "assistance.handle"  # 帮办代办: take, hand over, receive, return; the network pages
    HOTLINE = "hotline.handle"  # 12345 工单: 改派, 签收 / 退单, 办理, 答复, 回访
    HOTLINE_RECEIVE = "hotline.receive"  # the 12345 platform's inbound API (a token of such an account)
    FIRST_ASKED = "consultation.first_asked"  # 首问负责: record a consultation, hand it on
    NOTIFICATIONS = "notifications.manage"  # the dead-letter list: see why a message failed, send again
    # platform API
    PLATFORM_VIEW_COUNTIES = "platform.view_counties"
    PLATFORM_ONBOARD_COUNTY = "platform.onboard_county"
    PLATFORM_MANAGE_CALENDAR = "platform.manage_calendar"
    PLATFORM_MANAGE_TOKENS = "platform.manage_tokens"
    PLATFORM_MANAGE_POLICY = "platform.manage_policy"
    PLATFORM_MANAGE_OPERATORS = "platform.manage_operators"  # provincial operators' accounts


_EVERY_COUNTY_MEMBER = {Perm.COUNTY_VIEW, Perm.COUNTY_MANAGE_TOKENS}

ROLE_PERMISSIONS: dict[str, frozenset[Perm]] = {
    Role.PROVINCIAL_OPERATOR: frozenset(
        {
            Perm.PLATFORM_VIEW_COUNTIES,
            Perm.PLATFORM_ONBOARD_COUNTY,
            Perm.PLATFORM_MANAGE_CALENDAR,
            Perm.PLATFORM_MANAGE_TOKENS,
            Perm.PLATFORM_MANAGE_POLICY,
            Perm.PLATFORM_MANAGE_OPERATORS,
        }
    ),
    Role.COUNTY_ADMIN: frozenset(
        _EVERY_COUNTY_MEMBER
        | {
            Perm.COUNTY_MANAGE_CALENDAR,
            Perm.COUNTY_MANAGE_POLICY,
            Perm.COUNTY_MANAGE_STAFF,
            Perm.DASHBOARD_VIEW,
            Perm.NOTIFICATIONS,
        }
    ),
    Role.CENTRE_MANAGER: frozenset(
        _EVERY_COUNTY_MEMBER
        | {
            Perm.COUNTY_MANAGE_CALENDAR,
            Perm.CASE_MANAGE,
            Perm.VIEW_PII,
            Perm.WORK_ORDERS,
            Perm.SCORING,
            Perm.DASHBOARD_VIEW,
            Perm.QUEUE_CALL,
            Perm.ASSISTANCE,
            Perm.HOTLINE,
            Perm.HOTLINE_RECEIVE,
            Perm.FIRST_ASKED,
            Perm.NOTIFICATIONS,
        }
    ),
    Role.GUIDE: frozenset(_EVERY_COUNTY_MEMBER | {Perm.QUEUE_CALL, Perm.FIRST_ASKED}),
    Role.INTAKE_CLERK: frozenset(
        _EVERY_COUNTY_MEMBER
        | {
            Perm.CASE_INTAKE,
            Perm.CASE_ISSUE,
            Perm.VIEW_PII,
            Perm.QUEUE_CALL,
            Perm.ASSISTANCE,
            Perm.FIRST_ASKED,
        }
    ),
    Role.APPROVER: frozenset(
        _EVERY_COUNTY_MEMBER
        | {
            Perm.CASE_PROCESS,
            Perm.CASE_DECIDE,
            Perm.VIEW_PII,
            Perm.WORK_ORDERS,
            Perm.HOTLINE,
            Perm.FIRST_ASKED,
        }
    ),
    Role.AGENT: frozenset(
        _EVERY_COUNTY_MEMBER
        | {Perm.CASE_INTAKE, Perm.VIEW_PII, Perm.QUEUE_CALL, Perm.ASSISTANCE, Perm.FIRST_ASKED}
    ),
    # 002 三(二): the centre's 督查科 takes the 12345 hotline's transfers
    Role.SUPERVISOR: frozenset(
        _EVERY_COUNTY_MEMBER | {Perm.WORK_ORDERS, Perm.SCORING, Perm.HOTLINE, Perm.HOTLINE_RECEIVE}
    ),
    Role.LEADER: frozenset(_EVERY_COUNTY_MEMBER | {Perm.DASHBOARD_VIEW}),
}


def permissions_for(roles: list[str] | tuple[str, ...] | frozenset[str]) -> frozenset[Perm]:
    granted: set[Perm] = set()
    for role in roles:
        granted |= ROLE_PERMISSIONS.get(role, frozenset())
    return frozenset(granted)
