"""Weekly bulletins and monthly briefs: content of a hand-made week, kept once generated, open periods refused,
who may see them, and the Excel and Word downloads read back."""

import io
from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from inspections.bulletins import bulletin_generate, bulletin_generate_latest
from inspections.models import Bulletin, Finding
from tests.inspections.factories import SHANGHAI, FindingFactory

WEEK_START = date(2026, 3, 2)  # a Monday; the week ends on Sunday 8 March
D = Finding.Disposition
C = Finding.Category


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=SHANGHAI)


@pytest.fixture
def week(township_a, township_b):
    """Five findings inside the week (two on its very edges, at midnight in Shanghai) and two just outside."""
    inside = [
        FindingFactory(unit=township_a, category=C.GAMES, occurred_at=at(2, 0), disposition=D.CORRECTED,
                       persons="张某某", description="上班时间玩<b>手机游戏</b>"),
        FindingFactory(unit=township_a, category=C.CARS, occurred_at=at(4, 10), disposition=D.RECTIFICATION,
                       place="农家乐停车场"),
        FindingFactory(unit=township_b, category=C.GAMES, occurred_at=at(8, 23, 59), disposition=D.CLUE),
        FindingFactory(unit=township_b, category=C.BANQUETS, occurred_at=at(6, 12), disposition=D.EXPOSURE),
        FindingFactory(unit=township_a, category=C.LATE, occurred_at=at(5, 8, 40)),
    ]  # fmt: skip
    FindingFactory(unit=township_a, category=C.STOCKS, occurred_at=at(1, 23, 59))
    FindingFactory(unit=township_b, category=C.STOCKS, occurred_at=at(9, 0))
    return inside


def generate(client, kind: str = "weekly", day: str = "2026-03-04"):
    return client.post(reverse("inspections:bulletin-generate"), {"kind": kind, "day": day})


