"""The public satisfaction rating (群众测评) at /public/rating/: one rating per phone, unit and quarter."""

import threading
from datetime import date
from unittest import mock

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from common.crypto import keyed_hash
from orgs.models import Unit
from rectification import services_ratings
from rectification.models import Rating
from rectification.services_ratings import ALREADY_RATED, BAD_STARS, NOT_RATED_UNIT, period_of, rating_submit
from tests.cases.public_support import solved_captcha
from tests.factories import UnitFactory

URL = "/public/rating/"
PHONE = "13900005555"


@pytest.fixture
def department(db):
    return UnitFactory(name="县住建局", kind=Unit.Kind.DEPARTMENT)


def rating_post(rated, **overrides) -> dict:
    return {"unit": rated.pk, "stars": 4, "phone": PHONE, "comment": "整改到位", **solved_captcha(), **overrides}


def test_url_is_the_public_rating_page():
    assert reverse("rectification_public:rating-form") == URL


def test_page_groups_townships_and_departments_and_names_the_period(client, township_a, department, commission):
    page = client.get(URL).content.decode()
    assert '<optgroup label="乡镇">' in page and '<optgroup label="县级部门">' in page
    assert "甲镇" in page and "县住建局" in page and commission.name not in page
    today = timezone.localdate()
    assert f"{today.year}年第{(today.month - 1) // 3 + 1}季度" in page


def test_good_rating_is_saved_for_the_current_quarter(client, township_a):
    response = client.post(URL, rating_post(township_a, stars=4), follow=True)
    assert "评价已提交" in response.content.decode()
    rating = Rating.objects.get()
    assert (rating.unit, rating.score, rating.comment) == (township_a, 80, "整改到位")
    assert rating.period == period_of(timezone.localdate()) and rating.period.day == 1
    assert rating.period.month in (1, 4, 7, 10)


def test_period_is_the_calendar_quarter():
    assert period_of(date(2026, 5, 17)) == date(2026, 4, 1)
    assert period_of(date(2026, 12, 31)) == date(2026, 10, 1)
    assert period_of(date(2026, 1, 1)) == date(2026, 1, 1)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"stars": 6}, BAD_STARS),
        ({"stars": 0}, BAD_STARS),
        ({"stars": ""}, BAD_STARS),
        ({"phone": "12345"}, "请填写正确的手机号码"),
        ({"phone": ""}, "请填写您的手机号码。"),
        ({"captcha_1": "wrong"}, "验证码不正确"),
        ({"unit": "999999"}, NOT_RATED_UNIT),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_saved(client, township_a, overrides, message):
    response = client.post(URL, rating_post(township_a, **overrides))
    assert response.status_code == 200 and message in response.content.decode()
    assert not Rating.objects.exists()


def test_the_commission_itself_cannot_be_rated(client, township_a, commission):
    response = client.post(URL, rating_post(commission))
    assert NOT_RATED_UNIT in response.content.decode() and not Rating.objects.exists()
    with pytest.raises(ValidationError):
        rating_submit(unit=commission, stars=5, phone=PHONE)


def test_service_refuses_stars_out_of_range(township_a):
    for stars in (0, 6, 100):
        with pytest.raises(ValidationError) as refusal:
            rating_submit(unit=township_a, stars=stars, phone=PHONE)
        assert refusal.value.message_dict == {"stars": [BAD_STARS]}
    assert not Rating.objects.exists()


def test_second_rating_same_phone_unit_and_quarter_is_refused(client, township_a, township_b):
    client.post(URL, rating_post(township_a, stars=5))
    # The same number typed with full-width digits and spaces is the same phone.
    response = client.post(URL, rating_post(township_a, stars=1, phone="１３９ 0000 5555"))
    assert ALREADY_RATED in response.content.decode()
    assert list(Rating.objects.values_list("score", flat=True)) == [100]
    assert client.post(URL, rating_post(township_b)).status_code == 302  # another unit: allowed


def test_same_phone_may_rate_again_next_quarter(township_a):
    rating_submit(unit=township_a, stars=3, phone=PHONE, today=date(2026, 3, 31))
    rating_submit(unit=township_a, stars=3, phone=PHONE, today=date(2026, 4, 1))
    assert sorted(Rating.objects.values_list("period", flat=True)) == [date(2026, 1, 1), date(2026, 4, 1)]


@pytest.mark.django_db(transaction=True)
def test_two_submissions_at_once_give_one_rating():
    unit = UnitFactory(name="丙镇", kind=Unit.Kind.TOWNSHIP)
    both_checked = threading.Barrier(2, timeout=10)
    real_hash = services_ratings.keyed_hash

    def hash_then_wait(value: str) -> str:
        # Both requests have passed every check before either inserts: only the database can tell them apart.
        key = real_hash(value)
        both_checked.wait()
        return key

    outcomes: list[object] = []

    def submit(stars: int) -> None:
        try:
            outcomes.append(rating_submit(unit=unit, stars=stars, phone=PHONE))
        except ValidationError as refusal:
            outcomes.append(refusal.message_dict)
        finally:
            connection.close()

    with mock.patch.object(services_ratings, "keyed_hash", hash_then_wait):
        threads = [threading.Thread(target=submit, args=(stars,)) for stars in (5, 1)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=20)
    assert Rating.objects.filter(unit=unit).count() == 1
    assert len(outcomes) == 2 and {"phone": [ALREADY_RATED]} in outcomes
    assert [isinstance(outcome, Rating) for outcome in outcomes].count(True) == 1


def test_rate_limit_answers_429_before_the_form(client, township_a, settings):
    settings.PUBLIC_RATING_RATE = "2/h"
    for phone in ("13900000001", "13900000002"):
        assert client.post(URL, rating_post(township_a, phone=phone)).status_code == 302
    response = client.post(URL, rating_post(township_a, phone="13900000003"))
    assert response.status_code == 429 and "评价次数有限" in response.content.decode()
    assert Rating.objects.count() == 2
    assert client.get(URL).status_code == 200  # reading the page is not limited


def test_phone_is_never_stored_in_clear(client, township_a):
    client.post(URL, rating_post(township_a))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {Rating._meta.db_table}")
        row = " ".join(map(str, cursor.fetchone()))
    assert PHONE not in row and keyed_hash(PHONE) in row
    entries = LogEntry.objects.filter(content_type__model="rating")
    assert entries.exists()
    logged = " ".join(f"{entry.changes} {entry.changes_text} {entry.additional_data}" for entry in entries)
    assert PHONE not in logged and keyed_hash(PHONE) not in logged


def test_page_is_not_cached(client, db):
    assert "no-store" in client.get(URL)["Cache-Control"]
