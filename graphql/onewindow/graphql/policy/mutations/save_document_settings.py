from __future__ import annotations

from onewindow.graphql.policy.settings import settings_mutation
from onewindow.tenants.documents.policy import DOCUMENTS

SaveDocumentSettings = settings_mutation(
    "SaveDocumentSettings",
    DOCUMENTS,
    description="修改文书设置（盖章单位、咨询电话、地址、结果送达方式，受理时短信发送回执链接）。",
)
