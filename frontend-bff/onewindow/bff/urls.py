"""County pages, at ``/c/<code>/…`` (or the county's own host)."""

from __future__ import annotations

from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from onewindow.bff.approvals import views as approvals
from onewindow.bff.assessment import views as assessment
from onewindow.bff.assistance import views as assistance
from onewindow.bff.benchmarks import views as benchmarks
from onewindow.bff.cases import views as cases
from onewindow.bff.catalog import views as catalog
from onewindow.bff.chains import views as chains
from onewindow.bff.consultations import views as consultations
from onewindow.bff.dashboard import views as dashboard
from onewindow.bff.fallback import views as fallback
from onewindow.bff.hall import views as hall
from onewindow.bff.home import views as home
from onewindow.bff.hotline import views as hotline
from onewindow.bff.intake import views as intake
from onewindow.bff.issuance import views as issuance
from onewindow.bff.manage import views as manage
from onewindow.bff.notifications import views as notifications
from onewindow.bff.pack import views as pack
from onewindow.bff.public import views as public
from onewindow.bff.queueing import views as queueing
from onewindow.bff.rulesets import views as rulesets
from onewindow.bff.settings import views as county_settings
from onewindow.bff.workcalendar import views as workcalendar
from onewindow.bff.workorders import views as workorders

app_name = "bff"

