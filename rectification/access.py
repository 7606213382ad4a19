"""Who may see rectification items: the one place that scopes them.

The commission sees every unit's items; a unit officer sees their own unit's; nobody else any. An item says what
is to be fixed, never which inspection plan or team found it, so showing it to the unit keeps plans secret.
"""

from django.db.models import QuerySet

from orgs.access import scope_to_unit
from rectification.models import Problem


def problems_visible(user) -> QuerySet[Problem]:
    return scope_to_unit(Problem.objects.select_related("unit"), user)
