"""Statistics: who may see them, the year's arithmetic on a hand-made set, the monthly table, its Excel export."""

import io
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from cases.models import Case, Category, Channel, Clue, Report
from tests.cases.factories import CaseFactory, ClueFactory, ReportFactory

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
PAGE = "/cases/statistics/"
MONTHLY = "/cases/statistics/monthly/"
EXPORT = "/cases/statistics/monthly.xlsx"
S = Report.Status
CATEGORY_LABELS = [str(label) for _, label in Category.choices]


def at(*parts) -> datetime:
    return datetime(*parts, tzinfo=SHANGHAI)


def person(case: Case, name: str, **fields):
    return case.persons.create(name=name, **fields)


@pytest.fixture
def figures():
    """A year (2025) by hand: 4 reports in it and 2 outside, 3 clues in it, 4 cases opened or concluded in it."""
    ReportFactory(channel=Channel.WEB, category="banquets", status=S.RECEIVED, received_at=at(2025, 3, 10, 9))
    r2 = ReportFactory(channel=Channel.LETTER, category="cars", status=S.ACCEPTED, received_at=at(2025, 3, 20, 9))
    ReportFactory(channel=Channel.PHONE, category="banquets", status=S.REJECTED, received_at=at(2025, 7, 1, 9))
    # The last half hour of the year in Shanghai is already in it; the first half hour of the next is not.
    r4 = ReportFactory(channel=Channel.WEB, category="gifts", status=S.ACCEPTED, received_at=at(2025, 12, 31, 23, 30))
    ReportFactory(channel=Channel.WEB, category="banquets", received_at=at(2026, 1, 1, 0, 30))
    ReportFactory(channel=Channel.VISIT, category="cars", received_at=at(2024, 6, 1, 9))

    c1 = ClueFactory(report=r2, category="cars", proposed_at=at(2025, 3, 25, 9))
    c2 = ClueFactory(report=r4, category="gifts", disposition=Clue.Disposition.INQUIRY, proposed_at=at(2025, 12, 31))
    ClueFactory(
        report=None, source_kind="inspection", accused_name="甲", disposition=Clue.Disposition.HOLD,
        proposed_at=at(2025, 6, 1, 9),
    )  # fmt: skip
    ClueFactory(report=None, accused_name="乙", disposition=Clue.Disposition.CLOSE, proposed_at=at(2026, 2, 1, 9))
    banquets = ClueFactory(report=None, accused_name="丙", category="banquets", proposed_at=at(2024, 8, 1, 9))

    k1 = CaseFactory(
        clue=c1, opened_at=at(2025, 4, 1, 9), filed_on=date(2025, 4, 10), concluded_on=date(2025, 9, 30),
        stage=Case.Stage.CONCLUDED, is_eight_point=True, is_four_winds=True, funds_recovered=Decimal("12000.50"),
    )  # fmt: skip
    person(k1, "张一", form="second", party_sanction="warning")
    person(k1, "张二", form="first")
    person(k1, "张三", form="third", party_sanction="serious_warning", administrative_sanction="demerit")
    CaseFactory(
        clue=c2, opened_at=at(2025, 12, 1, 9), filed_on=date(2025, 12, 15), stage=Case.Stage.INVESTIGATION,
        is_eight_point=True,
    )  # fmt: skip
    k3 = CaseFactory(
        clue=None, opened_at=at(2024, 11, 1, 9), filed_on=date(2024, 12, 1), concluded_on=date(2025, 2, 1),
        stage=Case.Stage.CONCLUDED, is_four_winds=True, funds_recovered=Decimal("3000"),
    )  # fmt: skip
    person(k3, "李四", form="fourth", administrative_sanction="dismissal_from_post", transferred_to_judiciary=True)
    k4 = CaseFactory(
        clue=None, opened_at=at(2025, 5, 1, 9), filed_on=date(2025, 6, 1), concluded_on=date(2026, 1, 5),
        stage=Case.Stage.CONCLUDED, is_eight_point=True, funds_recovered=Decimal("999"),
    )  # fmt: skip
    person(k4, "王五", form="first", party_sanction="warning")
    # Filed in September 2024 (outside the year), a four-winds case on banquets, and one of neither kind.
    CaseFactory(clue=banquets, opened_at=at(2024, 9, 1, 9), filed_on=date(2024, 9, 5), is_four_winds=True)
    CaseFactory(clue=None, opened_at=at(2024, 9, 2, 9), filed_on=date(2024, 9, 10))


