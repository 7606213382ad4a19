from datetime import date

import factory
from django.contrib.auth import get_user_model
from django.test import Client

from orgs.models import Person, Region, RoleAssignment, Unit


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    name = "测试县"
    code = "999999"
    level = Region.Level.COUNTY


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"测试乡{n}")
    kind = Unit.Kind.TOWNSHIP


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("correct-horse-battery")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"测试人员{n}")
    position = "干部"
    unit = factory.SubFactory(UnitFactory)
    phone = factory.Sequence(lambda n: f"1390000{n:04d}")
    email = factory.Sequence(lambda n: f"person{n}@jiancha.example")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or ():
            RoleAssignment.objects.create(person=self, role=role)


def client_for(user) -> Client:
    """A test client signed in as ``user``."""
    client = Client()
    client.force_login(user)
    return client


def user_with_role(role: str | None, unit: Unit, username: str, **person_fields):
    """A login tied to a person of ``unit`` holding ``role`` (None: a person with no role)."""
    user = UserFactory(username=username)
    PersonFactory(user=user, unit=unit, roles=[role] if role else [], **person_fields)
    return user


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "responsibility.Plan"

    year = 2026
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"测试专项治理方案{n}")


class TaskFactory(factory.django.DjangoModelFactory):
    """A task of ``lead_unit``; pass ``co_units=[...]`` and ``milestones=[(date, percent), ...]`` as needed."""

    class Meta:
        model = "responsibility.Task"
        skip_postgeneration_save = True

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"测试任务{n}")
    content = "工作内容"
    owner = factory.SubFactory(PersonFactory)
    lead_unit = factory.SubFactory(UnitFactory, kind=Unit.Kind.DEPARTMENT, is_lead_unit=True)
    standard = "实施标准"
    acceptance_method = "验收办法"
    starts_on = factory.LazyFunction(lambda: date(2026, 1, 1))

    @factory.post_generation
    def co_units(self, create, extracted, **kwargs):
        from responsibility.models import TaskCoUnit

        for unit in extracted or ():
            TaskCoUnit.objects.create(task=self, unit=unit)

    @factory.post_generation
    def milestones(self, create, extracted, **kwargs):
        from responsibility.models import Milestone

        for due_on, target in extracted or ():
            Milestone.objects.create(task=self, due_on=due_on, requirement=f"达到{target}%", target_percent=target)
