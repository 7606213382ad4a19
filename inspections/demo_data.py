"""The words of the demo inspections: what each kind of plan is about and what the teams find (all invented)."""

from inspections.models import Finding

C = Finding.Category

# Plan kinds: during a holiday checkpoint, the checks after it, and the routine visits in between.
HOLIDAY, FOLLOW_UP, ROUTINE = "holiday", "follow_up", "routine"

THEMES = {
    HOLIDAY: "违规吃喝、公车私用、违规收送礼品礼金、节日值班值守",
    FOLLOW_UP: "节日期间公务接待报销、公务用车行车记录和停放情况",
    ROUTINE: "上班纪律（玩游戏、闲聊、炒股、网购看视频）、在岗在位、乡镇干部走读、窗口服务质量",
}
PLACES = {
    HOLIDAY: "县城酒店、城郊农家乐、景区和高速路口停车场、商场购物卡柜台",
    FOLLOW_UP: "各单位财务室（报销凭证）、公务用车停放点及行车记录",
    ROUTINE: "乡镇便民服务中心、部门机关办公室、县政务服务中心窗口",
}
# What each kind of plan mostly finds, as weights.
CATEGORIES = {
    HOLIDAY: {C.BANQUETS: 5, C.CARS: 5, C.GIFTS: 3, C.ABSENCE: 2, C.LATE: 1},
    FOLLOW_UP: {C.BANQUETS: 3, C.CARS: 3, C.GIFTS: 1, C.OTHER: 1},
    ROUTINE: {C.GAMES: 3, C.CHATTING: 2, C.STOCKS: 1, C.SHOPPING: 2, C.ABSENCE: 3, C.LATE: 3, C.COMMUTING: 3,
              C.SERVICE: 3},
}  # fmt: skip
# (place, description, hours of the day it happens); {unit} is the inspected unit's name.
FINDINGS = {
    C.GAMES: ("{unit}办公室", "工作时间一名工作人员用手机玩游戏，对前来办事群众不予理睬。", (9, 16)),
    C.CHATTING: ("{unit}办公室", "工作时间三名干部聚在一起闲聊，办公桌上文件堆积未处理。", (9, 16)),
    C.STOCKS: ("{unit}办公室", "工作时间一名干部用办公电脑浏览股票行情并进行交易。", (10, 15)),
    C.SHOPPING: ("{unit}办公室", "工作时间一名工作人员在电脑上网购，另有一人用手机看视频。", (9, 16)),
    C.ABSENCE: ("{unit}", "工作时间值班人员不在岗，经电话联系，本人在外办理私事。", (9, 16)),
    C.LATE: ("{unit}机关大门", "上班时间过后仍有两名干部陆续到岗，未履行请假手续。", (8, 9)),
    C.COMMUTING: ("{unit}干部周转房", "晚间抽查，驻镇干部有三人不在乡镇住宿，每日往返县城走读。", (20, 22)),
    C.CARS: ("城郊某农家乐停车场", "发现一辆{unit}公务用车停放于此，驾驶人系该单位干部办理私事。", (11, 20)),
    C.BANQUETS: ("县城某酒店包间", "{unit}干部在此聚餐饮酒，费用拟由管理服务对象支付。", (18, 21)),
    C.GIFTS: ("某商场购物卡柜台", "有人为{unit}干部购买大额购物卡，疑似节日期间收送礼品礼金。", (10, 19)),
    C.SERVICE: ("{unit}便民服务窗口", "窗口工作人员态度生硬，对群众咨询推诿，要求反复提交材料。", (9, 16)),
    C.OTHER: ("{unit}财务室", "节日期间一笔接待费用报销凭证无公函和接待清单。", (9, 16)),
}
POSITIONS = ["副镇长", "站所负责人", "科员", "股长", "副局长", "驻村干部", "窗口工作人员"]
# Who may be named: always where a car, a meal or a gift points to someone, sometimes elsewhere.
NAMED = {C.CARS, C.BANQUETS, C.GIFTS}
NOTES = {
    "corrected": "督查组当场指出，当事人当即改正并作出说明。",
    "rectification": "下发整改通知书，责成单位限期整改并报送整改情况。",
    "clue": "问题性质较重，移送问题线索依规处置。",
    "exposure": "在全县作风建设通报中点名道姓通报曝光。",
}
