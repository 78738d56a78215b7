"""County URLs: reached at ``/c/<code>/…`` on the platform host, or on the county's own host."""

from __future__ import annotations

from django.urls import include, path

from onewindow.graphql.core.views import OneWindowGraphQLView
from onewindow.graphql.schemas import county_schema
from onewindow.platform.project.urls_common import common_patterns
from onewindow.tenants.assistance import views as assistance
from onewindow.tenants.cases import views as cases
from onewindow.tenants.fallback.views import assignment_sheet
from onewindow.tenants.hotline.views import inbound as hotline_inbound
from onewindow.tenants.outbox.views import delivery_receipt, reply
from onewindow.tenants.scoring.views import assessment_table

urlpatterns = [
    *common_patterns,
    path("graphql", OneWindowGraphQLView.as_view(schema=county_schema), name="graphql"),
    path("notices/<str:number>.pdf", cases.correction_notice, name="correction-notice-pdf"),
    path("cases/<str:number>/receipt.pdf", cases.acceptance_receipt, name="case-receipt-pdf"),
    path("cases/<str:number>/refusal.pdf", cases.refusal_notice, name="case-refusal-pdf"),
    path("assignments/<str:number>.pdf", assignment_sheet, name="assignment-pdf"),
    path("api/12345/orders", hotline_inbound, name="hotline-inbound"),  # docs/hotline-api.md
    path("assistance/<str:number>/mandate.pdf", assistance.mandate, name="assistance-mandate-pdf"),
    path("assistance/<str:number>/receipt.pdf", assistance.receipt, name="assistance-receipt-pdf"),
    path("hooks/notifications/<str:gateway>", delivery_receipt, name="notification-receipt"),
    path("hooks/notifications/<str:gateway>/replies", reply, name="notification-reply"),
    path("assessments/<int:period_id>.xlsx", assessment_table, name="assessment-xlsx"),
    path("people/", include("onewindow.bff.people.urls")),  # its own namespace: the platform has it too
    path("", include("onewindow.bff.urls")),
]
