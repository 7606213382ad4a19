"""Who may see and drive the scheduled jobs: commission admins only (the page shows delivery counts and errors)."""

from orgs.access import actor_of


def can_manage_jobs(user) -> bool:
    return actor_of(user).is_admin
