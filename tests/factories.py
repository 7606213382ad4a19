import factory
from django.contrib.auth import get_user_model

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


def user_with_role(role: str | None, unit: Unit, username: str, **person_fields):
    """A login tied to a person of ``unit`` holding ``role`` (None: a person with no role)."""
    user = UserFactory(username=username)
    PersonFactory(user=user, unit=unit, roles=[role] if role else [], **person_fields)
    return user
