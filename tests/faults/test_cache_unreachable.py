"""The cache pointed at a port where no Redis listens (a real refused connection): pages carry on, the public's
hourly limits let people through, and one-time codes are refused while their failures cannot be counted."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.cases.public_support import form_post
from tests.fault_servers import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def unreachable_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "common.redis_cache.ClientKeepingRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/1",  # bound and released: nothing listens there
            "KEY_PREFIX": "jiancha",
        }
    }


def test_reads_miss_writes_are_dropped_and_counts_are_not_made_up():
    cache.set("greeting", "你好")
    assert cache.get("greeting") is None and cache.get("greeting", "默认") == "默认"
    assert cache.add("counter", 0) is False and cache.get_or_set("figures", 42) == 42
    with pytest.raises(ValueError):
        cache.incr("counter")
    assert cache.answers() is False


def test_pages_and_sessions_carry_on(client, staff_user):
    client.post(reverse("login"), {"username": "staff1", "password": "correct-horse-battery"})
    assert client.get(reverse("workbench")).status_code == 200
    assert client.get(reverse("cases:report-list")).status_code == 200


def test_public_limits_let_the_public_through(client, settings):
    settings.PUBLIC_SUBMIT_RATE = "1/h"
    for _ in range(3):
        response = client.post(reverse("public:report-form"), form_post())
        assert response.status_code == 200 and "举报已提交" in response.text


def test_one_time_codes_are_refused_while_failures_cannot_be_counted(client, staff_user, settings):
    settings.OTP_REQUIRED_FOR_COMMISSION = True
    device = TOTPDevice.objects.create(user=staff_user, name="手机", confirmed=True)
    client.post(reverse("login"), {"username": "staff1", "password": "correct-horse-battery"})
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"

    refused = client.post(reverse("accounts:otp-verify"), {"code": code})

    assert refused.status_code == 503 and "暂时无法验证动态口令" in refused.text
    assert "锁定" not in refused.text.replace("没有被锁定", "")  # the account is not said to be locked
    assert client.get(reverse("workbench")).status_code == 302


def test_the_token_endpoint_says_codes_cannot_be_checked_now(client, staff_user, settings):
    settings.OTP_REQUIRED_FOR_COMMISSION = True
    TOTPDevice.objects.create(user=staff_user, name="手机", confirmed=True)
    refused = client.post(reverse("api-token"), {"username": "staff1", "password": "correct-horse-battery"})
    assert refused.status_code == 503 and "没有被锁定" in refused.json()["detail"]
