"""The checklist API's records: supervision notices, responsibility letters and accountability, per role."""

from datetime import timedelta

import pytest

from responsibility import services
from responsibility.models import AccountabilityRecord, ResponsibilityLetter, SupervisionNotice
from responsibility.periods import today
from tests.factories import PersonFactory
from tests.responsibility.test_api import API, ids

pytestmark = pytest.mark.django_db

# Notices and accountability records belong to one unit: here the lead unit's, unseen by its co-unit.
LEAD_UNIT_SCOPE = [
    ("staff_client", True), ("owner_client", True), ("lead_client", True), ("co_client", False), ("other_client", False)
]  # fmt: skip


# Supervision notices --------------------------------------------------------------------------


def notice_input(task, unit, /, **changes) -> dict:
    deadline = today() + timedelta(days=7)
    return {"task": task.pk, "unit": unit.pk, "content": "请说明滞后原因", "reply_deadline": f"{deadline}", **changes}


def test_staff_issue_a_notice(staff_client, task, co_unit):
    response = staff_client.post(f"{API}/notices/", notice_input(task, co_unit))
    assert response.status_code == 201, response.json()
    assert (response.json()["unit_name"], response.json()["state"]) == ("协办局", "unanswered")
    assert SupervisionNotice.objects.get().unit == co_unit


@pytest.mark.parametrize("persona", ["lead_client", "owner_client", "other_client"])
def test_only_staff_issue_notices(request, persona, task, lead_unit):
    response = request.getfixturevalue(persona).post(f"{API}/notices/", notice_input(task, lead_unit))
    assert response.status_code == 403
    assert response.json() == {"detail": "只有纪委监委工作人员可以登记。"}
    assert not SupervisionNotice.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"unit": 999999}, "unit", "对象不存在"),
        ({"task": 999999}, "task", "对象不存在"),
        ({"reply_deadline": f"{today() - timedelta(days=1)}"}, "reply_deadline", "回复期限不能早于今天。"),
        ({"content": ""}, "content", "不能为空"),
    ],
)
def test_bad_notice_input_is_refused(staff_client, task, lead_unit, changes, field, message):
    response = staff_client.post(f"{API}/notices/", notice_input(task, lead_unit, **changes))
    assert response.status_code == 400
    assert message in " ".join(response.json()[field])
    assert not SupervisionNotice.objects.exists()


def test_notice_to_a_unit_outside_the_task_is_refused(staff_client, task, other_unit):
    response = staff_client.post(f"{API}/notices/", notice_input(task, other_unit))
    assert response.json() == {"unit": ["只能向该任务的牵头单位或协办单位发督办单。"]}


@pytest.fixture
def notice(task, lead_unit, staff_user):
    return services.notice_issue(
        task=task, unit=lead_unit, content="请加快进度", reply_deadline=today() + timedelta(days=3), user=staff_user
    )


def test_unit_replies_staff_close_and_a_late_reply_is_refused(lead_client, staff_client, notice):
    reply = lead_client.post(f"{API}/notices/{notice.pk}/reply/", {"reply": "已整改到位"})
    assert reply.status_code == 200, reply.json()
    assert (reply.json()["reply"], reply.json()["state"]) == ("已整改到位", "answered")
    closed = staff_client.post(f"{API}/notices/{notice.pk}/close/")
    assert closed.status_code == 200
    assert closed.json()["state"] == "closed"
    late = lead_client.post(f"{API}/notices/{notice.pk}/reply/", {"reply": "补充说明"})
    assert late.status_code == 400
    assert late.json() == {"non_field_errors": ["该督办单已办结，不能再回复。"]}
    notice.refresh_from_db()
    assert notice.reply == "已整改到位"


def test_empty_reply_is_refused(lead_client, notice):
    response = lead_client.post(f"{API}/notices/{notice.pk}/reply/", {"reply": " "})
    assert response.status_code == 400
    assert "reply" in response.json()