def download(client, bulletin: Bulletin, kind: str) -> bytes:
    response = client.get(reverse(f"inspections:bulletin-{kind}", args=[bulletin.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


@pytest.fixture
def stored(staff_user, week) -> Bulletin:
    return bulletin_generate(kind="weekly", period_start=WEEK_START, user=staff_user)[0]


def test_unit_officers_and_inspectors_get_404(officer_client, inspector_a_client, stored):
    for client in (officer_client, inspector_a_client):
        for name in ("bulletin-detail", "bulletin-xlsx", "bulletin-docx"):
            assert client.get(reverse(f"inspections:{name}", args=[stored.pk])).status_code == 404
        assert client.get(reverse("inspections:bulletin-list")).status_code == 404
        assert generate(client, day="2026-03-16").status_code == 404
    assert Bulletin.objects.count() == 1


def test_missing_bulletin_is_404(staff_client):
    assert staff_client.get(reverse("inspections:bulletin-detail", args=[999])).status_code == 404


def test_weekly_bulletin_counts_the_week_in_shanghai_time(staff_client, staff_user, week):
    response = generate(staff_client)
    bulletin = Bulletin.objects.get()
    assert response.url == reverse("inspections:bulletin-detail", args=[bulletin.pk])
    assert (bulletin.kind, bulletin.period_start, bulletin.period_end) == ("weekly", WEEK_START, date(2026, 3, 8))
    assert bulletin.title == "2026年第10周明察暗访周通报（3月2日—3月8日）"
    assert bulletin.generated_by == staff_user
    content = bulletin.content
    assert content["total"] == 5
    counts = {key: [(row["label"], row["count"]) for row in content[key]] for key in ("by_disposition", "by_category")}
    dispositions = ["当场纠正", "下发整改通知", "移送问题线索", "通报曝光", "待处理"]
    assert counts["by_disposition"] == [(label, 1) for label in dispositions]
    assert counts["by_category"] == [("上班玩游戏", 2), ("迟到早退", 1), ("公车私用", 1), ("违规吃喝", 1)]
    assert [(row["label"], row["count"]) for row in content["by_unit"]] == [("甲镇", 3), ("乙镇", 2)]
    assert [row["id"] for row in content["findings"]] == [week[i].pk for i in (0, 1, 4, 3, 2)]
    first, last = content["findings"][0], content["findings"][-1]
    assert first["occurred_at"] == "2026-03-02 00:00" and last["occurred_at"] == "2026-03-08 23:59"
    assert first["disposition"] == "当场纠正" and content["findings"][2]["disposition"] == "待处理"
    assert "persons" not in first  # bulletins name units, not persons


def test_monthly_brief_covers_the_calendar_month(staff_client, township_a):
    FindingFactory(unit=township_a, occurred_at=at(28, 23, 59, month=2))
    march = [FindingFactory(unit=township_a, occurred_at=at(day, hour)) for day, hour in ((1, 0), (31, 23))]
    FindingFactory(unit=township_a, occurred_at=at(1, 0, month=4))
    generate(staff_client, kind="monthly", day="2026-03-15")
    bulletin = Bulletin.objects.get()
    assert (bulletin.period_start, bulletin.period_end) == (date(2026, 3, 1), date(2026, 3, 31))
    assert bulletin.title == "2026年3月明察暗访月简报"
    assert [row["id"] for row in bulletin.content["findings"]] == [f.pk for f in march]


def test_detail_shows_the_bulletin_escaped_and_without_persons(staff_client, stored):
    page = staff_client.get(reverse("inspections:bulletin-detail", args=[stored.pk])).content.decode()
    summary = (
        "本期共发现问题5个，涉及2个单位，其中当场纠正1个、下发整改通知1个、移送问题线索1个、通报曝光1个、待处理1个。"
    )
    assert summary in page
    assert "农家乐停车场" in page and "&lt;b&gt;手机游戏&lt;/b&gt;" in page
    assert "张某某" not in page


def test_stored_bulletin_is_kept_unchanged(staff_client, stored, week, township_b):
    before = stored.content
    Finding.objects.filter(pk=week[0].pk).update(category=C.CHATTING, unit=township_b)
    FindingFactory(unit=township_b, occurred_at=at(3, 9))
    response = generate(staff_client, day="2026-03-08")
    assert response.url == reverse("inspections:bulletin-detail", args=[stored.pk])
    assert Bulletin.objects.count() == 1
    stored.refresh_from_db()
    assert stored.content == before and stored.content["total"] == 5
    page = staff_client.get(response.url).content.decode()
    assert "已于此前生成" in page


def test_open_and_future_periods_are_refused(staff_client, staff_user):
    today = timezone.localdate()
    response = generate(staff_client, day=today.isoformat())
    assert response.status_code == 200
    assert "本周或以后的周尚未结束" in response.content.decode()
    future = generate(staff_client, kind="monthly", day=(today + timedelta(days=40)).isoformat())
    assert "本月或以后的月份尚未结束" in future.content.decode()
    assert not Bulletin.objects.exists()


def test_a_period_must_begin_on_its_first_day(staff_user):
    with pytest.raises(ValidationError, match="周通报须从星期一开始"):
        bulletin_generate(kind="weekly", period_start=date(2026, 3, 3), user=staff_user)
    with pytest.raises(ValidationError, match="月简报须从每月1日开始"):
        bulletin_generate(kind="monthly", period_start=date(2026, 3, 2), user=staff_user)


def test_empty_day_generates_the_last_period(staff_client):
    generate(staff_client, day="")
    bulletin = Bulletin.objects.get()
    monday = timezone.localdate() - timedelta(days=timezone.localdate().weekday())
    assert bulletin.period_start == monday - timedelta(days=7)
    assert bulletin.content["total"] == 0


def test_scheduled_job_generates_the_last_week_and_month_once(week):
    bulletin, created = bulletin_generate_latest("weekly", date(2026, 3, 11))
    assert created and bulletin.period_start == WEEK_START and bulletin.generated_by is None
    assert bulletin.content["total"] == 5
    monthly, _ = bulletin_generate_latest("monthly", date(2026, 4, 1))
    assert monthly.period_start == date(2026, 3, 1) and monthly.content["total"] == 7
    assert bulletin_generate_latest("weekly", date(2026, 3, 15)) == (bulletin, False)


def test_excel_download_reads_back(staff_client, stored):
    workbook = load_workbook(io.BytesIO(download(staff_client, stored, "xlsx")))
    summary = [row for row in workbook["汇总"].iter_rows(values_only=True) if any(row)]
    assert summary[0][0] == stored.title
    assert ("上班玩游戏", 2) in [row[:2] for row in summary]
    assert ("甲镇", 3) in [row[:2] for row in summary]
    findings = list(workbook["问题清单"].iter_rows(values_only=True))
    assert findings[0] == ("序号", "被查单位", "问题类别", "发现时间", "地点", "问题描述", "处理方式")
    second = (2, "甲镇", "公车私用", "2026-03-04 10:00", "农家乐停车场", "工作人员上班时间玩手机游戏", "下发整改通知")
    assert findings[2] == second
    assert len(findings) == 6


def test_word_download_reads_back(staff_client, stored):
    document = Document(io.BytesIO(download(staff_client, stored, "docx")))
    assert document.paragraphs[0].text == stored.title
    findings = document.tables[-1]
    assert [cell.text for cell in findings.rows[1].cells] == [
        "1", "甲镇", "上班玩游戏", "2026-03-02 00:00", "便民服务中心", "上班时间玩<b>手机游戏</b>", "当场纠正"
    ]  # fmt: skip
    assert len(findings.rows) == 6


def test_list_query_count(leader_client, staff_user, django_assert_max_num_queries):
    for week_number in range(35):
        bulletin_generate(kind="weekly", period_start=WEEK_START + timedelta(weeks=week_number), user=staff_user)
    with django_assert_max_num_queries(5):
        response = leader_client.get(reverse("inspections:bulletin-list"))
    assert response.status_code == 200
    assert response.content.decode().count("明察暗访周通报") == 30
    assert "共 35 条" in response.content.decode()


def test_detail_query_count(staff_client, stored, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = staff_client.get(reverse("inspections:bulletin-detail", args=[stored.pk]))
    assert response.status_code == 200
