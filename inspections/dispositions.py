"""What a finding carries into the item its disposition opens elsewhere: a category the cases app knows, a summary."""

from django.utils import timezone

from inspections.models import Finding

F = Finding.Category
# A finding's category in the cases app's words (cases.models.Category), for a clue opened from it.
CLUE_CATEGORY = {
    F.GAMES: "work_discipline", F.CHATTING: "work_discipline", F.STOCKS: "work_discipline",
    F.SHOPPING: "work_discipline", F.ABSENCE: "work_discipline", F.LATE: "work_discipline",
    F.COMMUTING: "work_discipline", F.CARS: "cars", F.BANQUETS: "banquets", F.GIFTS: "gifts",
    F.SERVICE: "work_discipline", F.OTHER: "other",
}  # fmt: skip


def finding_summary(finding: Finding, note: str = "") -> str:
    """The finding told to the unit or the case handler: when, where, what; never the plan or the team."""
    when = timezone.localtime(finding.occurred_at).strftime("%Y-%m-%d %H:%M")
    persons = f"，涉及人员：{finding.persons}" if finding.persons else ""
    text = f"{when}在{finding.place}发现{finding.get_category_display()}问题{persons}。{finding.description}"
    return f"{text}\n处理意见：{note.strip()}" if note.strip() else text