def counts(buckets: list[dict]) -> dict[str, int]:
    return {bucket["key"]: bucket["count"] for bucket in buckets if bucket["count"]}


# Who may see them ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [PAGE, MONTHLY, EXPORT])
@pytest.mark.parametrize(
    "persona", ["accused_unit_client", "discipline_client", "county_leader_client", "officer_client"]
)
def test_outside_the_commission_gets_404(request, persona, url, figures):
    assert request.getfixturevalue(persona).get(url).status_code == 404


@pytest.mark.parametrize("url", [PAGE, MONTHLY, EXPORT])
def test_the_public_is_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("persona", ["staff_client", "leader_client", "commission_admin_client"])
def test_commission_sees_statistics_in_the_menu(request, persona):
    page = request.getfixturevalue(persona).get(PAGE)
    assert page.status_code == 200
    assert 'href="/cases/statistics/"' in page.content.decode()


def test_menu_hides_statistics_from_others(discipline_client, county_leader_client):
    for client in (discipline_client, county_leader_client):
        assert "统计分析" not in client.get("/").content.decode()


# The year's figures ----------------------------------------------------------------------------------------


def test_year_summary_arithmetic(staff_client, figures):
    data = staff_client.get("/api/v1/cases/statistics/", {"year": 2025}).json()
    assert data["year"] == 2025 and data["reports_total"] == 4
    assert counts(data["reports_by_channel"]) == {"web": 2, "letter": 1, "phone": 1}
    assert counts(data["reports_by_category"]) == {"banquets": 2, "cars": 1, "gifts": 1}
    assert counts(data["reports_by_status"]) == {"received": 1, "accepted": 2, "rejected": 1}
    assert counts(data["reports_by_month"]) == {"3": 2, "7": 1, "12": 1}
    assert [b["label"] for b in data["reports_by_month"]] == [f"{m}月" for m in range(1, 13)]
    assert (data["clues_total"], counts(data["clues_by_disposition"])) == (
        3, {"verification": 1, "inquiry": 1, "hold": 1},
    )  # fmt: skip
    assert (data["cases_total"], counts(data["cases_by_stage"])) == (3, {"concluded": 2, "investigation": 1})
    assert (data["cases_filed"], data["cases_concluded"]) == (3, 2)
    assert (data["persons_total"], counts(data["persons_by_form"])) == (
        4, {"first": 1, "second": 1, "third": 1, "fourth": 1},
    )  # fmt: skip
    assert (data["party_sanctions"], data["administrative_sanctions"]) == (2, 2)
    assert data["funds_recovered"] == "15000.50"


def test_page_shows_the_years_figures(staff_client, figures):
    page = staff_client.get(PAGE, {"year": 2025}).content.decode()
    assert "2025年统计分析" in page
    assert "收到信访举报 <strong>4</strong> 件" in page
    assert "挽回经济损失 <strong>15000.50</strong> 元" in page
    # The largest bucket of a group draws the full bar, the others in proportion.
    assert '<th scope="row">网络举报</th><td class="num">2</td>' in page
    assert 'class="bar share-100"' in page and 'class="bar share-50"' in page


def test_an_empty_year_shows_zeros(staff_client):
    data = staff_client.get("/api/v1/cases/statistics/", {"year": 2021}).json()
    assert data["reports_total"] == data["cases_total"] == data["persons_total"] == 0
    assert data["funds_recovered"] == "0.00"
    assert "收到信访举报 <strong>0</strong> 件" in staff_client.get(PAGE, {"year": 2021}).content.decode()


@pytest.mark.parametrize("year", ["abc", "1999", "2999", "2025;drop"])
def test_an_invalid_year_falls_back_to_this_year(staff_client, year):
    page = staff_client.get(PAGE, {"year": year}).content.decode()
    assert "所选年度无效，已显示本年度。" in page
    assert staff_client.get("/api/v1/cases/statistics/", {"year": year}).status_code == 400