urlpatterns = [
    path("", home.home, name="home"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("intake/", intake.intake, name="intake"),
    path("intake/search", intake.search_items, name="intake-search"),
    path("intake/receive", intake.receive, name="intake-receive"),
    path("intake/cases/<str:number>/", intake.case_detail, name="intake-case"),
    path("intake/cases/<str:number>/<str:action>", intake.case_action, name="intake-action"),
    path("approvals/", approvals.inbox, name="approvals"),
    path("approvals/cases/<str:number>/", approvals.case_detail, name="approvals-case"),
    path("approvals/cases/<str:number>/<str:action>", approvals.case_action, name="approvals-action"),
    path("issuance/", issuance.ready, name="issuance"),
    path("issuance/<str:number>/issue", issuance.issue, name="issuance-issue"),
    path("issuance/<str:number>/confirm", issuance.confirm, name="issuance-confirm"),
    path("issuance/<str:number>/receive", issuance.receive, name="issuance-receive"),
    path("cases/", cases.case_list, name="cases"),
    path("cases/<str:number>/", cases.case_timeline, name="case"),
    path("manage/overdue/", manage.overdue, name="manage-overdue"),
    path("manage/extensions/", manage.extensions, name="manage-extensions"),
    path("manage/commitments/", manage.commitments, name="manage-commitments"),
    path(
        "manage/commitments/<str:commitment_id>/<str:action>",
        manage.commitment_action,
        name="manage-commitment-action",
    ),
    path("manage/extensions/<str:extension_id>", manage.decide_extension, name="manage-extension-decide"),
    path("manage/fallback/", fallback.board, name="fallback"),
    path("manage/fallback/register", fallback.register, name="fallback-register"),
    path("manage/fallback/<str:number>/", fallback.case_detail, name="fallback-case"),
    path("manage/fallback/<str:number>/<str:action>", fallback.case_action, name="fallback-action"),
    path("assistance/", assistance.requests, name="assistance"),
    path("assistance/take", assistance.take, name="assistance-take"),
    path("assistance/network/", assistance.compliance, name="assistance-compliance"),
    path("assistance/network/inspect", assistance.inspect, name="assistance-inspect"),
    path("assistance/ledger/", assistance.ledger, name="assistance-ledger"),
    path("assistance/ledger.xlsx", assistance.ledger_xlsx, name="assistance-ledger-xlsx"),
    path("assistance/r/<str:number>/", assistance.detail, name="assistance-request"),
    path("assistance/r/<str:number>/<str:action>", assistance.action, name="assistance-action"),
    path("a/t/<str:token>", assistance.track, name="assistance-track"),
    path("manage/hotline/", hotline.order_list, name="hotline"),
    path("manage/hotline/<str:number>/", hotline.order_detail, name="hotline-order"),
    path("manage/hotline/<str:number>/<str:action>", hotline.order_action, name="hotline-order-action"),
    path("consultations/", consultations.consultation_list, name="consultations"),
    path("consultations/record", consultations.record, name="consultation-record"),
    path("consultations/<str:number>/", consultations.detail, name="consultation"),
    path("consultations/<str:number>/<str:action>", consultations.action, name="consultation-action"),
    path("inbox/", notifications.inbox, name="inbox"),
    path("inbox/read", notifications.mark_read, name="inbox-read"),
    path("manage/notifications/", notifications.dead_letters, name="dead-letters"),
    path("manage/notifications/<str:notification_id>/retry", notifications.retry, name="dead-letter-retry"),
    path("admin/notification-templates/", notifications.templates, name="notification-templates"),
    path("admin/notification-templates/test", notifications.test_send, name="notification-template-test"),
    path("manage/work-orders/", workorders.order_list, name="work-orders"),
    path("manage/work-orders/<str:number>/", workorders.order_detail, name="work-order"),
    path("manage/work-orders/<str:number>/<str:action>", workorders.order_action, name="work-order-action"),
    path("assessment/", assessment.periods, name="assessment"),
    path("assessment/open", assessment.open_period, name="assessment-open"),
    path("assessment/periods/<str:period_id>/", assessment.period_detail, name="assessment-period"),
    path("assessment/periods/<str:period_id>/ranking.xlsx", assessment.period_xlsx, name="assessment-xlsx"),
    path(
        "assessment/periods/<str:period_id>/<str:action>", assessment.period_action, name="assessment-action"
    ),
    path("assessment/incidents/", assessment.incidents, name="assessment-incidents"),
    path("assessment/incidents/record", assessment.record_incident, name="assessment-record"),
    path(
        "assessment/evidence/<str:incident_id>/<int:index>", assessment.evidence, name="assessment-evidence"
    ),
    path("admin/windows/", hall.windows, name="hall-windows"),
    path("admin/windows/save", hall.save_window, name="hall-window-save"),
    path("admin/windows/<str:code>/retire", hall.retire_window, name="hall-window-retire"),
    path("benchmarks/", benchmarks.mine, name="benchmarks"),
    path("admin/rule-sets/", rulesets.rule_sets, name="rule-sets"),
    path("admin/rule-sets/<str:code>/", rulesets.rule_set, name="rule-set"),
    path("admin/rule-sets/<str:code>/edit", rulesets.edit, name="rule-set-edit"),
    path("admin/sites/", hall.sites, name="hall-sites"),
    path("admin/sites/save", hall.save_site, name="hall-site-save"),
    path("admin/sites/<str:code>/retire", hall.retire_site, name="hall-site-retire"),
    path("admin/zones/save", hall.save_zone, name="hall-zone-save"),
    path("admin/zones/<str:code>/retire", hall.retire_zone, name="hall-zone-retire"),
    path("admin/departments/", hall.departments, name="hall-departments"),
    path("admin/departments/save", hall.save_department, name="hall-department-save"),
    path("admin/departments/<str:code>/retire", hall.retire_department, name="hall-department-retire"),
    path("admin/staff/", hall.staff, name="hall-staff"),
    path("admin/staff/save", hall.save_staff, name="hall-staff-save"),
    path("admin/staff/<str:code>/retire", hall.retire_staff, name="hall-staff-retire"),
    path("admin/teams/", hall.teams, name="hall-teams"),
    path("admin/teams/save", hall.save_team, name="hall-team-save"),
    path("admin/teams/<str:code>/retire", hall.retire_team, name="hall-team-retire"),
    path("admin/items/", catalog.items, name="catalog-items"),
    path("admin/items/new", catalog.new_item, name="catalog-item-new"),
    path("admin/items/save", catalog.save_item, name="catalog-item-save"),
    path("admin/items/<str:code>/", catalog.item, name="catalog-item"),
    path("admin/items/<str:code>/take-provincial", catalog.take_provincial, name="catalog-item-take"),
    path("admin/items/<str:code>/retire", catalog.retire_item, name="catalog-item-retire"),
    path("admin/bundles/", catalog.bundles, name="catalog-bundles"),
    path("admin/bundles/save", catalog.save_bundle, name="catalog-bundle-save"),
    path("admin/bundles/<str:code>/retire", catalog.retire_bundle, name="catalog-bundle-retire"),
    path("admin/catalog-changes/", catalog.changes, name="catalog-changes"),
    path("admin/catalog-changes/report", catalog.report_change, name="catalog-change-report"),
    path("admin/catalog-changes/applied", catalog.mark_applied, name="catalog-change-applied"),
    path("admin/chains/", chains.chains, name="chains"),
    path("admin/chains/save", chains.save_chain, name="chain-save"),
    path("admin/chains/<str:code>/retire", chains.retire_chain, name="chain-retire"),
    path("admin/calendar/", workcalendar.month, name="calendar"),
    path("admin/calendar/set", workcalendar.set_override, name="calendar-set"),
    path("admin/calendar/remove", workcalendar.remove_override, name="calendar-remove"),
    path("admin/settings/", county_settings.settings, name="settings"),
    path("admin/settings/<str:section>", county_settings.save, name="settings-save"),
    path("admin/pack/", pack.pack, name="pack"),
    path("admin/pack/preview", pack.preview, name="pack-preview"),
    path("admin/pack/apply", pack.apply, name="pack-apply"),
    path("admin/pack/rollback", pack.rollback, name="pack-rollback"),
    path("queue/", queueing.windows, name="queue-windows"),
    path("queue/guide/", queueing.guide_desk, name="queue-guide"),
    path("queue/appointments/", queueing.appointments, name="queue-appointments"),
    path("queue/stats/", queueing.statistics, name="queue-stats"),
    path("queue/w/<str:window>/", queueing.desk, name="queue-desk"),
    path("queue/w/<str:window>/<str:action>", queueing.desk_action, name="queue-desk-action"),
    # 群众 and the hall's screens: no login
    path("q/kiosk/", queueing.kiosk, name="queue-kiosk"),
    path("q/t/<str:token>", queueing.ticket, name="queue-ticket"),
    path("display/", queueing.display, name="queue-display"),
    path("display/feed", queueing.display_feed, name="queue-display-feed"),
    path("book/", queueing.book, name="queue-book"),
    path("a/<str:token>", queueing.appointment, name="appointment"),
    # 群众: no login. The receipt link's signed token is the credential (no session, no CSRF).
    path("r/<str:token>", csrf_exempt(public.receipt), name="receipt"),
    path("status/", public.status, name="status"),
    path("guide/", public.guide, name="guide"),
    path("guide/<str:code>/", public.guide_item, name="guide-item"),
]
