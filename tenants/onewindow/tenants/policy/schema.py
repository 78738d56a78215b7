"""The policy pack document, version 1 (pydantic). YAML in, YAML out.

Every list entry has a stable ``code``: applying a pack upserts by code and retires what the
pack no longer lists, so applying the same pack twice changes nothing. Field names are the
model's; enum values are the code names of DOMAIN.md.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from onewindow.platform.catalog.models import ItemType
from onewindow.tenants.catalog.models import ExemptReason, ItemKind, MaterialFormat, MaterialSource
from onewindow.tenants.escalation.models import SubjectKind
from onewindow.tenants.hall.models import (
    Grade,
    SiteLevel,
    TeamRole,
    TeamShape,
    ValueAddedDomain,
    WindowKind,
    ZoneKind,
)
from onewindow.tenants.workcalendar.models import OverrideKind

SCHEMA_ID: Final = "onewindow.policy/v1"

Code = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def _choice(enum: Any) -> Any:
    """A ``Literal`` of a TextChoices' values: the document uses the code names."""
    return Literal[tuple(enum.values)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CountyRef(Strict):
    code: Annotated[str, StringConstraints(pattern=r"^\d{6}$")]
    name: Text
    province: str = ""


class DepartmentSpec(Strict):
    code: Code
    name: Text
    short_name: str = ""


class SiteSpec(Strict):
    code: Code
    name: Text
    level: _choice(SiteLevel)  # type: ignore[valid-type]
    parent: Code | None = None


class ZoneSpec(Strict):
    code: Code
    site: Code
    name: Text
    kind: _choice(ZoneKind)  # type: ignore[valid-type]


class WindowSpec(Strict):
    code: Code
    name: Text
    kind: _choice(WindowKind)  # type: ignore[valid-type]
    zone: Code
    value_domain: _choice(ValueAddedDomain) | None = None  # type: ignore[valid-type]
    lead_department: Code | None = None
    departments: list[Code] = []
    categories: list[Text] = []

    @model_validator(mode="after")
    def _value_domain(self) -> WindowSpec:
        if (self.kind == WindowKind.VALUE_ADDED) != (self.value_domain is not None):
            raise ValueError("value_domain is required for value_added windows and only for them")
        return self


class StaffSpec(Strict):
    code: Code
    name: Text
    roles: list[Text] = []
    grade: _choice(Grade) | None = None  # type: ignore[valid-type]
    department: Code | None = None
    posted_since: dt.date | None = None
    window: Code | None = None
    username: str = ""
    title: str = ""


class TeamMemberSpec(Strict):
    role: _choice(TeamRole)  # type: ignore[valid-type]
    name: Text
    title: str = ""
    staff: Code | None = None


class TeamSpec(Strict):
    code: Code
    name: Text
    shape: _choice(TeamShape)  # type: ignore[valid-type]
    service_domain: str = ""
    lead_department: Code | None = None
    duties: str = ""
    members: list[TeamMemberSpec] = []


class MaterialSpec(Strict):
    code: Code
    name: Text
    format: _choice(MaterialFormat) = MaterialFormat.EITHER.value  # type: ignore[valid-type]
    copies: int = Field(default=1, ge=0, le=99)
    source: _choice(MaterialSource) = MaterialSource.APPLICANT.value  # type: ignore[valid-type]
    tolerance_allowed: bool = False
    exempt: _choice(ExemptReason) | None = None  # type: ignore[valid-type]


class FaqSpec(Strict):
    q: Text
    a: Text


class GuideSpec(Strict):
    """办事指南 fields of 004 第十条 beyond the unified elements."""

    conditions: str = ""
    sample_text: str = ""
    common_errors: str = ""
    fees: str = ""
    process: str = ""
    result_name: str = ""
    result_sample: str = ""
    consultation: str = ""


class ItemSpec(Strict):
    code: Code
    provincial_code: str | None = None
    # A claim (provincial_code set) inherits the unified elements it leaves out.
    name: str = ""
    item_type: _choice(ItemType) | None = None  # type: ignore[valid-type]
    competent_department: str = ""
    implementing_body: str = ""
    legal_basis: str = ""
    department: Code
    kind: _choice(ItemKind)  # type: ignore[valid-type]
    statutory_limit_days: int | None = Field(default=None, ge=0, le=3650)
    promised_limit_days: int | None = Field(default=None, ge=0, le=3650)
    online_depth: int = Field(default=1, ge=1, le=4)
    visits_required: int = Field(default=1, ge=0, le=20)
    assistance_eligible: bool = True
    self_service: bool = False
    guide: GuideSpec = GuideSpec()
    materials: list[MaterialSpec] = []
    review_points: list[Text] = []
    faq: list[FaqSpec] = []


class BundleSpec(Strict):
    code: Code
    name: Text
    national_code: str | None = None
    lead_department: Code
    co_departments: list[Code] = []
    items: list[Code]
    promised_limit_days: int = Field(ge=0, le=3650)


class OverrideSpec(Strict):
    date: dt.date
    kind: _choice(OverrideKind)  # type: ignore[valid-type]
    reason: Text


class TriggerSpec(Strict):
    """When a level fires: ``offset`` working days or hours from the subject's deadline (negative:
    before it), or — ``unit: share`` — ``offset`` percent of the allowed time after the start."""

    relative_to: Literal["deadline", "start", "event"] = "deadline"
    offset: int = Field(default=0, ge=-60, le=100)
    unit: Literal["working_days", "hours", "share"] = "working_days"
    # relative_to: event — the level fires when this happens to the subject, e.g. the applicant
    # says they are dissatisfied with a 办不成事 result
    event: Literal["dissatisfied"] | None = None


class TargetSpec(Strict):
    kind: Literal[
        "role",
        "department_head",
        "team",
        "person",
        "centre",
        "reform_office",
        "county_government",
        "discipline_commission",
    ]
    value: str = ""  # a role code, a team code or a staff code, as the kind needs


class LevelSpec(Strict):
    name: Text
    trigger: TriggerSpec
    target: TargetSpec
    actions: list[Literal["notify", "flag", "handover", "require_response", "score"]] = ["notify"]
    channels: list[Code] = ["console"]
    response_within_days: int | None = Field(default=None, ge=1, le=60)


class ChainSpec(Strict):
    code: Code
    name: Text
    subject: _choice(SubjectKind)  # type: ignore[valid-type]
    levels: list[LevelSpec] = Field(min_length=1, max_length=10)


class ScoringRuleSpec(Strict):
    """One rule of a rule set.

    - ``deduction``: ``points`` off per occurrence (``cap``: at most this much in all);
    - ``sub_item``: ``points`` at stake; each occurrence costs ``per`` (default: all of them);
    - ``threshold``: when the measured ratio (occurrences / base) exceeds ``ratio``, ``per``
      off per occurrence, within ``points``;
    - ``bonus``: ``points`` added per occurrence (``cap`` optional);
    - ``veto``: any occurrence fails the subject for the year (一票否决).
    ``events`` name the platform events that record it automatically."""

    code: Code
    name: Text
    kind: Literal["deduction", "sub_item", "threshold", "bonus", "veto"]
    points: float = Field(default=0, ge=0, le=100)
    per: float | None = Field(default=None, ge=0, le=100)
    cap: float | None = Field(default=None, ge=0, le=100)
    ratio: float | None = Field(default=None, gt=0, lt=1)
    events: list[Code] = []


class CategorySpec(Strict):
    code: Code
    name: Text
    max: float = Field(gt=0, le=100)
    # derived: the category's score is a measured value (e.g. the staff assessment, out of
    # ``derived_from``) scaled to ``max`` (乌审旗 人员管理)
    derived_from: float | None = Field(default=None, gt=0, le=1000)
    rules: list[ScoringRuleSpec] = []


class RollupSpec(Strict):
    """How period scores make the annual one: ``mean`` of the periods assessed, or ``weighted``:
    ``weight`` × the mean of the periods (通许's 25%, read as in the preset)."""

    kind: Literal["mean", "weighted"] = "mean"
    weight: float = Field(default=1, gt=0, le=1)


class AwardSpec(Strict):
    """An award from the ranking over a longer span (通许 季表彰: 优质窗口): the ``top`` subjects by
    mean score of the final periods in that month / quarter / year, vetoed ones excluded."""

    code: Code
    name: Text
    over: Literal["month", "quarter", "year"]
    top: int = Field(ge=1, le=100)


class RuleSetSpec(Strict):
    code: Code
    name: Text
    subject: Literal["department", "window", "staff"]
    period: Literal["week", "month", "quarter", "year"]
    base: float = Field(default=100, gt=0)
    bonus: Literal["on_top", "capped"] = "on_top"  # bonuses above the base, or never past it
    categories: list[CategorySpec] = Field(min_length=1)
    bonuses: list[ScoringRuleSpec] = []
    vetoes: list[ScoringRuleSpec] = []
    rollup: RollupSpec = RollupSpec()
    awards: list[AwardSpec] = []
    draft: bool = False
    note: str = ""


class TierSpec(Strict):
    tier: Literal["general", "hard", "very_hard"]
    owner: Text  # who runs this tier: 中心, 改革办, 县政府 …
    days: int = Field(ge=1, le=90)  # working days to resolve


DEFAULT_TIERS = (
    # DOMAIN §8: common local limits are 5 working days, complex 10; 002 四(二) names the owners
    TierSpec(tier="general", owner="政务服务中心", days=5),
    TierSpec(tier="hard", owner="改革办", days=10),
    TierSpec(tier="very_hard", owner="县政府", days=30),
)


class FallbackSettingsSpec(Strict):
    """办不成事: tiers with their owners and limits; whether a matter that made an applicant come
    again and again is referred to the discipline commission (通许 004 第十六条 N(4))."""

    tiers: list[TierSpec] = list(DEFAULT_TIERS)
    discipline_referral: bool = False


class ReviewSettingsSpec(Strict):
    """好差评 settings: a default rating for unrated cases after N working days (off: null)."""

    default_rating_after_days: int | None = Field(default=None, ge=1, le=60)
    default_level: int = Field(default=4, ge=1, le=5)
    callback_days: int = Field(default=1, ge=1, le=10)  # 差评: callback and verification
    rectification_days: int = Field(default=15, ge=1, le=60)  # 差评: rectification reported


class PolicyPack(Strict):
    schema_: Literal["onewindow.policy/v1"] = Field(default=SCHEMA_ID, alias="schema")
    county: CountyRef
    departments: list[DepartmentSpec] = []
    sites: list[SiteSpec] = []
    zones: list[ZoneSpec] = []
    windows: list[WindowSpec] = []
    staff: list[StaffSpec] = []
    teams: list[TeamSpec] = []
    items: list[ItemSpec] = []
    bundles: list[BundleSpec] = []
    calendar_overrides: list[OverrideSpec] = []
    chains: list[ChainSpec] = []
    rule_sets: list[RuleSetSpec] = []
    reviews: ReviewSettingsSpec = ReviewSettingsSpec()
    fallback: FallbackSettingsSpec = FallbackSettingsSpec()

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


# The sections in apply order (a section may refer only to sections before it).
SECTIONS = (
    "departments",
    "sites",
    "zones",
    "windows",
    "staff",
    "teams",
    "items",
    "bundles",
    "calendar_overrides",
    "chains",
    "rule_sets",
)
