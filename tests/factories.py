"""factory-boy factories for the public-schema models tests build most."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory

from onewindow.platform.accounts.models import Membership, User
from onewindow.platform.accounts.roles import Role


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.Faker("name", locale="zh_CN")
    password = factory.django.Password("pw-123456")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    county = None
    roles = factory.LazyFunction(lambda: [Role.COUNTY_ADMIN])


def member_of(county: object | None, *roles: str, username: str | None = None) -> User:
    """A user with ``roles`` in ``county`` (None: the platform)."""
    kwargs = {"username": username} if username else {}
    user = UserFactory(**kwargs)
    Membership.objects.update_or_create(
        user=user, county=county, defaults={"roles": list(roles) or [Role.COUNTY_ADMIN]}
    )
    return user


def bulk_cases(count: int, *, item: str = "QY-SL", window: str = "ZC01") -> list[Any]:
    """``count`` top-level cases in the active county, built in bulk for query-count tests.

    Each has two materials, a correction notice, a pause, an extension request, two timeline
    events and one sub-case (with a material and a timeline event of its own), so every list
    field on ``Case`` has rows to load at any page size.
    """
    from onewindow.platform.core import clock
    from onewindow.tenants.audit.models import AuditEvent
    from onewindow.tenants.cases import models
    from onewindow.tenants.catalog.models import ServiceItem
    from onewindow.tenants.hall.models import Window

    now = clock.now()
    service_item = ServiceItem.objects.get(code=item)
    desk = Window.objects.get(code=window)
    start = models.Case.objects.count()
    applicants = models.Applicant.objects.bulk_create(
        models.Applicant(
            kind="person",
            name=f"申请人{i}",
            id_number=f"Q{start + i:017d}",
            phone="13800138000",
            created_at=now,
        )
        for i in range(count)
    )

    def case(i: int, applicant: Any, parent: Any = None) -> Any:
        return models.Case(
            number=f"Q{start + i:06d}{'-1' if parent else ''}",
            applicant=applicant,
            item=service_item,
            department_id=service_item.department_id,
            channel="window",
            window=desk,
            parent=parent,
            received_at=now - dt.timedelta(minutes=start + i),
        )

    parents = models.Case.objects.bulk_create(case(i, a) for i, a in enumerate(applicants))
    children = models.Case.objects.bulk_create(case(i, p.applicant, p) for i, p in enumerate(parents))
    models.CaseMaterial.objects.bulk_create(
        models.CaseMaterial(case=c, code=code, name=code, state="provided")
        for c in parents + children
        for code in (("sqs", "zc") if c.parent_id is None else ("sqs",))
    )
    models.CorrectionNotice.objects.bulk_create(
        models.CorrectionNotice(case=c, number=f"N{c.number}", entries=[], issued_at=now, issued_by="tests")
        for c in parents
    )
    models.CasePause.objects.bulk_create(
        models.CasePause(case=c, kind="testing", started_on=now.date()) for c in parents
    )
    models.Extension.objects.bulk_create(
        models.Extension(case=c, days=5, reason="检验", requested_at=now) for c in parents
    )
    AuditEvent.objects.bulk_create(
        AuditEvent(occurred_at=now, action=action, subject_type="Case", subject_id=str(c.pk))
        for c in parents + children
        for action in (("case.received", "case.paused") if c.parent_id is None else ("case.received",))
    )
    return parents


def bulk(model: Any, count: int, **fields: Any) -> list[Any]:
    """``count`` rows of ``model`` in one INSERT, for query-count tests. A field given as a
    function is called with the row's index (0…count-1); any other value is used as is."""
    return list(
        model.objects.bulk_create(
            model(**{name: value(i) if callable(value) else value for name, value in fields.items()})
            for i in range(count)
        )
    )


def clones(row: Any, count: int, *, start: int = 0, m2m: tuple[str, ...] = ()) -> list[Any]:
    """``count`` copies of a configuration entry (codes ``<code>-C<n>``), with its many-to-many
    rows, in bulk: for query-count tests of the plain configuration lists."""
    model = type(row)
    copied = {f.attname: getattr(row, f.attname) for f in model._meta.concrete_fields if not f.primary_key}
    rows = bulk(model, count, **{**copied, "code": lambda i: f"{row.code}-C{start + i}"})
    for name in m2m:
        through = getattr(model, name).through
        source, target = (
            f"{model._meta.model_name}_id",
            f"{getattr(model, name).field.related_model._meta.model_name}_id",
        )
        targets = list(getattr(row, name).values_list("pk", flat=True))
        through.objects.bulk_create(through(**{source: r.pk, target: t}) for r in rows for t in targets)
    return rows
