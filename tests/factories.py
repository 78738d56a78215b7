"""factory-boy factories for the public-schema models tests build most."""

from __future__ import annotations

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
