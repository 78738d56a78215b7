"""The two schemas on one code base (ARCHITECTURE §6).

- ``county_schema`` at ``/c/<code>/graphql`` (or ``/graphql`` on a county host);
- ``platform_schema`` at ``/graphql`` on the platform host, for provincial operators.
The SDL of each is committed (``graphql/schema.graphql``, ``graphql/platform.graphql``).
"""

from __future__ import annotations

import graphene

from onewindow.graphql.accounts.mutations.change_my_password import ChangeMyPassword
from onewindow.graphql.accounts.mutations.create_account import CreateAccount
from onewindow.graphql.accounts.mutations.create_api_token import CreateApiToken
from onewindow.graphql.accounts.mutations.remove_member import RemoveMember
from onewindow.graphql.accounts.mutations.reset_member_password import ResetMemberPassword
from onewindow.graphql.accounts.mutations.revoke_api_token import RevokeApiToken
from onewindow.graphql.accounts.mutations.set_member_roles import SetMemberRoles
from onewindow.graphql.accounts.people_queries import PeopleQueries
from onewindow.graphql.accounts.queries import AccountQueries
from onewindow.graphql.assistance.mutations.acknowledge_assistance_handover import (
    AcknowledgeAssistanceHandover,
)
from onewindow.graphql.assistance.mutations.answer_assistance_complaint import AnswerAssistanceComplaint
from onewindow.graphql.assistance.mutations.confirm_assistance_delivery import ConfirmAssistanceDelivery
from onewindow.graphql.assistance.mutations.evaluate_assistance_request import EvaluateAssistanceRequest
from onewindow.graphql.assistance.mutations.file_assistance_complaint import FileAssistanceComplaint
from onewindow.graphql.assistance.mutations.hand_over_assistance_request import HandOverAssistanceRequest
from onewindow.graphql.assistance.mutations.record_site_inspection import RecordSiteInspection
from onewindow.graphql.assistance.mutations.return_assistance_result import ReturnAssistanceResult
from onewindow.graphql.assistance.mutations.take_assistance_request import TakeAssistanceRequest
from onewindow.graphql.assistance.queries import AssistanceQueries
from onewindow.graphql.benchmarks.mutations.publish_benchmark import PublishBenchmark
from onewindow.graphql.benchmarks.mutations.run_benchmark_rollup import RunBenchmarkRollup
from onewindow.graphql.benchmarks.queries import CountyBenchmarkQueries, PlatformBenchmarkQueries
from onewindow.graphql.calendar.mutations.load_national_calendar_year import LoadNationalCalendarYear
from onewindow.graphql.calendar.mutations.remove_calendar_override import RemoveCalendarOverride
from onewindow.graphql.calendar.mutations.set_calendar_override import SetCalendarOverride
from onewindow.graphql.calendar.platform_queries import PlatformCalendarQueries
from onewindow.graphql.calendar.queries import CalendarQueries
from onewindow.graphql.cases.mutations.accept_case import AcceptCase
from onewindow.graphql.cases.mutations.break_commitment import BreakCommitment
from onewindow.graphql.cases.mutations.confirm_delivery import ConfirmDelivery
from onewindow.graphql.cases.mutations.decide_case import DecideCase
from onewindow.graphql.cases.mutations.decide_extension import DecideExtension
from onewindow.graphql.cases.mutations.fulfil_commitment import FulfilCommitment
from onewindow.graphql.cases.mutations.hand_over_result import HandOverResult
from onewindow.graphql.cases.mutations.issue_correction_notice import IssueCorrectionNotice
from onewindow.graphql.cases.mutations.issue_result import IssueResult
from onewindow.graphql.cases.mutations.pause_clock import PauseClock
from onewindow.graphql.cases.mutations.receive_case import ReceiveCase
from onewindow.graphql.cases.mutations.receive_result import ReceiveResult
from onewindow.graphql.cases.mutations.refuse_case import RefuseCase
from onewindow.graphql.cases.mutations.request_extension import RequestExtension
from onewindow.graphql.cases.mutations.resubmit_materials import ResubmitMaterials
from onewindow.graphql.cases.mutations.resume_clock import ResumeClock
from onewindow.graphql.cases.mutations.save_case_settings import SaveCaseSettings
from onewindow.graphql.cases.mutations.submit_visit_review import SubmitVisitReview
from onewindow.graphql.cases.public import PublicQueries, SubmitReview
from onewindow.graphql.cases.queries import CaseQueries
from onewindow.graphql.catalog.mutations.load_national_bundles import LoadNationalBundles
from onewindow.graphql.catalog.mutations.load_provincial_catalog import LoadProvincialCatalog
from onewindow.graphql.catalog.mutations.retire_bundle import RetireBundle
from onewindow.graphql.catalog.mutations.retire_service_item import RetireServiceItem
from onewindow.graphql.catalog.mutations.save_bundle import SaveBundle
from onewindow.graphql.catalog.mutations.save_service_item import SaveServiceItem
from onewindow.graphql.catalog.platform_queries import PlatformCatalogQueries
from onewindow.graphql.catalog.public import PublicCatalogQueries
from onewindow.graphql.catalog.queries import CatalogQueries
from onewindow.graphql.catalogchanges.mutations.mark_catalog_change_applied import MarkCatalogChangeApplied
from onewindow.graphql.catalogchanges.mutations.report_catalog_change import ReportCatalogChange
from onewindow.graphql.catalogchanges.queries import CatalogChangeQueries
from onewindow.graphql.consultations.mutations.answer_consultation import AnswerConsultation
from onewindow.graphql.consultations.mutations.hand_on_consultation import HandOnConsultation
from onewindow.graphql.consultations.mutations.record_consultation import RecordConsultation
from onewindow.graphql.consultations.queries import ConsultationQueries
from onewindow.graphql.counties.mutations.issue_county_admin_password import IssueCountyAdminPassword
from onewindow.graphql.counties.mutations.onboard_county import OnboardCounty
from onewindow.graphql.counties.mutations.set_county_status import SetCountyStatus
from onewindow.graphql.counties.queries import CountyQueries, PlatformCountyQueries
from onewindow.graphql.dashboard.queries import DashboardQueries
from onewindow.graphql.escalation.mutations.retire_chain import RetireChain
from onewindow.graphql.escalation.mutations.save_chain import SaveChain
from onewindow.graphql.escalation.queries import EscalationQueries
from onewindow.graphql.fallback.mutations.assign_fallback import AssignFallback
from onewindow.graphql.fallback.mutations.classify_fallback import ClassifyFallback
from onewindow.graphql.fallback.mutations.close_fallback import CloseFallback
from onewindow.graphql.fallback.mutations.publish_fallback_case import PublishFallbackCase
from onewindow.graphql.fallback.mutations.record_applicant_opinion import RecordApplicantOpinion
from onewindow.graphql.fallback.mutations.register_fallback import RegisterFallback
from onewindow.graphql.fallback.mutations.register_fallback_from_hotline import RegisterFallbackFromHotline
from onewindow.graphql.fallback.mutations.report_assignment import ReportAssignment
from onewindow.graphql.fallback.mutations.report_repeat_visits import ReportRepeatVisits
from onewindow.graphql.fallback.mutations.resolve_fallback import ResolveFallback
from onewindow.graphql.fallback.mutations.substantiate_complaint import SubstantiateComplaint
from onewindow.graphql.fallback.queries import FallbackQueries
from onewindow.graphql.hall.mutations.retire_department import RetireDepartment
from onewindow.graphql.hall.mutations.retire_service_team import RetireServiceTeam
from onewindow.graphql.hall.mutations.retire_site import RetireSite
from onewindow.graphql.hall.mutations.retire_staff_member import RetireStaffMember
from onewindow.graphql.hall.mutations.retire_window import RetireWindow
from onewindow.graphql.hall.mutations.retire_zone import RetireZone
from onewindow.graphql.hall.mutations.save_department import SaveDepartment
from onewindow.graphql.hall.mutations.save_service_team import SaveServiceTeam
from onewindow.graphql.hall.mutations.save_site import SaveSite
from onewindow.graphql.hall.mutations.save_staff_member import SaveStaffMember
from onewindow.graphql.hall.mutations.save_window import SaveWindow
from onewindow.graphql.hall.mutations.save_zone import SaveZone
from onewindow.graphql.hall.queries import HallQueries
from onewindow.graphql.hotline.mutations.dispatch_hotline_order import DispatchHotlineOrder
from onewindow.graphql.hotline.mutations.record_hotline_handling import RecordHotlineHandling
from onewindow.graphql.hotline.mutations.record_hotline_visit import RecordHotlineVisit
from onewindow.graphql.hotline.mutations.reply_hotline_order import ReplyHotlineOrder
from onewindow.graphql.hotline.mutations.return_hotline_order import ReturnHotlineOrder
from onewindow.graphql.hotline.mutations.sign_hotline_order import SignHotlineOrder
from onewindow.graphql.hotline.queries import HotlineQueries
from onewindow.graphql.notifications.mutations.mark_notifications_read import MarkNotificationsRead
from onewindow.graphql.notifications.mutations.retry_notification import RetryNotification
from onewindow.graphql.notifications.mutations.send_test_notification import SendTestNotification
from onewindow.graphql.notifications.queries import NotificationQueries
from onewindow.graphql.policy.mutations.apply_county_policy_pack import ApplyCountyPolicyPack
from onewindow.graphql.policy.mutations.apply_policy_pack import ApplyPolicyPack
from onewindow.graphql.policy.mutations.save_catalog_change_settings import SaveCatalogChangeSettings
from onewindow.graphql.policy.mutations.save_document_settings import SaveDocumentSettings
from onewindow.graphql.policy.mutations.save_fallback_settings import SaveFallbackSettings
from onewindow.graphql.policy.mutations.save_hall_settings import SaveHallSettings
from onewindow.graphql.policy.mutations.save_review_settings import SaveReviewSettings
from onewindow.graphql.policy.platform_queries import PlatformPolicyQueries
from onewindow.graphql.policy.queries import PolicyQueries
from onewindow.graphql.policy.settings_queries import SettingsQueries
from onewindow.graphql.queueing.mutations.book_appointment import BookAppointment
from onewindow.graphql.queueing.mutations.call_next_ticket import CallNextTicket
from onewindow.graphql.queueing.mutations.cancel_appointment import CancelAppointment
from onewindow.graphql.queueing.mutations.check_in_appointment import CheckInAppointment
from onewindow.graphql.queueing.mutations.finish_consultation import FinishConsultation
from onewindow.graphql.queueing.mutations.park_ticket import ParkTicket
from onewindow.graphql.queueing.mutations.pause_window import PauseWindow
from onewindow.graphql.queueing.mutations.recall_ticket import RecallTicket
from onewindow.graphql.queueing.mutations.reschedule_appointment import RescheduleAppointment
from onewindow.graphql.queueing.mutations.resume_window import ResumeWindow
from onewindow.graphql.queueing.mutations.return_ticket import ReturnTicket
from onewindow.graphql.queueing.mutations.start_serving_ticket import StartServingTicket
from onewindow.graphql.queueing.mutations.take_ticket import TakeTicket
from onewindow.graphql.queueing.mutations.transfer_ticket import TransferTicket
from onewindow.graphql.queueing.queries import QueueingQueries
from onewindow.graphql.queueing.statistics import QueueStatisticsQueries
from onewindow.graphql.scoring.mutations.close_period import ClosePeriod
from onewindow.graphql.scoring.mutations.decide_objection import DecideObjection
from onewindow.graphql.scoring.mutations.file_objection import FileObjection
from onewindow.graphql.scoring.mutations.finalize_period import FinalizePeriod
from onewindow.graphql.scoring.mutations.open_period import OpenPeriod
from onewindow.graphql.scoring.mutations.record_incident import RecordIncident
from onewindow.graphql.scoring.mutations.retire_rule_set import RetireRuleSet
from onewindow.graphql.scoring.mutations.save_rule_set import SaveRuleSet
from onewindow.graphql.scoring.queries import ScoringQueries, ScoringSummaryQueries
from onewindow.graphql.scoring.rule_set_queries import RuleSetQueries
from onewindow.graphql.workorders.mutations.classify_work_order import ClassifyWorkOrder
from onewindow.graphql.workorders.mutations.record_callback import RecordCallback
from onewindow.graphql.workorders.mutations.report_rectification import ReportRectification
from onewindow.graphql.workorders.mutations.submit_follow_up_rating import SubmitFollowUpRating
from onewindow.graphql.workorders.queries import WorkOrderQueries


