"""The demo county of DOMAIN.md: units, people, roles and one login per role. Safe to run again."""

from dataclasses import dataclass
from itertools import count

from django.contrib.auth import get_user_model
from django.db import transaction

from orgs import demo_names as names
from orgs.models import Person, Region, Role, RoleAssignment, Unit

DEMO_PASSWORD = "jiancha2026"
COUNTY_CODE = "510823"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    description: str


DEMO_LOGINS = (
    DemoLogin("admin", Role.COMMISSION_ADMIN, "纪委系统管理员（可进入系统管理）"),
    DemoLogin("leader", Role.COMMISSION_LEADER, "县纪委书记"),
    DemoLogin("staff", Role.COMMISSION_STAFF, "信访室工作人员"),
    DemoLogin("county", Role.COUNTY_LEADER, "县委常委（任务责任领导）"),
    DemoLogin("officer", Role.UNIT_OFFICER, "普安镇联络员"),
    DemoLogin("officer2", Role.UNIT_OFFICER, "下寺镇联络员"),
    DemoLogin("dept", Role.UNIT_OFFICER, "县财政局联络员（责任清单牵头部门）"),
    DemoLogin("dept2", Role.UNIT_OFFICER, "县委统战部联络员（责任清单协办单位）"),
    DemoLogin("jiwei", Role.UNIT_OFFICER, "普安镇纪委书记（承办转办线索）"),
    DemoLogin("inspector", Role.INSPECTOR, "特邀监察员，第1督查小组成员"),
    DemoLogin("reviewer", Role.REVIEWER, "县人大代表（整改评议）"),
)


class _Seeder:
    def __init__(self, region: Region):
        self.region = region
        self.index = count()  # fixed creation order gives every person the same invented name each run

    def unit(self, name: str, kind: str, parent: Unit | None = None, order: int = 0, **flags) -> Unit:
        unit, _ = Unit.objects.get_or_create(
            region=self.region, name=name, defaults={"kind": kind, "parent": parent, "sort_order": order, **flags}
        )
        return unit

    def person(self, unit: Unit, position: str, *roles: str, username: str = "", invited: bool = False) -> Person:
        i = next(self.index)
        person, _ = Person.objects.get_or_create(
            unit=unit,
            name=names.person_name(i),
            defaults={
                "position": position,
                "phone": names.demo_phone(i),
                "email": f"p{i:04d}@jiancha.example",
                "is_invited_supervisor": invited,
            },
        )
        for role in roles:
            RoleAssignment.objects.get_or_create(person=person, role=role)
        if username:
            _attach_login(person, username, is_admin=Role.COMMISSION_ADMIN in roles)
        return person


def _attach_login(person: Person, username: str, is_admin: bool) -> None:
    user, created = get_user_model().objects.get_or_create(username=username, defaults={"first_name": person.name})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.is_staff = user.is_superuser = is_admin
        user.email = person.email
        user.save()
    if person.user_id != user.pk:
        person.user = user
        person.save(update_fields=["user"])


def _region() -> Region:
    province, _ = Region.objects.get_or_create(code="510000", defaults={"name": "四川省", "level": "province"})
    city, _ = Region.objects.get_or_create(
        code="510800", defaults={"name": "广元市", "level": "city", "parent": province}
    )
    county, _ = Region.objects.get_or_create(
        code=COUNTY_CODE, defaults={"name": "剑阁县", "level": "county", "parent": city}
    )
    return county


def _seed_commission(s: _Seeder) -> None:
    commission = s.unit("剑阁县纪委监委", Unit.Kind.COMMISSION)
    offices = {
        name: s.unit(name, Unit.Kind.COMMISSION_OFFICE, commission, order)
        for order, name in enumerate(names.COMMISSION_OFFICES)
    }
    for order, position in enumerate(names.COMMISSION_LEADER_POSITIONS):
        s.person(commission, position, Role.COMMISSION_LEADER, username="leader" if order == 0 else "")
    s.person(offices["办公室"], "信息化管理员", Role.COMMISSION_ADMIN, username="admin")
    for name, office in offices.items():
        s.person(office, "主任", Role.COMMISSION_STAFF)
        s.person(office, "干部", Role.COMMISSION_STAFF, username="staff" if name == "信访室" else "")
    for i in range(17):
        username = "inspector" if i == 0 else ""
        s.person(commission, "特邀监察员", Role.INSPECTOR, Role.REVIEWER, username=username, invited=True)


def _seed_county(s: _Seeder) -> None:
    leadership = s.unit("中共剑阁县委", Unit.Kind.LEADERSHIP)
    for order, position in enumerate(names.COUNTY_LEADER_POSITIONS):
        s.person(leadership, position, Role.COUNTY_LEADER, username="county" if order == 1 else "")
    logins = {"普安镇": "officer", "下寺镇": "officer2"}
    for order, name in enumerate(names.TOWNSHIPS):
        township = s.unit(name, Unit.Kind.TOWNSHIP, order=order)
        s.person(township, "党政办联络员", Role.UNIT_OFFICER, username=logins.get(name, ""))
        township_commission = s.unit(f"{name}纪委", Unit.Kind.TOWNSHIP_COMMISSION, township, order)
        s.person(township_commission, "纪委书记", Role.UNIT_OFFICER, username="jiwei" if name == "普安镇" else "")
    department_logins = {"县财政局": "dept", "县委统战部": "dept2"}
    for order, name in enumerate(names.DEPARTMENTS):
        flags = {"is_lead_unit": name in names.LEAD_UNITS, "is_co_unit": name in names.CO_UNITS}
        department = s.unit(name, Unit.Kind.DEPARTMENT, order=order, **flags)
        s.person(department, "办公室联络员", Role.UNIT_OFFICER, username=department_logins.get(name, ""))
    for order, host in enumerate(names.DISCIPLINE_GROUP_HOSTS, start=1):
        parent = Unit.objects.get(region=s.region, name=host)
        group = s.unit(f"县纪委监委派驻第{order}纪检组", Unit.Kind.DISCIPLINE_GROUP, parent, order)
        s.person(group, "纪检组长", Role.UNIT_OFFICER)
    deputies = Unit.objects.get(region=s.region, name="县人大常委会办公室")
    s.person(deputies, "县人大代表", Role.REVIEWER, username="reviewer")
    s.person(deputies, "县人大代表", Role.REVIEWER)
    s.person(Unit.objects.get(region=s.region, name="县政协办公室"), "县政协委员", Role.REVIEWER)


@transaction.atomic
def seed() -> None:
    seeder = _Seeder(_region())
    _seed_commission(seeder)
    _seed_county(seeder)
