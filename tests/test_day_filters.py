"""Day filters on timestamps: whole local (Shanghai) days, asked as ranges of the column so its index serves them."""

from datetime import date, datetime

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token

from common.day_filters import local_midnight
from tests.cases.factories import ReportFactory

pytestmark = pytest.mark.django_db


def _at(*parts: int) -> datetime:
    return timezone.make_aware(datetime(*parts))


def test_the_days_given_are_included_whole_and_nothing_else(client, staff_user):
    first = ReportFactory(received_at=_at(2026, 3, 1, 0, 0))
    last = ReportFactory(received_at=_at(2026, 3, 31, 23, 59, 59))
    ReportFactory(received_at=_at(2026, 2, 28, 23, 59, 59))
    ReportFactory(received_at=_at(2026, 4, 1, 0, 0))
    token = Token.objects.create(user=staff_user)
    response = client.get(
        "/api/v1/cases/reports/",
        {"received_from": "2026-03-01", "received_to": "2026-03-31"},
        HTTP_AUTHORIZATION=f"Token {token.key}",
    )
    assert {row["number"] for row in response.json()["results"]} == {first.number, last.number}


def test_local_midnight_is_shanghai_midnight():
    assert local_midnight(date(2026, 3, 1)).isoformat() == "2026-03-01T00:00:00+08:00"