class CountyQuery(
    CaseQueries,
    DashboardQueries,
    ScoringQueries,
    RuleSetQueries,
    SettingsQueries,
    CountyBenchmarkQueries,
    ScoringSummaryQueries,
    FallbackQueries,
    EscalationQueries,
    WorkOrderQueries,
    HotlineQueries,
    ConsultationQueries,
    NotificationQueries,
    PublicQueries,
    CountyQueries,
    AccountQueries,
    PeopleQueries,
    PublicCatalogQueries,
    HallQueries,
    CatalogChangeQueries,
    CatalogQueries,
    CalendarQueries,
    PolicyQueries,
    QueueingQueries,
    QueueStatisticsQueries,
    AssistanceQueries,
    graphene.ObjectType,
):
    pass


class CountyMutation(graphene.ObjectType):
    change_my_password = ChangeMyPassword.Field()
    create_account = CreateAccount.Field()
    set_member_roles = SetMemberRoles.Field()
    reset_member_password = ResetMemberPassword.Field()
    remove_member = RemoveMember.Field()
    create_api_token = CreateApiToken.Field()
    revoke_api_token = RevokeApiToken.Field()
    set_calendar_override = SetCalendarOverride.Field()
    remove_calendar_override = RemoveCalendarOverride.Field()
    apply_policy_pack = ApplyPolicyPack.Field()
    receive_case = ReceiveCase.Field()
    issue_correction_notice = IssueCorrectionNotice.Field()
    resubmit_materials = ResubmitMaterials.Field()
    refuse_case = RefuseCase.Field()
    accept_case = AcceptCase.Field()
    pause_clock = PauseClock.Field()
    resume_clock = ResumeClock.Field()
    request_extension = RequestExtension.Field()
    decide_extension = DecideExtension.Field()
    decide_case = DecideCase.Field()
    hand_over_result = HandOverResult.Field()
    receive_result = ReceiveResult.Field()
    fulfil_commitment = FulfilCommitment.Field()
    break_commitment = BreakCommitment.Field()
    save_case_settings = SaveCaseSettings.Field()
    issue_result = IssueResult.Field()
    confirm_delivery = ConfirmDelivery.Field()
    submit_review = SubmitReview.Field()
    submit_visit_review = SubmitVisitReview.Field()
    record_callback = RecordCallback.Field()
    file_assistance_complaint = FileAssistanceComplaint.Field()
    answer_assistance_complaint = AnswerAssistanceComplaint.Field()
    take_assistance_request = TakeAssistanceRequest.Field()
    hand_over_assistance_request = HandOverAssistanceRequest.Field()
    acknowledge_assistance_handover = AcknowledgeAssistanceHandover.Field()
    return_assistance_result = ReturnAssistanceResult.Field()
    confirm_assistance_delivery = ConfirmAssistanceDelivery.Field()
    evaluate_assistance_request = EvaluateAssistanceRequest.Field()
    record_site_inspection = RecordSiteInspection.Field()
    save_chain = SaveChain.Field()
    record_incident = RecordIncident.Field()
    open_period = OpenPeriod.Field()
    close_period = ClosePeriod.Field()
    file_objection = FileObjection.Field()
    decide_objection = DecideObjection.Field()
    finalize_period = FinalizePeriod.Field()
    register_fallback = RegisterFallback.Field()
    register_fallback_from_hotline = RegisterFallbackFromHotline.Field()
    classify_fallback = ClassifyFallback.Field()
    assign_fallback = AssignFallback.Field()
    report_assignment = ReportAssignment.Field()
    resolve_fallback = ResolveFallback.Field()
    record_applicant_opinion = RecordApplicantOpinion.Field()
    close_fallback = CloseFallback.Field()
    publish_fallback_case = PublishFallbackCase.Field()
    substantiate_complaint = SubstantiateComplaint.Field()
    dispatch_hotline_order = DispatchHotlineOrder.Field()
    sign_hotline_order = SignHotlineOrder.Field()
    return_hotline_order = ReturnHotlineOrder.Field()
    record_hotline_handling = RecordHotlineHandling.Field()
    reply_hotline_order = ReplyHotlineOrder.Field()
    record_hotline_visit = RecordHotlineVisit.Field()
    record_consultation = RecordConsultation.Field()
    hand_on_consultation = HandOnConsultation.Field()
    answer_consultation = AnswerConsultation.Field()
    report_repeat_visits = ReportRepeatVisits.Field()
    retire_chain = RetireChain.Field()
    classify_work_order = ClassifyWorkOrder.Field()
    mark_notifications_read = MarkNotificationsRead.Field()
    retry_notification = RetryNotification.Field()
    send_test_notification = SendTestNotification.Field()
    report_rectification = ReportRectification.Field()
    submit_follow_up_rating = SubmitFollowUpRating.Field()
    report_catalog_change = ReportCatalogChange.Field()
    mark_catalog_change_applied = MarkCatalogChangeApplied.Field()
    save_department = SaveDepartment.Field()
    retire_department = RetireDepartment.Field()
    save_site = SaveSite.Field()
    retire_site = RetireSite.Field()
    save_zone = SaveZone.Field()
    retire_zone = RetireZone.Field()
    save_window = SaveWindow.Field()
    retire_window = RetireWindow.Field()
    save_staff_member = SaveStaffMember.Field()
    retire_staff_member = RetireStaffMember.Field()
    save_service_team = SaveServiceTeam.Field()
    retire_service_team = RetireServiceTeam.Field()
    save_service_item = SaveServiceItem.Field()
    retire_service_item = RetireServiceItem.Field()
    save_bundle = SaveBundle.Field()
    retire_bundle = RetireBundle.Field()
    save_rule_set = SaveRuleSet.Field()
    retire_rule_set = RetireRuleSet.Field()
    save_review_settings = SaveReviewSettings.Field()
    save_fallback_settings = SaveFallbackSettings.Field()
    save_document_settings = SaveDocumentSettings.Field()
    save_catalog_change_settings = SaveCatalogChangeSettings.Field()
    save_hall_settings = SaveHallSettings.Field()
    take_ticket = TakeTicket.Field()
    call_next_ticket = CallNextTicket.Field()
    recall_ticket = RecallTicket.Field()
    park_ticket = ParkTicket.Field()
    return_ticket = ReturnTicket.Field()
    transfer_ticket = TransferTicket.Field()
    start_serving_ticket = StartServingTicket.Field()
    finish_consultation = FinishConsultation.Field()
    pause_window = PauseWindow.Field()
    resume_window = ResumeWindow.Field()
    book_appointment = BookAppointment.Field()
    cancel_appointment = CancelAppointment.Field()
    reschedule_appointment = RescheduleAppointment.Field()
    check_in_appointment = CheckInAppointment.Field()


