"""Cached list pages: served again to the same visitor until anything is written, never to anybody else."""

import pytest
from django.contrib.messages import get_messages
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.core.paginator import Paginator
from django.test import Client
from rest_framework.authtoken.models import Token

from common import list_cache
from common.pagination import ListPaginator
from responsibility.models import Task
from tests.factories import TaskFactory, client_for

LEDGER = "/responsibility/"


@pytest.fixture(autouse=True)
def _lists_kept(settings):
    settings.LIST_CACHE_SECONDS = 30


TASKS_API = "/api/v1/responsibility/tasks/"


def _seen(client: Client, path: str = LEDGER) -> str:
    """The page as a browser gets it once it holds its CSRF cookie (a response setting a cookie is not kept)."""
    client.get(path)
    return client.get(path).content.decode()


def _retitle_quietly(task: Task, title: str) -> None:
    """A write no signal reports (as a bulk update in a job would be): only the clock or a request moves on."""
    Task.objects.filter(pk=task.pk).update(title=title)


@pytest.mark.django_db
def test_the_same_session_gets_the_page_again_until_a_model_is_saved(staff_client, django_assert_num_queries):
    task = TaskFactory(title="原标题")
    assert "原标题" in _seen(staff_client)
    _retitle_quietly(task, "悄悄改过")
    with django_assert_num_queries(1):  # the user (the session comes from the cache): no list query at all
        assert "原标题" in staff_client.get(LEDGER).content.decode()
    task.refresh_from_db()
    task.save()  # any save moves the generation on
    assert "悄悄改过" in staff_client.get(LEDGER).content.decode()


@pytest.mark.django_db
def test_any_post_moves_on_even_one_that_writes_without_signals(staff_client):
    task = TaskFactory(title="原标题")
    _seen(staff_client)
    _retitle_quietly(task, "悄悄改过")
    staff_client.post(LEDGER)  # any unsafe request, whatever it did
    assert "悄悄改过" in staff_client.get(LEDGER).content.decode()


@pytest.mark.django_db
def test_another_visitor_never_gets_a_page_rendered_for_somebody_else(staff_user, officer_user, township_a, township_b):
    TaskFactory(title="甲镇的任务", lead_unit=township_a)
    TaskFactory(title="乙镇的任务", lead_unit=township_b)
    assert "乙镇的任务" in client_for(staff_user).get(LEDGER).content.decode()
    officer_page = client_for(officer_user).get(LEDGER).content.decode()
    assert "甲镇的任务" in officer_page and "乙镇的任务" not in officer_page
    assert Client().get(LEDGER).status_code == 302  # no login: the login page, not the cached ledger


@pytest.mark.django_db
def test_the_same_user_in_another_browser_gets_its_own_page(staff_user):
    task = TaskFactory(title="原标题")
    first, second = client_for(staff_user), client_for(staff_user)
    _seen(first)
    _retitle_quietly(task, "悄悄改过")
    assert "悄悄改过" in second.get(LEDGER).content.decode()
    assert "原标题" in first.get(LEDGER).content.decode()


@pytest.mark.django_db
def test_a_page_with_a_one_off_message_is_not_kept(staff_client):
    response = staff_client.get(LEDGER)
    storage = get_messages(response.wsgi_request)
    storage.add(20, "只显示一次的提示")
    storage.update(response)
    staff_client.cookies.update(response.cookies)
    assert "只显示一次的提示" in staff_client.get(LEDGER).content.decode()
    assert "只显示一次的提示" not in staff_client.get(LEDGER).content.decode()


@pytest.mark.django_db
def test_api_lists_are_kept_per_token(staff_user, officer_user, township_a, township_b):
    TaskFactory(title="甲镇的任务", lead_unit=township_a)
    TaskFactory(title="乙镇的任务", lead_unit=township_b)
    api = Client()
    staff = {"HTTP_AUTHORIZATION": f"Token {Token.objects.create(user=staff_user).key}"}
    officer = {"HTTP_AUTHORIZATION": f"Token {Token.objects.create(user=officer_user).key}"}
    assert len(api.get(TASKS_API, **staff).json()["results"]) == 2
    assert [t["title"] for t in api.get(TASKS_API, **officer).json()["results"]] == ["甲镇的任务"]
    assert api.get(TASKS_API).status_code in (401, 403)
    cached = api.get(TASKS_API, **staff)
    assert cached["Content-Type"] == "application/json" and len(cached.json()["results"]) == 2


@pytest.mark.django_db
def test_ids_first_pages_hold_what_offset_pages_hold(django_assert_max_num_queries):
    TaskFactory.create_batch(23)
    tasks = Task.objects.select_related("plan").order_by("-number", "pk")
    plain, ids_first = Paginator(tasks, 5, orphans=2), ListPaginator(tasks, 5, orphans=2)
    assert ids_first.count == plain.count == 23 and ids_first.num_pages == plain.num_pages
    for number in plain.page_range:
        assert list(ids_first.page(number)) == list(plain.page(number))
    with django_assert_max_num_queries(2):  # the count is kept; the page's ids, then its rows
        list(ListPaginator(tasks, 5).page(4))


@pytest.mark.django_db
def test_no_caching_when_switched_off(staff_client, settings):
    settings.LIST_CACHE_SECONDS = 0
    task = TaskFactory(title="原标题")
    _seen(staff_client)
    _retitle_quietly(task, "悄悄改过")
    assert "悄悄改过" in staff_client.get(LEDGER).content.decode()


@pytest.mark.django_db
def test_an_unsafe_request_moves_on_once_however_many_rows_it_saves(staff_client):
    before = list_cache.generation()
    staff_client.post(LEDGER)  # saves nothing: still moves on
    assert list_cache.generation() == before + 1
    TaskFactory()  # outside a request every save moves on (several here: plan, person, unit, task…)
    assert list_cache.generation() > before + 2


def test_the_cache_keeps_one_redis_client_per_pool():
    cache.set("kept-client-probe", 7)
    assert cache.get("kept-client-probe") == 7
    assert cache._cache.get_client(write=True) is cache._cache.get_client(write=True)


@pytest.mark.django_db
def test_sessions_written_by_signing_in_do_not_empty_the_cache(staff_user):
    before = list_cache.generation()
    client_for(staff_user).get(LEDGER)  # a sign-in: a session saved, and the user's last login
    after_login = list_cache.generation()
    Session.objects.first().save()
    assert list_cache.generation() == after_login and after_login <= before + 1  # the user's last_login only
