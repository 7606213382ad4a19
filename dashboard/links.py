"""Links from a figure's numbers to the list behind them, filtered as the figure counted."""

from urllib.parse import urlencode

from django.urls import reverse

from dashboard.figures import Scope


def list_url(name: str, **params) -> str:
    """The list page ``name`` with ``params`` as its GET filters; those that are None are left out."""
    query = urlencode({key: value for key, value in params.items() if value is not None})
    return f"{reverse(name)}?{query}" if query else reverse(name)


def period_filters(scope: Scope) -> dict:
    """The period and the unit filter, for lists that filter local days by ``since`` and ``until`` and take ``unit``."""
    return {"since": scope.start.isoformat(), "until": scope.end.isoformat(), "unit": scope.unit_id}
