"""The dashboard's reports, clues and cases: the figures on a hand-made year, the lists their numbers open, a county
leader's scope, the period and unit filters, and a fixed number of queries whatever the data."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from cases.models import Case, CasePerson, Channel, Clue, Report
from dashboard.cases import figures
from dashboard.figures import Figure, Scope
from tests.cases.factories import CaseFactory, ClueFactory, ReportFactory
from tests.factories import TaskFactory

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
DASHBOARD = "/dashboard/"
S = Report.Status
YEAR_2025 = Scope(year=2025, month=None, start=date(2025, 1, 1), end=date(2025, 12, 31))


def at(*parts) -> datetime:
    return datetime(*parts, tzinfo=SHANGHAI)


@pytest.fixture
def year(township_a, township_b):
    """2025 by hand, the accused in 甲镇 (A), 乙镇 (B) or not yet known; each kind has rows just outside the year."""
    a, b = township_a, township_b
    ReportFactory(channel=Channel.WEB, category="banquets", accused_unit=a, received_at=at(2025, 3, 10, 9))
    r2 = ReportFactory(
        channel=Channel.LETTER, category="cars", status=S.ACCEPTED, accused_unit=a, received_at=at(2025, 3, 20, 9)
    )
    ReportFactory(
        channel=Channel.PHONE, category="banquets", status=S.REJECTED, accused_unit=b, received_at=at(2025, 7, 1, 9)
    )
    # The last half hour of the year in Shanghai is in it; the first half hour of the next is not.
    r4 = ReportFactory(channel=Channel.WEB, category="gifts", status=S.ACCEPTED, received_at=at(2025, 12, 31, 23, 30))
    ReportFactory(accused_unit=a, received_at=at(2026, 1, 1, 0, 30))
    ReportFactory(accused_unit=a, received_at=at(2024, 12, 31, 23, 30))

    c1 = ClueFactory(report=r2, category="cars", accused_unit=a, proposed_at=at(2025, 3, 25, 9))
    c2 = ClueFactory(report=r4, disposition=Clue.Disposition.INQUIRY, accused_unit=b, proposed_at=at(2025, 12, 31))
    c3 = ClueFactory(report=None, accused_name="甲", disposition=Clue.Disposition.HOLD, accused_unit=a,
                     proposed_at=at(2025, 6, 1, 9))  # fmt: skip
    old = ClueFactory(report=None, accused_name="乙", disposition=Clue.Disposition.CLOSE, accused_unit=a,
                      proposed_at=at(2024, 8, 1, 9))  # fmt: skip

    k1 = CaseFactory(clue=c1, opened_at=at(2025, 4, 1, 9), concluded_on=date(2025, 9, 30), stage=Case.Stage.CONCLUDED)
    for name, form in (("张一", "second"), ("张二", "first"), ("张三", "first")):
        CasePerson.objects.create(case=k1, name=name, form=form)
    CaseFactory(clue=c2, opened_at=at(2025, 12, 1, 9), stage=Case.Stage.INVESTIGATION)
    # Opened in 2024 with no clue (so in no unit), concluded in 2025: its person counts, the case not as opened.
    k3 = CaseFactory(clue=None, opened_at=at(2024, 11, 1, 9), concluded_on=date(2025, 2, 1), stage=Case.Stage.CONCLUDED)
    CasePerson.objects.create(case=k3, name="李四", form="fourth")
    CaseFactory(clue=c3, opened_at=at(2025, 5, 1, 9), stage=Case.Stage.FILED)
    CaseFactory(clue=old, opened_at=at(2024, 9, 1, 9), stage=Case.Stage.FILED)


def shown(response) -> dict[str, Figure]:
    assert response.status_code == 200
    sections = {section.key: found for section, found in response.context["sections"]}
    return {figure.key: figure for figure in sections["cases"]}


def values(figure: Figure) -> dict[str, int]:
    return {bar.label: bar.value for bar in figure.bars if bar.value}


def listed(client, url: str) -> int:
    """How many rows the list at ``url`` shows, over all its pages."""
    response = client.get(url)
    assert response.status_code == 200
    return response.context["page"].paginator.count


def bar(figure: Figure, label: str):
    return next(b for b in figure.bars if b.label == label)


def test_the_commission_sees_the_years_figures(staff_client, year):
    found = shown(staff_client.get(DASHBOARD, {"year": 2025}))
    months = found["reports-by-month"]
    assert [b.label for b in months.bars] == [f"{m}月" for m in range(1, 13)]
    assert values(months) == {"3月": 2, "7月": 1, "12月": 1}
    assert values(found["reports-by-channel"]) == {"来信": 1, "来电": 1, "网络举报": 2}
    assert values(found["reports-by-category"]) == {"公款吃喝": 2, "公车私用": 1, "违规收送礼品礼金": 1}
    assert values(found["reports-by-status"]) == {"待受理": 1, "已受理": 2, "不予受理": 1}
    assert values(found["clues-by-disposition"]) == {"谈话函询": 1, "初步核实": 1, "暂存待查": 1}
    assert values(found["cases-by-stage"]) == {"已立案": 1, "审查调查": 1, "已结案": 1}
    forms = values(found["persons-by-form"])
    assert forms == {"第一种形态（批评教育、谈话提醒）": 2, "第二种形态（诫勉谈话、轻处分）": 1,
                     "第四种形态（移送司法机关）": 1}  # fmt: skip


def test_every_number_opens_a_list_with_as_many_rows(staff_client, year):
    found = shown(staff_client.get(DASHBOARD, {"year": 2025}))
    for key in ("reports-by-month", "reports-by-channel", "reports-by-category", "reports-by-status",
                "clues-by-disposition", "cases-by-stage"):  # fmt: skip
        figure = found[key]
        assert listed(staff_client, figure.total_url) == figure.total, key
        for each in figure.bars:
            assert listed(staff_client, each.url) == each.value, (key, each.label)


def test_a_four_forms_number_opens_the_concluded_cases_of_its_persons(staff_client, year):
    forms = shown(staff_client.get(DASHBOARD, {"year": 2025}))["persons-by-form"]
    first, fourth = bar(forms, "第一种形态（批评教育、谈话提醒）"), bar(forms, "第四种形态（移送司法机关）")
    assert (first.value, listed(staff_client, first.url)) == (2, 1)  # two persons of one case
    assert (fourth.value, listed(staff_client, fourth.url)) == (1, 1)
    assert listed(staff_client, bar(forms, "第三种形态（重处分、重大职务调整）").url) == 0


def test_a_month_shows_that_month_only(staff_client, year):
    found = shown(staff_client.get(DASHBOARD, {"year": 2025, "month": 3}))
    months = found["reports-by-month"]
    assert [(b.label, b.value) for b in months.bars] == [("3月", 2)]
    assert listed(staff_client, months.bars[0].url) == 2
    assert values(found["clues-by-disposition"]) == {"初步核实": 1}
    assert values(found["cases-by-stage"]) == {}


def test_the_unit_filter_reaches_the_lists(staff_client, year, township_b):
    found = shown(staff_client.get(DASHBOARD, {"year": 2025, "unit": township_b.pk}))
    assert values(found["reports-by-channel"]) == {"来电": 1}
    assert values(found["clues-by-disposition"]) == {"谈话函询": 1}
    assert values(found["cases-by-stage"]) == {"审查调查": 1}
    assert values(found["persons-by-form"]) == {}
    phone = bar(found["reports-by-channel"], "来电")
    assert f"unit={township_b.pk}" in phone.url and listed(staff_client, phone.url) == 1
    assert listed(staff_client, found["reports-by-channel"].total_url) == 1
    assert listed(staff_client, bar(found["cases-by-stage"], "审查调查").url) == 1


def test_a_county_leader_sees_the_units_of_their_tasks_without_links(
    county_leader_client, county_leader_user, township_a, year
):
    TaskFactory(owner=county_leader_user.person, lead_unit=township_a)
    found = shown(county_leader_client.get(DASHBOARD, {"year": 2025}))
    assert values(found["reports-by-month"]) == {"3月": 2}
    assert values(found["reports-by-status"]) == {"待受理": 1, "已受理": 1}
    assert values(found["clues-by-disposition"]) == {"初步核实": 1, "暂存待查": 1}
    assert values(found["cases-by-stage"]) == {"已立案": 1, "已结案": 1}
    forms = values(found["persons-by-form"])
    assert forms == {"第一种形态（批评教育、谈话提醒）": 2, "第二种形态（诫勉谈话、轻处分）": 1}
    assert all(not b.url and not f.total_url for f in found.values() for b in f.bars)


def test_a_county_leader_with_no_tasks_sees_nothing(county_leader_client, year):
    found = shown(county_leader_client.get(DASHBOARD, {"year": 2025}))
    assert all(f.total == 0 for f in found.values())


def test_no_person_appears_on_the_dashboard(staff_client, year):
    page = staff_client.get(DASHBOARD, {"year": 2025}).content.decode()
    assert "张二" not in page and "李四" not in page and "被举报人" not in page


def _more(n: int, staff_user) -> None:
    """``n`` more of each row in 2025, in bulk."""
    reports = Report.objects.bulk_create(
        Report(number=f"XF2025-9{i:04d}", channel=Channel.VISIT, category="travel", accused_name="某",
               accused_unit_name="某局", content="内容", received_at=at(2025, 1 + i % 12, 5),
               acceptance_due_on=date(2025, 12, 31))
        for i in range(n)
    )  # fmt: skip
    clues = Clue.objects.bulk_create(
        Clue(number=f"XS2025-9{i:04d}", report=report, category="travel", accused_name="某", summary="摘要",
             disposition=Clue.Disposition.CLOSE, proposed_by=staff_user, proposed_at=at(2025, 6, 1))
        for i, report in enumerate(reports)
    )  # fmt: skip
    cases = Case.objects.bulk_create(
        Case(number=f"AJ2025-9{i:04d}", clue=clue, title="案", handled_by=staff_user, opened_at=at(2025, 6, 2),
             stage=Case.Stage.CONCLUDED, concluded_on=date(2025, 8, 1))
        for i, clue in enumerate(clues)
    )  # fmt: skip
    CasePerson.objects.bulk_create(CasePerson(case=case, name="某", form="third") for case in cases)


@pytest.mark.parametrize("n", [1, 300])
def test_the_figures_take_four_queries_whatever_the_data(staff_user, year, django_assert_max_num_queries, n):
    _more(n, staff_user)
    with django_assert_max_num_queries(4):
        found = {figure.key: figure for figure in figures(YEAR_2025)}
    assert found["reports-by-channel"].total == 4 + n
    assert values(found["persons-by-form"])["第三种形态（重处分、重大职务调整）"] == n
