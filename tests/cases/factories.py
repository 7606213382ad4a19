"""Reports, clues, transfers and cases in the states the tests need; every identity here is invented."""

import random
from datetime import date

import factory
from django.utils import timezone

from cases.models import Case, Channel, Clue, Report, Transfer
from common.crypto import keyed_hash
from common.identity import fake_resident_id
from tests.factories import UserFactory

_rng = random.Random(20261122)


class ReportFactory(factory.django.DjangoModelFactory):
    """A received real-name web report; pass ``status=...`` and friends as needed."""

    class Meta:
        model = Report

    number = factory.Sequence(lambda n: f"XF2026-{n + 1:05d}")
    channel = Channel.WEB
    category = "banquets"
    is_real_name = True
    reporter_name = factory.Sequence(lambda n: f"测试举报人{n}")
    reporter_id_number = factory.LazyFunction(lambda: fake_resident_id(_rng, region="999999"))
    reporter_phone = factory.Sequence(lambda n: f"1390000{n:04d}")
    reporter_key = factory.LazyAttribute(lambda report: keyed_hash(report.reporter_id_number))
    accused_name = factory.Sequence(lambda n: f"被举报人{n}")
    accused_unit_name = "某某镇人民政府"
    accused_position = "副镇长"
    content = "在某农家乐用公款宴请。"
    happened_on = date(2026, 5, 1)
    place = "某某农家乐"
    received_at = factory.LazyFunction(timezone.now)
    acceptance_due_on = date(2026, 12, 31)
    is_demo = True


class ClueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Clue

    number = factory.Sequence(lambda n: f"XS2026-{n + 1:05d}")
    report = factory.SubFactory(ReportFactory, status=Report.Status.ACCEPTED)
    category = "banquets"
    accused_name = factory.SelfAttribute("report.accused_name")
    summary = "反映其公款吃喝问题。"
    disposition = Clue.Disposition.VERIFICATION
    proposed_by = factory.SubFactory(UserFactory)


class TransferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Transfer

    clue = factory.SubFactory(ClueFactory, status=Clue.Status.TRANSFERRED)
    instructions = "请核实并查报结果。"
    deadline = date(2026, 12, 31)
    transferred_by = factory.SubFactory(UserFactory)


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    number = factory.Sequence(lambda n: f"AJ2026-{n + 1:05d}")
    clue = factory.SubFactory(ClueFactory, status=Clue.Status.APPROVED)
    title = "某某违规公款吃喝案"
    handled_by = factory.SubFactory(UserFactory)
