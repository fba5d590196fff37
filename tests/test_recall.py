"""Element rules recognise the genre's wordings, not one keyword each.

Two reports we wrote in wordings the samples do not use: one establishes every element
and must get no IW finding; the other mentions each element only to say it is missing.
"""

from __future__ import annotations

import pytest

from compliance.lint.engine import RuleSet, lint_document
from compliance.model.document import Block, Document
from compliance.packs.rulefile import default_rules_dir, load_packs

ELEMENTS = [f"IW1{n:02d}" for n in range(1, 12)]

VARIED = """示范区卫健委党组2024年上半年意识形态工作情况报告
一、主要做法
（一）健全领导机构。调整充实意识形态工作联席会议，办公室设在宣传科，统筹日常工作。
（二）压紧压实责任。党组主要负责同志带头抓、负总责，其他班子成员对分管领域意识形态工作负直接领导责任。
（三）强化风险防控。每半年开展一次意识形态领域风险隐患排查，及时处置涉网舆情，组建网络评论员队伍。
（四）守好阵地。对医院门户网站、微信公众号和院内电子显示屏实行“三审三校”。
（五）抓实学习。党组中心组学习8次，开展专题党课4次。
（六）严格督查。把意识形态工作列入年度绩效考核，对履职不力的严肃追责。
二、问题和不足
一是基层医院宣传力量薄弱；二是网络评论员专业性不强。
三、努力方向
一是由宣传科牵头，每季度开展一次基层宣传骨干培训；二是9月底前完成网络评论员轮训。"""

NEGATED = """示范区卫健委党组2024年上半年意识形态工作情况报告
一、主要做法
组织干部职工参加志愿服务，开展文明单位创建。
二、问题和不足
一是尚未建立意识形态工作领导小组，没有落实第一责任人；二是尚未建立网络舆情监测机制。
三、努力方向
一是由办公室牵头，年底前成立领导小组；二是每季度开展一次学习。"""


def lint(text: str) -> set[str]:
    blocks = tuple(Block(t, n) for n, t in enumerate(text.splitlines(), start=1) if t.strip())
    ruleset = RuleSet.from_packs(load_packs([default_rules_dir()]))
    return {f.rule for f in lint_document(Document("r.txt", blocks), ruleset)}


def test_varied_wording_establishes_every_element() -> None:
    assert lint(VARIED) & set(ELEMENTS) == set()


@pytest.mark.parametrize("code", ["IW101", "IW102", "IW105"])
def test_negated_mentions_do_not_count(code: str) -> None:
    assert code in lint(NEGATED)


# Wordings of this round's real pages, in our own sentences: each establishes its element.
FRAME = """XX乡2025年上半年意识形态工作总结
一、工作开展情况
{}
二、存在的问题
一是学习不够系统；二是宣传形式单一。
三、下一步打算
一是年底前完成干部轮训；二是每季度开展一次研判。"""

ROUNDABOUT = [
    ("IW101", "成立党风廉政建设和意识形态工作领导小组，书记任组长。"),
    ("IW103", "其他班子成员严格落实“谁主管谁负责”的责任制，切实抓好分管站所的意识形态工作。"),
    ("IW104", "每月召开例会，研究讨论网络热点和舆论走向。"),
    ("IW104", "健全舆情风险评估办法，及时搜集整理、研判、处置各类信息。"),
    ("IW106", "年内建成青年之家5个，实现12个村（社区）阵地全覆盖。"),
    ("IW106", "完善信息发布审核机制，严格执行“三审制”。"),
    # 研 left out; the sentence runs long, so that the frame's 问题 is out of reach.
    ("IW104", "加强苗头性、倾向性信息的分析判，牢牢把握意识形态工作的领导权、管理权和话语权。"),
]


# Each names an element's words without the work: a trend stated, a medium used as a means.
STATED_ONLY = [
    ("IW104", "全乡意识形态领域向上向好态势持续巩固。"),
    ("IW106", "利用新媒体、乡村大喇叭对不文明行为进行曝光通报。"),
    ("IW104", "党委会议分析研究了全年工作方案。"),
]


@pytest.mark.parametrize(("code", "sentence"), STATED_ONLY)
def test_words_of_an_element_without_the_work_do_not_count(code: str, sentence: str) -> None:
    assert code in lint(FRAME.format(sentence))


# Each element only named, never done: in the title, in a cited regulation, in a medium
# used for another task's publicity.
NAMED_ONLY = """XX乡2025年第一季度意识形态领域分析研判报告
一、工作开展情况
组织党员干部学习《中国共产党问责条例》等党内法规；通过微信群及公众号发布防控知识，加强疫情防控宣传。
二、存在的问题
一是学习不够系统；二是宣传形式单一。
三、下一步打算
一是年底前完成干部轮训；二是丰富宣传形式。"""


@pytest.mark.parametrize(("code", "sentence"), ROUNDABOUT)
def test_roundabout_wordings_establish_the_element(code: str, sentence: str) -> None:
    assert code not in lint(FRAME.format(sentence))


@pytest.mark.parametrize("code", ["IW104", "IW106", "IW108"])
def test_an_element_only_named_is_reported(code: str) -> None:
    assert code in lint(NAMED_ONLY)


def test_a_title_run_on_into_its_text_is_no_evidence() -> None:
    # A flattened copy: the title, then the body in the same line.
    opening = "2025年一季度，我乡在县委的正确领导下扎实开展意识形态工作，现将有关情况报告如下。"
    flattened = NAMED_ONLY.replace("分析研判报告\n", f"分析研判报告{opening}\n", 1)
    assert "IW104" in lint(flattened)
    # The same words in the body establish the element.
    done = NAMED_ONLY.replace("组织党员", "每季度召开一次意识形态领域分析研判会；组织党员", 1)
    assert "IW104" not in lint(done)


# A leading group that is not the unit's own ideology group: a campaign's, or a superior's
# named as the source of an instruction. Each stands alone in an otherwise complete report.
@pytest.mark.parametrize(
    "sentence",
    [
        "成立以镇长为组长的创建全国文明城市工作领导小组。",
        "成立主题教育领导小组及办公室，组织集中学习。",
        "按照县委意识形态工作领导小组的部署，认真开展自查。",
        "根据市委意识形态工作领导小组办公室的通知要求，开展自查。",
        "成立以镇党委书记任组长的文化强镇建设工作领导小组。",
        "成立文明单位创立工作领导小组，统筹协调各方面力量。",
    ],
)
def test_another_bodys_leading_group_is_not_the_units(sentence: str) -> None:
    assert "IW101" in lint(FRAME.format(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "意识形态工作领导小组按照年初部署，每季度召开会议。",
        "成立由书记任组长的工作领导小组，负责意识形态和宣传思想工作。",
    ],
)
def test_the_units_own_leading_group_is_recognised(sentence: str) -> None:
    assert "IW101" not in lint(FRAME.format(sentence))


def test_a_title_and_its_copy_run_into_the_text_are_no_evidence() -> None:
    # A document site's copy: "<title><title> <opening>", the title naming 考核.
    title = "示范局2022年意识形态工作责任制考核自评报告"
    opening = " 2022年以来，局党委围绕意识形态工作方案部署要求，积极深入做好意识形态工作。"
    report = FRAME.format("组织集中学习6次。").split("\n", 1)[1]
    assert "IW108" in lint(f"{title}{title}{opening}\n{report}")
