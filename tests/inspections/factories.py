"""Teams, plans and findings; evidence is made through the finding form, as an inspector does."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import factory

from inspections.models import Finding, Plan, Team
from tests.factories import PersonFactory, UnitFactory, UserFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"第{n + 1}督查小组")
    leader = factory.SubFactory(PersonFactory)


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    title = factory.Sequence(lambda n: f"节日期间作风纪律明察暗访{n}")
    themes = "公车私用、违规吃喝"
    team = factory.SubFactory(TeamFactory)
    starts_on = date(2026, 1, 1)
    ends_on = date(2026, 12, 31)
    status = Plan.Status.ACTIVE
    created_by = factory.SubFactory(UserFactory)


class FindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Finding

    plan = factory.SubFactory(PlanFactory)
    unit = factory.SubFactory(UnitFactory)
    category = Finding.Category.GAMES
    occurred_at = factory.LazyFunction(lambda: datetime(2026, 3, 2, 9, 30, tzinfo=SHANGHAI))
    place = "便民服务中心"
    description = "工作人员上班时间玩手机游戏"
    recorded_by = factory.SubFactory(UserFactory)
