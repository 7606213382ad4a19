"""Rows read ahead on a connection of their own: the same rows, the statements applied there, errors and early stops
handled, and reading in place inside a transaction."""

import threading

import pytest
from django.db import connection
from django.db.models.expressions import RawSQL
from django.db.utils import DataError

from exports.read_ahead import read_ahead
from orgs.models import Unit
from tests.factories import UnitFactory

ROWS = 7


@pytest.fixture
def units(db):
    return [UnitFactory(name=f"单位{n}", sort_order=n) for n in range(ROWS)]


def names():
    return Unit.objects.order_by("sort_order").values_list("name", flat=True)


def connection_pid():
    return RawSQL("pg_backend_pid()", [])


def own_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_rows_come_in_order_across_chunks_from_another_connection(units):
    rows = list(read_ahead(names().annotate(pid=connection_pid()).values_list("name", "pid"), chunk_size=2))
    assert [name for name, _ in rows] == [f"单位{n}" for n in range(ROWS)]
    readers = {pid for _, pid in rows}
    assert len(readers) == 1 and own_pid() not in readers


@pytest.mark.django_db(transaction=True)
def test_statements_run_on_the_reading_connection_only(units):
    jit = RawSQL("current_setting('jit')", [])
    rows = read_ahead(names().annotate(jit=jit).values_list("jit", flat=True), chunk_size=3,
                      statements=["SET LOCAL jit = off"])  # fmt: skip
    assert set(rows) == {"off"}
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "on"


@pytest.mark.django_db(transaction=True)
def test_an_error_while_reading_is_raised_to_the_caller_and_the_thread_ends(units):
    before = threading.active_count()
    failing = names().annotate(bad=RawSQL("1 / (sort_order - 4)", [])).values_list("bad", flat=True)
    with pytest.raises(DataError, match="division by zero"):
        list(read_ahead(failing, chunk_size=2))
    assert threading.active_count() == before


@pytest.mark.django_db(transaction=True)
def test_stopping_early_stops_the_reader(units):
    before = threading.active_count()
    rows = read_ahead(names(), chunk_size=1)
    assert next(rows) == "单位0"
    rows.close()
    assert threading.active_count() == before


def test_inside_a_transaction_rows_are_read_in_place(units):
    # The test's transaction is uncommitted: another connection would see no units at all.
    rows = read_ahead(names().annotate(pid=connection_pid()).values_list("name", "pid"), chunk_size=2)
    assert list(rows) == [(f"单位{n}", own_pid()) for n in range(ROWS)]
