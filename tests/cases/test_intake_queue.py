"""The intake queue: by age, filters, clocks, duplicate flags computed in the query, a fixed number of queries."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.clocks import due_soon_cutoff
from cases.models import Channel, Report
from common.crypto import keyed_hash
from tests.cases.factories import ReportFactory

pytestmark = pytest.mark.django_db

QUEUE = reverse("cases:report-list")


def row_of(page: str, number: str) -> str:
    """The queue's table row that shows ``number``."""
    return next(row for row in re.split(r"<tr[ >]", page) if number in row)


def numbers_on(page: str) -> list[str]:
    return re.findall(r">(XF\d{4}-\d{5})</a>", page)


@pytest.mark.parametrize("persona", ["accused_unit_client", "discipline_client", "officer_client"])
def test_queue_is_not_there_for_anybody_outside_the_commission(persona, request):
    ReportFactory()
    assert request.getfixturevalue(persona).get(QUEUE).status_code == 404


def test_public_is_sent_to_log_in(client):
    response = client.get(QUEUE)
    assert response.status_code == 302 and "login" in response.url


def test_queue_lists_waiting_reports_oldest_first_and_never_the_identity(staff_client):
    now = timezone.now()
    old = ReportFactory(received_at=now - timedelta(days=9), reporter_name="秘密举报人甲")
    new = ReportFactory(received_at=now - timedelta(days=1))
    ReportFactory(status=Report.Status.ACCEPTED)  # decided: not in the default queue
    page = staff_client.get(QUEUE).text
    assert numbers_on(page) == [old.number, new.number]
    for secret in ("秘密举报人甲", old.reporter_id_number, old.reporter_phone, old.reporter_key):
        assert secret not in page


def test_status_all_shows_every_report(staff_client):
    ReportFactory(), ReportFactory(status=Report.Status.REJECTED)
    assert len(numbers_on(staff_client.get(QUEUE, {"status": ""}).text)) == 2


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"channel": Channel.LETTER}, ["letter"]),
        ({"category": "cars"}, ["cars"]),
        ({"real_name": "no"}, ["anonymous"]),
        ({"q": "张三丰"}, ["accused"]),
        ({"q": "乙局"}, ["accused"]),
        ({"q": "77777"}, ["number"]),
        ({"status": Report.Status.REFERRED}, ["referred"]),
    ],
)
def test_filters(staff_client, params, expected):
    made = {
        "letter": ReportFactory(channel=Channel.LETTER),
        "cars": ReportFactory(category="cars"),
        "anonymous": ReportFactory(is_real_name=False, reporter_name="", reporter_id_number="", reporter_key=""),
        "accused": ReportFactory(accused_name="张三丰", accused_unit_name="乙局"),
        "number": ReportFactory(number="XF2025-77777"),
        "referred": ReportFactory(status=Report.Status.REFERRED),
    }
    page = staff_client.get(QUEUE, {"status": "", **params} if "status" not in params else params).text
    assert numbers_on(page) == [made[key].number for key in expected]


def test_clock_filters_and_the_clock_column(staff_client):
    today = timezone.localdate()
    overdue = ReportFactory(acceptance_due_on=today - timedelta(days=3))
    soon = ReportFactory(acceptance_due_on=due_soon_cutoff(today))
    later = ReportFactory(acceptance_due_on=today + timedelta(days=40))
    notified = ReportFactory(acceptance_due_on=today - timedelta(days=3), reporter_notified_at=timezone.now())
    assert numbers_on(staff_client.get(QUEUE, {"clock": "overdue"}).text) == [overdue.number]
    assert numbers_on(staff_client.get(QUEUE, {"clock": "due_soon"}).text) == [soon.number]
    page = staff_client.get(QUEUE, {"status": ""}).text
    assert "clock-overdue" in row_of(page, overdue.number) and "已逾期" in row_of(page, overdue.number)
    assert "clock-soon" in row_of(page, soon.number)
    assert "剩" in row_of(page, later.number) and "clock-overdue" not in row_of(page, later.number)
    assert "逾期完成" in row_of(page, notified.number)


def test_invalid_filter_says_so_and_lists_nothing(staff_client):
    ReportFactory()
    page = staff_client.get(QUEUE, {"channel": "pigeon"}).text
    assert "筛选条件有误" in page and numbers_on(page) == []


def test_duplicates_are_flagged_by_reporter_and_by_accused_within_30_days(staff_client):
    start, key = timezone.now() - timedelta(days=80), keyed_hash("110101199001011237")
    same_key = dict(reporter_key=key, accused_name="甲", accused_unit_name="甲单位")
    first = ReportFactory(received_at=start, **same_key)
    second = ReportFactory(received_at=start + timedelta(days=20), **{**same_key, "accused_name": "乙"})
    third = ReportFactory(received_at=start + timedelta(days=55), **{**same_key, "accused_name": "丙"})
    accused = dict(accused_name="李四", accused_unit_name="乙局")
    fourth = ReportFactory(received_at=start, **accused)
    fifth = ReportFactory(received_at=start + timedelta(days=29), **accused)
    other_unit = ReportFactory(received_at=start, accused_name="李四", accused_unit_name="丙局")
    anonymous = [ReportFactory(received_at=start, reporter_key="", accused_name=f"匿{i}") for i in range(2)]
    page = staff_client.get(QUEUE, {"status": ""}).text
    for report in (first, second):
        assert "同一举报人" in row_of(page, report.number)
    for report in (fourth, fifth):
        assert "同一被举报人" in row_of(page, report.number) and "同一举报人" not in row_of(page, report.number)
    for report in (third, other_unit, *anonymous):  # 35 days apart; another unit; two blank keys are no match
        assert "badge" not in row_of(page, report.number)


def test_queue_paginates(staff_client):
    Report.objects.bulk_create([ReportFactory.build() for _ in range(55)])
    first, second = staff_client.get(QUEUE).text, staff_client.get(QUEUE, {"page": 2}).text
    assert len(numbers_on(first)) == 50 and len(numbers_on(second)) == 5
    assert "第 1 / 2 页，共 55 条" in first


def bulk_reports(n: int) -> None:
    """``n`` reports, every tenth real-name with a reporter key, a few sharing an accused person."""
    now = timezone.now()
    Report.objects.bulk_create(
        (
            Report(
                number=f"XF2025-{i:05d}", channel=Channel.LETTER, category="banquets", is_real_name=i % 10 == 0,
                reporter_key=f"{i % 500:064d}" if i % 10 == 0 else "", accused_name=f"被举报人{i % 3000}",
                accused_unit_name="某局", content="内容", received_at=now - timedelta(hours=i),
                acceptance_due_on=timezone.localdate() + timedelta(days=i % 40 - 20),
            )
            for i in range(n)
        ),
        batch_size=2000,
    )  # fmt: skip


@pytest.mark.parametrize("n", [10, 10_000])
@pytest.mark.parametrize("params", [{}, {"status": "", "clock": "overdue", "q": "被举报人1"}, {"page": "2"}])
def test_queue_query_count_is_fixed(staff_client, django_assert_max_num_queries, n, params):
    bulk_reports(n)
    with django_assert_max_num_queries(6):
        response = staff_client.get(QUEUE, params)
    assert response.status_code == 200
    assert n == 10 or len(numbers_on(response.text)) == 50
