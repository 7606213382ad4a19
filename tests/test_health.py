import pytest
from django.db import connection

from jiancha.celery import app as celery_app


@pytest.mark.django_db
def test_healthz_is_ok_when_database_and_broker_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() | {"worker_heartbeat": None} == {
        "status": "ok", "database": "ok", "broker": "ok", "worker_heartbeat": None,
    }  # fmt: skip


@pytest.mark.django_db
def test_healthz_is_503_when_broker_is_down(client, monkeypatch):
    # Port 9 (discard) has nothing listening on this machine: a real refused connection.
    monkeypatch.setattr(celery_app.conf, "broker_url", "redis://127.0.0.1:9/0")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"] == "error"
    assert response.json()["database"] == "ok"


@pytest.mark.django_db
def test_healthz_is_503_when_database_is_down(client, monkeypatch):
    def refuse(*args, **kwargs):
        from django.db import OperationalError

        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "error"