class PlatformQuery(
    PlatformCountyQueries,
    PlatformPolicyQueries,
    PlatformCalendarQueries,
    PlatformCatalogQueries,
    PlatformBenchmarkQueries,
    AccountQueries,
    PeopleQueries,
    graphene.ObjectType,
):
    pass


class PlatformMutation(graphene.ObjectType):
    change_my_password = ChangeMyPassword.Field()
    create_account = CreateAccount.Field()
    set_member_roles = SetMemberRoles.Field()
    reset_member_password = ResetMemberPassword.Field()
    remove_member = RemoveMember.Field()
    onboard_county = OnboardCounty.Field()
    set_county_status = SetCountyStatus.Field()
    issue_county_admin_password = IssueCountyAdminPassword.Field()
    load_provincial_catalog = LoadProvincialCatalog.Field()
    load_national_bundles = LoadNationalBundles.Field()
    run_benchmark_rollup = RunBenchmarkRollup.Field()
    publish_benchmark = PublishBenchmark.Field()
    load_national_calendar_year = LoadNationalCalendarYear.Field()
    apply_county_policy_pack = ApplyCountyPolicyPack.Field()
    create_api_token = CreateApiToken.Field()
    revoke_api_token = RevokeApiToken.Field()


county_schema = graphene.Schema(query=CountyQuery, mutation=CountyMutation)
platform_schema = graphene.Schema(query=PlatformQuery, mutation=PlatformMutation)
