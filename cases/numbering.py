"""Numbers people quote: a prefix, the year and a sequence without gaps (XF2026-00042)."""

from django.db import transaction

from cases.models import Counter

PREFIXES = {"report": "XF", "clue": "XS", "case": "AJ"}


@transaction.atomic
def next_number(kind: str, year: int) -> str:
    """The next number of ``kind`` for ``year``; the counter row is locked, so concurrent callers never collide."""
    Counter.objects.get_or_create(name=kind, year=year)
    counter = Counter.objects.select_for_update().get(name=kind, year=year)
    counter.value += 1
    counter.save(update_fields=["value"])
    return f"{PREFIXES[kind]}{year}-{counter.value:05d}"