@pytest.mark.parametrize("persona", ["co_client", "other_client", "staff_client", "owner_client"])
def test_only_the_notices_unit_replies(request, persona, notice):
    response = request.getfixturevalue(persona).post(f"{API}/notices/{notice.pk}/reply/", {"reply": "代答"})
    assert response.status_code == 404
    notice.refresh_from_db()
    assert notice.replied_at is None


@pytest.mark.parametrize("persona", ["lead_client", "owner_client", "other_client"])
def test_only_staff_close_notices(request, persona, notice, lead_officer):
    services.notice_reply(notice=notice, reply="已整改", user=lead_officer)
    assert request.getfixturevalue(persona).post(f"{API}/notices/{notice.pk}/close/").status_code == 404
    notice.refresh_from_db()
    assert notice.closed_at is None


def test_closing_an_unanswered_notice_is_refused(staff_client, notice):
    response = staff_client.post(f"{API}/notices/{notice.pk}/close/")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["单位尚未回复，不能办结。"]}


def test_notices_filter_by_state(staff_client, task, lead_unit, co_unit, staff_user, lead_officer):
    def issue(unit):
        return services.notice_issue(task=task, unit=unit, content="督办", reply_deadline=today(), user=staff_user)

    unanswered, overdue, answered, closed = issue(lead_unit), issue(co_unit), issue(lead_unit), issue(lead_unit)
    SupervisionNotice.objects.filter(pk=overdue.pk).update(reply_deadline=today() - timedelta(days=1))
    for done in (answered, closed):
        services.notice_reply(notice=done, reply="已办", user=lead_officer)
    services.notice_close(notice=closed)
    url = f"{API}/notices/"
    assert ids(staff_client.get(url, {"state": "open"})) == {unanswered.pk, overdue.pk, answered.pk}
    assert ids(staff_client.get(url, {"state": "unanswered"})) == {unanswered.pk, overdue.pk}
    assert ids(staff_client.get(url, {"state": "overdue"})) == {overdue.pk}
    assert ids(staff_client.get(url, {"state": "closed"})) == {closed.pk}
    assert ids(staff_client.get(url, {"unit": co_unit.pk})) == {overdue.pk}
    states = {row["id"]: row["state"] for row in staff_client.get(url).json()["results"]}
    assert states == {unanswered.pk: "unanswered", overdue.pk: "overdue", answered.pk: "answered", closed.pk: "closed"}
    assert staff_client.get(url, {"state": "lost"}).status_code == 400


@pytest.mark.parametrize(("persona", "sees"), LEAD_UNIT_SCOPE)
def test_notices_are_scoped(request, persona, sees, notice):
    client = request.getfixturevalue(persona)
    assert ids(client.get(f"{API}/notices/")) == ({notice.pk} if sees else set())
    assert client.get(f"{API}/notices/{notice.pk}/").status_code == (200 if sees else 404)


# Responsibility letters ------------------------------------------------------------------------


@pytest.fixture
def letters(owner_user, lead_unit, co_unit):
    K = ResponsibilityLetter.Kind
    leader = owner_user.person

    def letter(year, kind, unit, **extra):
        return ResponsibilityLetter.objects.create(year=year, kind=kind, issuer=leader, signer_unit=unit, **extra)

    return {
        "lead": letter(2026, K.LEADER_LEAD_UNIT, lead_unit),
        "co": letter(2026, K.LEADER_CO_UNIT, co_unit, signed_on=today()),
        "old": letter(2025, K.LEADER_LEAD_UNIT, lead_unit),
    }


def test_letters_filter_by_year_kind_and_signed(staff_client, letters):
    url = f"{API}/letters/"
    assert ids(staff_client.get(url, {"year": 2026})) == {letters["lead"].pk, letters["co"].pk}
    assert ids(staff_client.get(url, {"year": 2026, "signed": False})) == {letters["lead"].pk}
    assert ids(staff_client.get(url, {"signed": True})) == {letters["co"].pk}
    assert ids(staff_client.get(url, {"kind": "leader_lead_unit"})) == {letters["lead"].pk, letters["old"].pk}


def test_letters_are_scoped(lead_client, other_client, letters):
    assert ids(lead_client.get(f"{API}/letters/")) == {letters["lead"].pk, letters["old"].pk}
    assert ids(other_client.get(f"{API}/letters/")) == set()


