"""An empty filter choice reads 全部 ("all") on every list page, not django-filter's dashes."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_public_and_staff_filters_say_all(client, staff_client):
    for response in (
        client.get(reverse("rectification_public:commitment-list")),
        staff_client.get(reverse("cases:report-list")),
        staff_client.get(reverse("rectification:problem-list")),
    ):
        assert response.status_code == 200
        assert "---------" not in response.text
        assert ">全部</option>" in response.text
