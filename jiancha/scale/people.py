"""Regions, units and officers: the province every other generated row belongs to."""

from django.contrib.auth import get_user_model

from jiancha.scale.copy import copy_rows, next_id
from jiancha.scale.world import World
from orgs.models import Person, Region, Role, RoleAssignment, Unit

# Unit 0 is the commission; the rest cycle through the kinds a county has most of.
KINDS = [Unit.Kind.TOWNSHIP, Unit.Kind.DEPARTMENT, Unit.Kind.TOWNSHIP_COMMISSION, Unit.Kind.DISCIPLINE_GROUP]


class People:
    """Ids of the generated units, users and people, for the tables that point at them."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.units, self.officers = world.count("units"), world.count("officers")
        self.region0, self.unit0 = next_id(Region), next_id(Unit)
        self.user0, self.person0 = next_id(get_user_model()), next_id(Person)

    def unit(self, i: int) -> int:
        return self.unit0 + i % self.units

    def officer_user(self, k: int) -> int:
        return self.user0 + k % self.officers

    def officer_of(self, i: int) -> int | None:
        """The first officer of unit ``i``; None when there are fewer officers than units."""
        i %= self.units
        return self.user0 + i if i < self.officers else None

    def staff_user(self, i: int) -> int:
        """One of the commission's officers (those of unit 0): they register, propose, handle and record."""
        return self.user0 + (i * self.units) % self.officers

    def staff_person(self, i: int) -> int:
        return self.person0 + (i * self.units) % self.officers

    def regions(self) -> int:
        w = self.world
        rows = [(self.region0, "省", "990000", Region.Level.PROVINCE, None)]
        rows += [
            (self.region0 + 1 + c, f"市{c + 1}", f"98{c:04d}", Region.Level.CITY, self.region0) for c in range(w.cities)
        ]
        city0 = self.region0 + 1
        rows += [
            (city0 + w.cities + j, f"县{j + 1}", f"97{j:04d}", Region.Level.COUNTY, city0 + j % w.cities)
            for j in range(w.counties)
        ]
        return copy_rows(Region, ["id", "name", "code", "level", "parent"], rows)

    def unit_rows(self):
        county0 = self.region0 + 1 + self.world.cities
        for i in range(self.units):
            kind = Unit.Kind.COMMISSION if i == 0 else KINDS[i % len(KINDS)]
            lead = kind == Unit.Kind.DEPARTMENT
            name = f"{kind.label}{i:05d}"
            yield self.unit0 + i, county0 + i % self.world.counties, name, kind, lead, lead, i

    def units_table(self) -> int:
        fields = ["id", "region", "name", "kind", "is_lead_unit", "is_co_unit", "sort_order"]
        return copy_rows(Unit, fields, self.unit_rows())

    def users(self) -> int:
        # "!" is Django's unusable password: nobody signs in as a generated officer until someone sets one.
        rows = ((self.user0 + k, f"scale{k:06d}", "!", self.world.now) for k in range(self.officers))
        return copy_rows(get_user_model(), ["id", "username", "password", "date_joined"], rows)

    def persons(self) -> int:
        rows = ((self.person0 + k, self.user0 + k, f"联络员{k}", self.unit(k)) for k in range(self.officers))
        return copy_rows(Person, ["id", "user", "name", "unit"], rows)

    def roles(self) -> int:
        first = next_id(RoleAssignment)
        rows = (
            (first + k, self.person0 + k, Role.COMMISSION_STAFF if k % self.units == 0 else Role.UNIT_OFFICER)
            for k in range(self.officers)
        )
        return copy_rows(RoleAssignment, ["id", "person", "role"], rows)