def test_staff_sign_a_letter(staff_client, letters):
    letter = letters["lead"]
    response = staff_client.post(f"{API}/letters/{letter.pk}/sign/", {"signed_on": f"{today()}"})
    assert response.status_code == 200, response.json()
    assert response.json()["signed_on"] == f"{today()}"
    future = staff_client.post(f"{API}/letters/{letter.pk}/sign/", {"signed_on": f"{today() + timedelta(days=1)}"})
    assert future.status_code == 400
    assert future.json() == {"signed_on": ["签订日期不能晚于今天。"]}
    letter.refresh_from_db()
    assert letter.signed_on == today()


@pytest.mark.parametrize("persona", ["lead_client", "owner_client", "other_client"])
def test_only_staff_sign_letters(request, persona, letters):
    letter = letters["lead"]
    assert request.getfixturevalue(persona).post(f"{API}/letters/{letter.pk}/sign/").status_code == 404
    letter.refresh_from_db()
    assert letter.signed_on is None


# Accountability --------------------------------------------------------------------------------


def record_input(task, unit, /, **changes) -> dict:
    return {
        "task": task.pk,
        "unit": unit.pk,
        "measure": "talk",
        "reason": "连续两月未报送",
        "decided_on": f"{today()}",
        **changes,
    }


def test_staff_record_accountability(staff_client, task, co_unit):
    person = PersonFactory(unit=co_unit, name="协办局局长")
    response = staff_client.post(
        f"{API}/accountability/", record_input(task, co_unit, person=person.pk, dual_accountability=True)
    )
    assert response.status_code == 201, response.json()
    assert (response.json()["person_name"], response.json()["measure_display"]) == ("协办局局长", "约谈")
    record = AccountabilityRecord.objects.get()
    assert (record.unit, record.person, record.dual_accountability) == (co_unit, person, True)


@pytest.mark.parametrize("persona", ["lead_client", "owner_client", "other_client"])
def test_only_staff_record_accountability(request, persona, task, lead_unit):
    response = request.getfixturevalue(persona).post(f"{API}/accountability/", record_input(task, lead_unit))
    assert response.status_code == 403
    assert not AccountabilityRecord.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"unit": 999999}, "unit", "对象不存在"),
        ({"measure": "flogging"}, "measure", "不是合法选项"),
        ({"reason": ""}, "reason", "不能为空"),
        ({"decided_on": "昨天"}, "decided_on", "日期格式错误"),
    ],
)
def test_bad_accountability_input_is_refused(staff_client, task, lead_unit, changes, field, message):
    response = staff_client.post(f"{API}/accountability/", record_input(task, lead_unit, **changes))
    assert response.status_code == 400
    assert message in " ".join(response.json()[field])
    assert not AccountabilityRecord.objects.exists()


def test_accountability_unit_and_person_must_fit_the_task(staff_client, task, lead_unit, other_unit):
    outside = staff_client.post(f"{API}/accountability/", record_input(task, other_unit))
    assert outside.json() == {"unit": ["被追责单位须为该任务的牵头单位或协办单位。"]}
    stranger = PersonFactory(unit=other_unit)
    wrong_person = staff_client.post(f"{API}/accountability/", record_input(task, lead_unit, person=stranger.pk))
    assert wrong_person.json() == {"person": ["被追责人须属于被追责单位。"]}
    assert not AccountabilityRecord.objects.exists()


@pytest.mark.parametrize(("persona", "sees"), LEAD_UNIT_SCOPE)
def test_accountability_is_scoped(request, persona, sees, task, lead_unit, staff_user):
    record = services.accountability_record(
        task=task, unit=lead_unit, person=None, measure="criticism", reason="滞后",
        dual_accountability=False, decided_on=today(), user=staff_user,
    )  # fmt: skip
    client = request.getfixturevalue(persona)
    assert ids(client.get(f"{API}/accountability/", {"task": task.pk})) == ({record.pk} if sees else set())
    assert client.get(f"{API}/accountability/{record.pk}/").status_code == (200 if sees else 404)
