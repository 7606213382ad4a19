"""The documents page: who reads which documents, filters, pages, fixed queries, and a document shown whole."""

from datetime import date

import pytest
from django.urls import reverse

from tests.documents.factories import K, hand_made, ranking, stored
from tests.factories import UserFactory, client_for, user_with_role

pytestmark = pytest.mark.django_db
ROUTES = ("documents:detail", "documents:excel", "documents:word")


@pytest.fixture
def bulletin():
    return stored()


@pytest.fixture
def commission_only():
    return ranking(10)


def test_staff_and_county_leader_read_every_document(staff_client, county_leader_client, bulletin, commission_only):
    for client in (staff_client, county_leader_client):
        page = client.get(reverse("documents:list")).text
        assert bulletin.title in page and commission_only.title in page
        for name in ROUTES:
            assert client.get(reverse(name, args=[commission_only.pk])).status_code == 200


def test_officer_reads_only_what_goes_to_all_units(officer_client, bulletin, commission_only):
    page = officer_client.get(reverse("documents:list")).text
    assert bulletin.title in page and commission_only.title not in page
    for name in ROUTES:
        assert officer_client.get(reverse(name, args=[bulletin.pk])).status_code == 200
        assert officer_client.get(reverse(name, args=[commission_only.pk])).status_code == 404


def test_a_person_with_no_role_reads_circulars_and_a_login_with_no_person_reads_nothing(township_a, bulletin):
    person_client = client_for(user_with_role(None, township_a, "plain"))
    assert bulletin.title in person_client.get(reverse("documents:list")).text
    nobody = client_for(UserFactory(username="nobody"))
    page = nobody.get(reverse("documents:list"))
    assert page.status_code == 200 and bulletin.title not in page.text and "暂无文档" in page.text
    assert nobody.get(reverse("documents:detail", args=[bulletin.pk])).status_code == 404


def test_missing_document_is_404(staff_client):
    for name in ROUTES:
        assert staff_client.get(reverse(name, args=[999])).status_code == 404


def test_anonymous_is_sent_to_login(client, bulletin):
    for url in [reverse("documents:list"), *(reverse(name, args=[bulletin.pk]) for name in ROUTES)]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url


def test_navigation_offers_documents_to_officers(officer_client):
    assert f'<a href="{reverse("documents:list")}">文档</a>' in officer_client.get(reverse("workbench")).text


def titles(response) -> list[str]:
    return [document.title for document in response.context["page"]]


def test_filter_by_kind_and_year(staff_client, bulletin):
    september = ranking(9)
    last_year = ranking(12, year=2025)
    url = reverse("documents:list")
    assert titles(staff_client.get(url, {"kind": K.MONTHLY_RANKING})) == [september.title, last_year.title]
    assert titles(staff_client.get(url, {"year": "2025"})) == [last_year.title]
    both = staff_client.get(url, {"kind": K.MONTHLY_RANKING, "year": "2026"})
    assert titles(both) == [september.title]
    page = staff_client.get(url).text
    assert ">全部</option>" in page and "---------" not in page
    assert '<option value="2026">2026年</option>' in page and '<option value="2025">2025年</option>' in page
    assert titles(staff_client.get(url, {"year": "1999"})) == []  # not a year with documents: refused, not ignored


def test_year_choices_are_the_readers_own(officer_client, bulletin):
    ranking(12, year=2025)  # the only 2025 document is the commission's
    page = officer_client.get(reverse("documents:list")).text
    assert '<option value="2026">' in page and '<option value="2025">' not in page


def test_newest_period_first_twenty_to_a_page(staff_client, bulletin):
    for year in (2025, 2026):
        for month in range(1, 13):
            ranking(month, year=year)
    url = reverse("documents:list")
    first = staff_client.get(url)
    assert len(first.context["page"]) == 20 and "共 25 条" in first.text
    newest = [f"2026年{month}月评比排名" for month in range(12, 6, -1)]
    assert titles(first)[:7] == [*newest, bulletin.title]  # the same start: kinds in their order
    second = staff_client.get(url, {"page": 2})
    assert titles(second) == [f"2025年{month}月评比排名" for month in (5, 4, 3, 2, 1)]


@pytest.mark.parametrize("count", [3, 25])
def test_list_queries_do_not_grow_with_rows(staff_client, count, django_assert_max_num_queries):
    for n in range(count):
        stored(period=f"2026-W{n + 1:02d}", start=date(2026, 1, 1), title=f"第{n + 1}周通报", kind=K.WEEKLY_BULLETIN)
    with django_assert_max_num_queries(7):
        response = staff_client.get(reverse("documents:list"))
    assert len(response.context["page"]) == min(count, 20)


def test_detail_shows_the_whole_document(officer_client, bulletin):
    page = officer_client.get(reverse("documents:detail", args=[bulletin.pk])).text
    assert bulletin.title in page and "期间：2026-07-01 至 2026-09-30" in page
    assert "本季度共发现问题12个，涉及2个单位。" in page and "请各单位对照整改。" in page
    assert "<h2>一、各单位问题数</h2>" in page and "按被查单位统计。" in page
    assert '<th scope="col">得分</th>' in page
    assert "<tr><td>甲镇</td><td>7</td><td>95.5</td></tr>" in page
    assert "<tr><td>乙镇</td><td>5</td><td></td></tr>" in page  # an empty cell stays blank
    assert "&lt;b&gt;典型&lt;/b&gt;" in page and "<b>典型</b>" not in page
    assert '<a href="/responsibility/rankings/">查看排名</a>' in page
    assert '<button type="button" data-print>打印</button>' in page
    assert (
        reverse("documents:excel", args=[bulletin.pk]) in page and reverse("documents:word", args=[bulletin.pk]) in page
    )
    assert "document-wide" not in page


def test_a_wide_table_prints_landscape(staff_client):
    wide = stored(content=hand_made(columns=8))
    page = staff_client.get(reverse("documents:detail", args=[wide.pk])).text
    assert 'class="card document document-wide"' in page


def test_detail_query_count(staff_client, bulletin, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        assert staff_client.get(reverse("documents:detail", args=[bulletin.pk])).status_code == 200


def test_stored_documents_are_read_only_in_the_admin(admin_client, bulletin):
    change = reverse("admin:documents_document_change", args=[bulletin.pk])
    assert admin_client.post(change, {"title": "改过的标题"}).status_code == 403
    bulletin.refresh_from_db()
    assert bulletin.title == "2026年第三季度正风肃纪情况通报"
    assert admin_client.get(reverse("admin:documents_document_add")).status_code == 403
    assert admin_client.get(change).status_code == 200
