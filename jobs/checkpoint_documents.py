"""What the holiday jobs write about a checkpoint (节点): the 廉洁过节 notice to every unit, the prompt to the team
leaders, and the post-holiday summary of the findings for the leaders.

The notice follows the seeds' practice: 廉不廉看过年，洁不洁看过节; before each holiday the commission sends a special
notice, during the days off inspectors check the car parks of hotels and 农家乐, and after the holiday the units'
reimbursements and vehicle records are examined (节假期后专题调查单位报帐、车辆通关).
"""

from collections import Counter
from datetime import date

from django.db.models import Count
from django.urls import reverse

from documents.content import Section, build
from inspections.bulletins import bulletin_summary, findings_snapshot
from inspections.checkpoints import Basis, Checkpoint
from inspections.models import Plan
from jobs.findings_tables import findings_sections
from jobs.wording import long_date

# The holiday as official notices name it.
HOLIDAY_NAMES = {
    "new_year": "元旦", "spring_festival": "春节", "qingming": "清明节", "labour_day": "“五一”",
    "dragon_boat": "端午节", "mid_autumn": "中秋节", "national_day": "国庆节",
}  # fmt: skip
RULES = (
    "严禁用公款请客送礼、吃喝宴请，严禁用公款购买、赠送节礼，严禁借节日之机搞变相公款吃喝。",
    "严禁公车私用、公车私驾，严禁公务用车驶入酒店、农家乐等场所；节日期间公务用车按规定集中停放，"
    "确因公务用车须履行审批手续。",
    "严禁违规收受礼品礼金、消费卡和有价证券，严禁借婚丧喜庆等事宜借机敛财。",
    "严禁违规发放津贴补贴、奖金和实物福利，严禁出入私人会所、参与赌博等活动。",
)
DUTY = (
    "严格落实节日期间领导带班和值班制度，值班人员坚守岗位、保持通讯畅通，"
    "遇有突发事件和重大情况及时报告、妥善处置，不得擅离职守。"
)
INSPECTION = (
    "节日期间，县纪委监委将组织作风效能督查小组和特邀监察员开展明察暗访，重点核查酒店、农家乐公车停放和"
    "公款吃喝、送礼等问题；节后专题调查各单位报账和公务用车使用情况。对顶风违纪的，发现一起、查处一起，"
    "一律通报曝光。"
)
DEMANDS = (
    "各单位要将本提醒及时传达到每一名党员干部。主要负责人要履行第一责任人职责，带头廉洁过节、文明过节，"
    "管好班子、带好队伍；单位纪检组织要加强日常监督，发现问题及时处置。"
)


def _span(first: date, last: date) -> str:
    return long_date(first) if first == last else f"{long_date(first)}至{long_date(last)}"


def holiday_name(checkpoint: Checkpoint) -> str:
    """The holiday as notices name it, e.g. 2026年中秋节: with the year of the holiday itself, so 元旦 is the new
    year's even when its notice goes out in December."""
    festival = checkpoint.key.partition("-")[2]
    return f"{checkpoint.day.year}年{HOLIDAY_NAMES.get(festival, checkpoint.name)}"


def days_off_text(checkpoint: Checkpoint) -> str:
    first, last = checkpoint.days_off
    if checkpoint.basis == Basis.NOT_A_HOLIDAY:
        return f"{long_date(checkpoint.day)}（当年非法定假日，不放假）"
    days = f"{_span(first, last)}放假，共{(last - first).days + 1}天"
    return days if checkpoint.basis == Basis.OFFICIAL else f"{days}（{Basis.STATUTORY}，以正式放假通知为准）"


def notice_title(checkpoint: Checkpoint) -> str:
    return f"关于{holiday_name(checkpoint)}期间严明纪律要求、廉洁过节的提醒"


def notice_content(checkpoint: Checkpoint) -> dict:
    schedule = [
        ("放假时间", days_off_text(checkpoint)),
        ("明察暗访", _span(*checkpoint.window)),
        ("节后检查", f"{long_date(checkpoint.follow_up_on)}起"),
    ]
    return build(
        summary=[
            f"{holiday_name(checkpoint)}即将到来。“廉不廉看过年，洁不洁看过节”。为严明节日期间纪律要求，防止“四风”问题"
            "反弹回潮，确保风清气正过节，现就有关事项提醒如下。"
        ],
        sections=[
            Section("一、严守廉洁纪律", paragraphs=[f"{n}. {rule}" for n, rule in enumerate(RULES, start=1)]),
            Section("二、严格值班值守", paragraphs=[DUTY]),
            Section("三、放假和监督检查安排", paragraphs=[INSPECTION], columns=("事项", "时间"), rows=schedule),
            Section("四、工作要求", paragraphs=[DEMANDS]),
        ],
    )


def plan_prompt(checkpoint: Checkpoint) -> tuple[str, str, str]:
    """(title, body, url) of the reminder to a team leader to plan the checkpoint's inspections. The plan form
    cannot be preselected from a link, so it leads to the checkpoint calendar of the year."""
    title = f"请制定{holiday_name(checkpoint)}节点明察暗访检查计划"
    body = (
        f"{days_off_text(checkpoint)}；明察暗访时段为{_span(*checkpoint.window)}。"
        f"请在节前制定检查计划，并在计划的“节点”中选择{checkpoint.day.year}年{checkpoint.name}。"
    )
    url = f"{reverse('inspections:checkpoints')}?year={checkpoint.day.year}"
    return title, body, url


def summary_title(checkpoint: Checkpoint) -> str:
    return f"{holiday_name(checkpoint)}期间明察暗访检查情况汇总"


def summary_content(checkpoint: Checkpoint) -> dict:
    """The findings made in the checkpoint's inspection window, whichever plan they were recorded under, and the
    plans drawn up for the checkpoint: two queries."""
    first, last = checkpoint.window
    plans = list(
        Plan.objects.filter(checkpoint=checkpoint.key)
        .select_related("team")
        .annotate(finding_count=Count("findings"))
        .order_by("starts_on", "id")
    )
    snapshot = findings_snapshot(first, last)
    year = checkpoint.day.year
    return build(
        summary=[f"明察暗访时段：{_span(first, last)}。{bulletin_summary(snapshot)}", _plans_sentence(plans)],
        sections=[*findings_sections(snapshot), _plans_section(plans)],
        links=[
            ("节点检查日历", f"{reverse('inspections:checkpoints')}?year={year}"),
            ("明察暗访统计", f"{reverse('inspections:statistics')}?year={year}"),
        ],
    )


def _plans_sentence(plans: list[Plan]) -> str:
    if not plans:
        return "本节点未制定检查计划。"
    statuses = Counter(p.get_status_display() for p in plans)
    return f"本节点共制定检查计划{len(plans)}个，其中" + "、".join(f"{s}{n}个" for s, n in statuses.items()) + "。"


def _plans_section(plans: list[Plan]) -> Section:
    return Section(
        "五、节点检查计划",
        paragraphs=[] if plans else ["本节点未制定检查计划。"],
        columns=("检查计划", "督查小组", "起止日期", "状态", "发现问题数"),
        rows=[
            (p.title, p.team.name, _span(p.starts_on, p.ends_on), p.get_status_display(), p.finding_count)
            for p in plans
        ],
    )