def test_page_queries_stay_bounded(staff_client, figures, django_assert_max_num_queries):
    for n in range(30):
        month = 1 + n % 12
        case = CaseFactory(
            opened_at=at(2025, month, 3, 9), filed_on=date(2025, month, 5), concluded_on=date(2025, month, 20),
            stage=Case.Stage.CONCLUDED, is_four_winds=True,
        )  # fmt: skip
        person(case, f"人员{n}", form="first", party_sanction="warning")
    # Session and user (2), the user's roles (1), then one aggregate per model: reports, clues, cases, persons.
    with django_assert_max_num_queries(7):
        assert staff_client.get(PAGE, {"year": 2025}).status_code == 200
    with django_assert_max_num_queries(5):
        assert staff_client.get(MONTHLY, {"month": "2025-09"}).status_code == 200


# The monthly table -----------------------------------------------------------------------------------------


def section(data: dict, flag: str) -> dict:
    return next(s for s in data["sections"] if s["flag"] == flag)


def row_of(rows: list[dict], label: str) -> list:
    row = next(r for r in rows if r["label"] == label)
    return [row[k] for k in ("filed", "concluded", "persons", "party_sanctions", "administrative_sanctions")] + [
        row["funds_recovered"]
    ]


def test_monthly_table_by_category(staff_client, figures):
    data = staff_client.get("/api/v1/cases/statistics/monthly/", {"month": "2025-09"}).json()
    assert data["month"] == "2025-09"
    eight, winds = section(data, "is_eight_point"), section(data, "is_four_winds")
    assert [row["label"] for row in eight["rows"]] == CATEGORY_LABELS
    assert row_of(eight["rows"], "公车私用") == [0, 1, 3, 2, 1, "12000.50"]
    assert row_of([eight["total"]], "合计") == [0, 1, 3, 2, 1, "12000.50"]
    assert row_of(winds["rows"], "公车私用") == [0, 1, 3, 2, 1, "12000.50"]
    assert row_of(winds["rows"], "公款吃喝") == [0, 0, 0, 0, 0, "0.00"]  # filed in September 2024, not 2025
    assert row_of([winds["total"]], "合计") == [0, 1, 3, 2, 1, "12000.50"]


def test_monthly_table_filed_cases_and_cases_without_a_clue(staff_client, figures):
    september = staff_client.get("/api/v1/cases/statistics/monthly/", {"month": "2024-09"}).json()
    assert row_of(section(september, "is_four_winds")["rows"], "公款吃喝") == [1, 0, 0, 0, 0, "0.00"]
    assert row_of([section(september, "is_eight_point")["total"]], "合计") == [0, 0, 0, 0, 0, "0.00"]
    february = staff_client.get("/api/v1/cases/statistics/monthly/", {"month": "2025-02"}).json()
    assert row_of(section(february, "is_four_winds")["rows"], "其他") == [0, 1, 1, 0, 1, "3000.00"]


def test_monthly_page_defaults_to_last_month_and_refuses_a_bad_one(staff_client):
    page = staff_client.get(MONTHLY).content.decode()
    assert "违反中央八项规定精神问题" in page and "“四风”问题" in page
    bad = staff_client.get(MONTHLY, {"month": "2025-13"}).content.decode()
    assert "所选月份无效，已显示上月。" in bad
    assert staff_client.get("/api/v1/cases/statistics/monthly/", {"month": "2099-01"}).status_code == 400


def test_monthly_page_shows_the_table(staff_client, figures):
    page = staff_client.get(MONTHLY, {"month": "2025-09"}).content.decode()
    assert "2025年09月违反中央八项规定精神和“四风”问题月报表" in page
    assert 'href="/cases/statistics/monthly.xlsx?month=2025-09"' in page
    assert '<th scope="row">公车私用</th><td class="num">0</td><td class="num">1</td><td class="num">3</td>' in page


def test_monthly_export_reads_back(staff_client, figures):
    response = staff_client.get(EXPORT, {"month": "2025-09"})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "2025年09月违反中央八项规定精神和“四风”问题月报表"
    titles = [row[0] for row in rows if row and row[0] in ("违反中央八项规定精神问题", "“四风”问题")]
    assert titles == ["违反中央八项规定精神问题", "“四风”问题"]
    headers = rows.index(["问题类别", "立案数", "结案数", "处理人数", "党纪处分", "政务处分", "挽回经济损失（元）"])
    eight = rows[headers + 1 : headers + 12]
    assert [row[0] for row in eight] == [*CATEGORY_LABELS, "合计"]
    assert eight[1] == ["公车私用", 0, 1, 3, 2, 1, 12000.5]
    assert eight[-1] == ["合计", 0, 1, 3, 2, 1, 12000.5]
