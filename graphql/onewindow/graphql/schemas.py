"""The two schemas on one code base (ARCHITECTURE §6).

- ``county_schema`` at ``/c/<code>/graphql`` (or ``/graphql`` on a county host);
- ``platform_schema`` at ``/graphql`` on the platform host, for provincial operators.
The SDL of each is committed (``graphql/schema.graphql``, ``graphql/platform.graphql``).
"""

from __future__ import annotations

import graphene

from onewindow.graphql.accounts.mutations.create_api_token import CreateApiToken
from onewindow.graphql.accounts.mutations.revoke_api_token import RevokeApiToken
from onewindow.graphql.accounts.queries import AccountQueries
from onewindow.graphql.calendar.mutations.load_national_calendar_year import LoadNationalCalendarYear
from onewindow.graphql.calendar.mutations.remove_calendar_override import RemoveCalendarOverride
from onewindow.graphql.calendar.mutations.set_calendar_override import SetCalendarOverride
from onewindow.graphql.calendar.queries import CalendarQueries
from onewindow.graphql.catalog.queries import CatalogQueries
from onewindow.graphql.counties.mutations.onboard_county import OnboardCounty
from onewindow.graphql.counties.mutations.set_county_status import SetCountyStatus
from onewindow.graphql.counties.queries import CountyQueries, PlatformCountyQueries
from onewindow.graphql.hall.queries import HallQueries
from onewindow.graphql.policy.mutations.apply_county_policy_pack import ApplyCountyPolicyPack
from onewindow.graphql.policy.mutations.apply_policy_pack import ApplyPolicyPack
from onewindow.graphql.policy.platform_queries import PlatformPolicyQueries
from onewindow.graphql.policy.queries import PolicyQueries


class CountyQuery(
    CountyQueries,
    AccountQueries,
    HallQueries,
    CatalogQueries,
    CalendarQueries,
    PolicyQueries,
    graphene.ObjectType,
):
    pass


class CountyMutation(graphene.ObjectType):
    create_api_token = CreateApiToken.Field()
    revoke_api_token = RevokeApiToken.Field()
    set_calendar_override = SetCalendarOverride.Field()
    remove_calendar_override = RemoveCalendarOverride.Field()
    apply_policy_pack = ApplyPolicyPack.Field()


class PlatformQuery(PlatformCountyQueries, PlatformPolicyQueries, AccountQueries, graphene.ObjectType):
    pass


class PlatformMutation(graphene.ObjectType):
    onboard_county = OnboardCounty.Field()
    set_county_status = SetCountyStatus.Field()
    load_national_calendar_year = LoadNationalCalendarYear.Field()
    apply_county_policy_pack = ApplyCountyPolicyPack.Field()
    create_api_token = CreateApiToken.Field()
    revoke_api_token = RevokeApiToken.Field()


county_schema = graphene.Schema(query=CountyQuery, mutation=CountyMutation)
platform_schema = graphene.Schema(query=PlatformQuery, mutation=PlatformMutation)
