"""Generate a realistic project of N activities for benchmarks (and scale tests).

The activities vary like real ones: every kind, festival dates, one- and
two-track schedules, phases, supplies with prices, sign-up sheets, some with
beneficiaries and groups, some with published reports.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

import yaml

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ["秀英", "桂兰", "玉兰", "建国", "德明", "志强", "淑珍", "凤英", "长林", "金花", "国庆", "素芳"]
PLACES = ["竹亭镇敬老院", "长庆社区党群服务中心", "茶花新苑院落", "竹亭镇卫生院", "南祥社区活动室", "青山村文化礼堂"]
UNITS = ["竹亭中心小学", "竹亭镇团委", "长庆社区居委会", "竹亭镇老龄办", "竹亭中学政教处"]
KINDS = ["visit", "festival", "outing", "clinic", "programme"]
FESTIVALS = ["重阳节", "中秋节", "春节", "端午节", "元宵节", "腊八节"]
ITEMS = ["集合，清点人数，强调安全纪律", "文艺表演：合唱、诗朗诵、快板", "为老人量血压、测血糖",
         "陪老人聊天，打扫房间", "包饺子、煮饺子，与老人共进午餐", "赠送慰问品，合影留念", "清点人数，统一返回"]


def activity(i: int, rng: random.Random) -> dict:
    kind = KINDS[i % len(KINDS)]
    year = 2025 + i % 3
    data: dict = {
        "title": f"“情暖夕阳”关爱老人志愿服务活动（第{i + 1}期）",
        "kind": kind,
        "date": {"festival": FESTIVALS[i % len(FESTIVALS)], "year": year} if kind == "festival"
        else f"{year}-{1 + i % 12:02d}-{1 + i % 27:02d}",
        "time": "08:30-11:30" if i % 2 else "14:00-16:30",
        "location": rng.choice(PLACES),
        "organiser": rng.choice(UNITS),
        "co_organisers": [rng.choice(UNITS)],
        "theme": "弘扬孝亲敬老美德 共建和谐幸福社区",
        "background": "随着人口老龄化程度不断加深，空巢、留守老人的生活照料和精神慰藉问题日益突出。" * 2,
        "purpose": ["弘扬尊老、敬老、爱老、助老的传统美德", "让老人感受到社会大家庭的温暖", "培养志愿者的社会责任感"],
        "participants": [{"group": "青年志愿者", "count": 20 + i % 30}, {"group": "带队教师", "count": 3}],
        "responsibilities": [{"unit": "党政办", "duties": "负责联系协调、宣传报道和资料归档"},
                             {"unit": "团委", "duties": "负责组织青年志愿者，开展陪伴和家务服务"}],
        "schedule": [{"time": f"{8 + n}:00", "item": ITEMS[n % len(ITEMS)], "place": "活动室", "owner": "王老师"}
                     for n in range(6)],
        "supplies": [{"item": "牛奶", "qty": 20, "unit": "箱", "unit_price": 45},
                     {"item": "重阳糕", "qty": 40, "unit": "盒", "unit_price": 8}],
        "requirements": ["服从安排，不得擅自离队", "尊重老人，不随意打听隐私"],
        "safety": ["出发前清点人数，返回后再次清点", "如遇老人身体不适，立即联系卫生院"],
        "checklist": ["急救药箱", "志愿者马甲", "横幅", "相机"],
        "signup": {"capacity": 30 + i % 20, "deadline": None, "fields": ["姓名", "班级", "家长电话"]},
    }
    data["signup"].pop("deadline")
    if i % 4 == 1:
        data["schedule"] = {"tracks": [{"name": "敬老院会场", "items": data["schedule"][:3]},
                                       {"name": "入户慰问组", "items": data["schedule"][3:]}]}
    if kind == "programme":
        data["phases"] = [{"name": name, "start": f"{year}-{m:02d}-01", "end": f"{year}-{m + 2:02d}-28",
                           "tasks": ["摸底调查，建立台账", "结对帮扶，定期走访"]}
                          for name, m in (("宣传发动阶段", 1), ("组织实施阶段", 4), ("总结表彰阶段", 9))]
    if i % 3 == 0:
        data["groups"] = [{"name": f"第{n}小组", "leader": rng.choice(SURNAMES) + "老师",
                           "members": [rng.choice(SURNAMES) + rng.choice(GIVEN) for _ in range(4)]} for n in "一二三"]
        data["beneficiaries"] = [
            {"name": rng.choice(SURNAMES) + rng.choice(GIVEN), "address": f"青山村{n + 1}组{10 + n}号",
             "community": "青山村", "phone": f"1{rng.choice('3589')}{rng.randrange(10**9):09d}",
             "gender": rng.choice("男女"), "group": f"第{'一二三'[n % 3]}小组", "risk": rng.choice("红黄绿"),
             "needs": ["生活照料"], "notes": "高血压，行动不便"} for n in range(6)]
    if year == 2025 and i % 2 == 0:
        data["report"] = {"published": f"{year}-12-20", "text": "活动中，志愿者们为老人送去温暖。\n\n" * 3,
                          "served": 30, "volunteers": 20}
    return data


def generate(root: Path, n: int, seed: int = 7) -> Path:
    """Write a project with ``n`` activities to ``root`` (replacing its content/)."""
    rng = random.Random(seed)
    repo = Path(__file__).resolve().parent.parent
    if (root / "content").exists():
        shutil.rmtree(root / "content")
    (root / "content" / "activities").mkdir(parents=True)
    shutil.copy(repo / "content" / "site.yaml", root / "content" / "site.yaml")
    shutil.copytree(repo / "content" / "media", root / "content" / "media")
    if (repo / "mkdocs.yml").exists():
        shutil.copy(repo / "mkdocs.yml", root / "mkdocs.yml")
    for i in range(n):
        text = yaml.safe_dump(activity(i, rng), allow_unicode=True, sort_keys=False)
        (root / "content" / "activities" / f"a{i:04d}.yaml").write_text(text, encoding="utf-8")
    return root


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("root", type=Path)
    parser.add_argument("-n", type=int, default=50)
    args = parser.parse_args()
    print(generate(args.root, args.n))
