from __future__ import annotations

import re
from pathlib import Path

import pytest

from compliance.model import outline
from compliance.model.document import Block, Document
from compliance.model.numerals import parse_chinese as parse_cn_number
from compliance.model.outline import Heading, Report, Section, build_outline

ROLES = {
    "achievements": ["主要做法", "成效", "工作开展情况", "总体情况"],
    "problems": ["存在的问题", "主要问题", "存在问题", "问题和不足", "不足之处"],
    "plan": ["下一步", "今后工作", "工作打算", "整改措施", "努力方向"],
}


def doc(*lines: str) -> Document:
    """One block per line, as the text reader gives them (blank lines dropped)."""
    return Document("t.txt", tuple(Block(t, n) for n, t in enumerate(lines, start=1) if t))


def only_report(document: Document) -> Report:
    (report,) = build_outline(document, ROLES).reports
    return report


def first_heading(*lines: str) -> Heading | None:
    sections = only_report(doc(*lines)).sections
    return sections[0].heading if sections else None


REPORT = doc(
    "示范街道党工委2024年度意识形态工作总结",  # 0
    "　　今年以来，街道党工委坚持把意识形态工作摆上重要议程，现将有关情况报告如下：",  # 1
    "　　一、主要做法和成效",  # 2
    "　　（一）压实工作责任，健全领导体制。一是调整领导小组；二是签订责任书。",  # 3
    "　　(二)抓好理论武装",  # 4
    "　　1.中心组学习。全年集中学习十二次。",  # 5
    "　　（1）专题研讨。围绕年度主题开展研讨。",  # 6
    "　　2、青年理论小组。第一，建立小组；第二，定期交流。",  # 7
    "　　（三）管好宣传阵地。对宣传栏内容逐一审核。",  # 8
    "　　二、存在的问题",  # 9
    "　　学习的系统性还不够强，网络阵地管理力量不足。",  # 10
    "　　三、下一步工作打算",  # 11
    "　　（一）深化理论学习。完善学习制度。（二）加强队伍建设。分批开展业务培训。",  # 12
    "　　（三）做好舆情研判。每季度分析一次。",  # 13
)


# -- numbers and labels --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("一", 1),
        ("九", 9),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("二十三", 23),
        ("九十九", 99),
        ("", None),
        ("是", None),
        ("一二", None),
        ("十十", None),
        ("二十十", None),
        ("百", None),
        # Financial numerals (大写数字), as some reports number their headings.
        ("壹", 1),
        ("贰", 2),
        ("拾", 10),
        ("拾贰", 12),
        ("贰拾叁", 23),
        ("貳", 2),
        ("壹贰", None),
    ],
)
def test_parse_cn_number(text: str, number: int | None) -> None:
    assert parse_cn_number(text) == number


@pytest.mark.parametrize(
    ("line", "family", "label", "number"),
    [
        ("一、总体情况", "cn", "一、", 1),
        ("十二、其他事项", "cn", "十二、", 12),
        ("一．工作概况", "cn", "一．", 1),
        ("一.工作概况", "cn", "一.", 1),
        ("一、一岗双责落实情况", "cn", "一、", 1),
        ("二、2024年重点工作", "cn", "二、", 2),
        ("第一部分 工作回顾", "part", "第一部分", 1),
        ("第二章、主要做法", "part", "第二章、", 2),
        ("（一）加强学习", "cn-paren", "（一）", 1),
        ("(二)加强学习", "cn-paren", "(二)", 2),
        ("（三)括号混用", "cn-paren", "（三)", 3),
        ("1.加强学习", "arabic", "1.", 1),
        ("1．加强学习", "arabic", "1．", 1),
        ("3、加强学习", "arabic", "3、", 3),
        ("12、其他事项", "arabic", "12、", 12),
        ("（1）专题研讨", "arabic-paren", "（1）", 1),
        ("(2)专题研讨", "arabic-paren", "(2)", 2),
        # A plan's item opening with its time limit, not a decimal or a glued year.
        ("1.2026年3月前，调整领导小组", "arabic", "1.", 1),
        ("2.10月底前，开展一次测试", "arabic", "2.", 2),
        ("3.5月前，召开专题会议", "arabic", "3.", 3),
        ("1、2026年6月底前，完成培训", "arabic", "1、", 1),
        ("2.2025年内，实现备案全覆盖", "arabic", "2.", 2),
        ("壹、工作回顾", "cn", "壹、", 1),
        ("叁、下步打算", "cn", "叁、", 3),
        ("（贰）管好阵地", "cn-paren", "（贰）", 2),
        ("拾壹、其他事项", "cn", "拾壹、", 11),
    ],
)
def test_heading_labels(line: str, family: str, label: str, number: int) -> None:
    heading = first_heading(line, "正文内容。")
    assert heading is not None
    assert (heading.family, heading.label, heading.number) == (family, label, number)


@pytest.mark.parametrize(
    "line",
    [
        "1.5万元用于阵地建设。",
        "1．5万元用于阵地建设。",
        "2024年，我们开展了集中学习。",
        "2024.6召开专题会议。",
        "3、4月份开展了专题学习。",
        "3、4月底前，完成两轮排查。",
        "2.12月，组织专题学习。",
        "一、二季度各召开一次专题会议。",
        "一、二、三等奖各评出若干名。",
        "一是加强学习。二是强化考核。",
        "第一，加强学习；第二，强化考核。",
        "（一）",
        "是非问题上旗帜鲜明。",
        "壹号院小区开展了专题宣讲。",
        "捐款人民币叁万元用于阵地建设。",
    ],
)
def test_not_a_heading(line: str) -> None:
    assert first_heading(line, "正文内容。") is None


def test_only_paragraphs_hold_headings() -> None:
    cell = Document("t.docx", (Block("一、总体情况", 1, kind="table-cell"),))
    assert only_report(cell).sections == ()


@pytest.mark.parametrize(
    ("line", "column"),
    [
        ("一、总体情况", 1),
        ("　　一、总体情况", 3),
        ("　>　一、总体情况", 4),
        (">　　一、总体情况", 4),
        ("＞一、总体情况", 2),
        ("## 一、总体情况", 4),
        ("\xa0\xa0一、总体情况", 3),
        ("* 一、总体情况", 3),
    ],
)
def test_residue_is_skipped_and_column_points_at_the_label(line: str, column: int) -> None:
    heading = first_heading(line, "正文内容。")
    assert heading is not None
    assert (heading.label, heading.title, heading.column) == ("一、", "总体情况", column)


def test_column_adds_the_block_column() -> None:
    document = Document("t.md", (Block("（一）加强学习", 7, column=5),))
    (section,) = only_report(document).sections
    assert section.heading.column == 5


@pytest.mark.parametrize(
    ("line", "title", "inline"),
    [
        ("（一）加强学习", "加强学习", False),
        ("（一）加强学习。", "加强学习。", False),
        ("（一）强化责任担当，层层传导压力。一是成立专班。", "强化责任担当，层层传导压力。", True),
        ("（一）组织保障：成立工作专班。明确分工。", "组织保障：", True),
        ("（一）加强学习！全员参与。", "加强学习！", True),
        ("（一）加强学习；提高认识。", "加强学习；提高认识。", False),
        ("**一、总体情况**", "总体情况", False),
    ],
)
def test_standalone_and_inline_titles(line: str, title: str, inline: bool) -> None:
    heading = first_heading(line)
    assert heading is not None
    assert (heading.title, heading.inline) == (title, inline)


def test_a_long_numbered_paragraph_is_titled_by_its_lead_clause() -> None:
    # Without an early sentence end the whole paragraph would become the section's name
    # in every finding's path.
    line = "1、" + "坚持正确方向，" * 7 + "凝聚强大精神力量"
    heading = first_heading(line)
    assert heading is not None
    assert (heading.title, heading.inline) == ("坚持正确方向", True)


def test_word_numbering_label() -> None:
    document = Document(
        "t.docx",
        (Block("存在的问题", 1, column=1, label="二、"), Block("学习不够深入。", 2)),
    )
    (section,) = only_report(document).sections
    heading = section.heading
    assert (heading.label, heading.family, heading.number) == ("二、", "cn", 2)
    assert (heading.title, heading.column, section.roles) == (
        "存在的问题",
        1,
        frozenset({"problems"}),
    )


# -- levels, sections, paths and roles -------------------------------------------------------


def test_headings_levels_and_titles() -> None:
    report = only_report(REPORT)
    assert report.title == 0
    got = [
        (s.heading.block, s.heading.label, s.heading.level, s.heading.title, s.heading.inline)
        for s in report.sections
    ]
    assert got == [
        (2, "一、", 1, "主要做法和成效", False),
        (3, "（一）", 2, "压实工作责任，健全领导体制。", True),
        (4, "(二)", 2, "抓好理论武装", False),
        (5, "1.", 3, "中心组学习。", True),
        (6, "（1）", 4, "专题研讨。", True),
        (7, "2、", 3, "青年理论小组。", True),
        (8, "（三）", 2, "管好宣传阵地。", True),
        (9, "二、", 1, "存在的问题", False),
        (11, "三、", 1, "下一步工作打算", False),
        (12, "（一）", 2, "深化理论学习。", True),
        (12, "（二）", 2, "加强队伍建设。", True),
        (13, "（三）", 2, "做好舆情研判。", True),
    ]
    assert report.sections[0].heading.column == 3  # after the two full-width spaces


def test_section_ranges_and_parents() -> None:
    report = only_report(REPORT)
    got = [(s.start, s.end, s.parent) for s in report.sections]
    assert got == [
        (2, 9, None),
        (3, 4, 0),
        (4, 8, 0),
        (5, 7, 2),
        (6, 7, 3),
        (7, 8, 2),
        (8, 9, 0),
        (9, 11, None),
        (11, 14, None),
        (12, 13, 8),  # shares block 12 with the glued （二）
        (12, 13, 8),
        (13, 14, 8),
    ]


def test_roles_are_recognised_in_titles_only() -> None:
    report = only_report(REPORT)
    assert [sorted(s.roles) for s in report.sections if s.heading.level == 1] == [
        ["achievements"],
        ["problems"],
        ["plan"],
    ]
    assert all(not s.roles for s in report.sections if s.heading.level > 1)
    (problems,) = report.sections_with_role("problems")
    assert (problems.start, problems.end) == (9, 11)
    assert report.sections_with_role("nothing") == ()


def test_paths() -> None:
    report = only_report(REPORT)
    assert report.section_path(1) == ()
    assert report.path_text(1) == ""
    assert report.roles_at(1) == frozenset()
    assert (
        report.path_text(6)
        == "一、主要做法和成效 / (二)抓好理论武装 / 1.中心组学习 / （1）专题研讨"
    )
    assert report.path_text(8) == "一、主要做法和成效 / （三）管好宣传阵地"
    assert report.roles_at(10) == {"problems"}
    assert (
        report.path_text(12) == "三、下一步工作打算 / （一）深化理论学习"
    )  # where the block starts
    assert report.path_text(13) == "三、下一步工作打算 / （三）做好舆情研判"
    assert report.roles_at(13) == {"plan"}
    assert report.section_path(99) == ()


def test_roles_along_the_path_are_united() -> None:
    report = only_report(
        doc("一、存在的问题", "（一）今后工作打算", "内容。", "二、其他", "内容。"),
    )
    assert report.roles_at(2) == {"problems", "plan"}
    assert report.roles_at(4) == frozenset()


def test_a_combined_heading_has_both_roles() -> None:
    report = only_report(doc("四、存在问题及下一步努力方向", "内容。"))
    assert report.sections[0].roles == {"problems", "plan"}


def test_skipped_levels_nest_as_they_appear() -> None:
    report = only_report(
        doc(
            "一、主要做法",
            "1、健全制度",  # （一） skipped: 1、 is level 2
            "（1）完善清单",
            "二、存在的问题",
            "（一）学习不深",  # after 二、 the paren family nests below it
            "1.认识不足",
            "（二）队伍薄弱",  # closes 1. and returns to its own level
            "（1）人手少",
        )
    )
    got = [(s.heading.family, s.heading.level, s.parent) for s in report.sections]
    assert got == [
        ("cn", 1, None),
        ("arabic", 2, 0),
        ("arabic-paren", 3, 1),
        ("cn", 1, None),
        ("cn-paren", 2, 3),
        ("arabic", 3, 4),
        ("cn-paren", 2, 3),
        ("arabic-paren", 3, 6),
    ]


def test_a_higher_family_pops_back_even_when_it_opens_late() -> None:
    report = only_report(doc("1.健全制度", "（一）完善清单", "一、总体情况"))
    assert [s.heading.level for s in report.sections] == [1, 1, 1]


def test_report_without_headings() -> None:
    report = only_report(doc("今年以来，我们认真落实责任制。", "取得了一定成效。"))
    assert (report.start, report.end, report.title, report.sections) == (0, 2, None, ())
    assert report.path_text(1) == ""


def test_empty_document() -> None:
    (report,) = build_outline(Document("t.txt", ()), ROLES).reports
    assert (report.start, report.end, report.title) == (0, 0, None)


def test_report_built_directly_has_paths() -> None:
    heading = Heading(0, "cn", "一、", 1, 1, "总体情况", 1, False)
    report = Report(0, 2, None, (Section(heading, 0, 2, frozenset(), None),), (), ())
    assert report.path_text(1) == "一、总体情况"


# -- enumerations and embedded headings ------------------------------------------------------


def test_enumerations_are_not_headings() -> None:
    report = only_report(REPORT)
    assert [(e.block, e.marker, e.number) for e in report.enumerations] == [
        (3, "一是", 1),
        (3, "二是", 2),
        (7, "第一", 1),
        (7, "第二", 2),
    ]
    assert REPORT.blocks[3].text[report.enumerations[1].offset :].startswith("二是")


def test_enumerations_at_the_start_of_blocks() -> None:
    report = only_report(doc("二、主要问题", "一是学习不够。", "二是队伍薄弱；三是考核偏软。"))
    assert [s.heading.label for s in report.sections] == ["二、"]
    assert [(e.block, e.offset, e.number) for e in report.enumerations] == [
        (1, 0, 1),
        (2, 0, 2),
        (2, 7, 3),
    ]


@pytest.mark.parametrize("line", ["唯一是指标。", "担任第一责任人。", "把安全放在第一位。"])
def test_words_that_are_no_enumeration(line: str) -> None:
    assert only_report(doc(line)).enumerations == ()


def test_embedded_heading_continues_the_sequence() -> None:
    report = only_report(REPORT)
    (embedded,) = report.embedded
    assert (embedded.block, embedded.label, embedded.family, embedded.number) == (
        12,
        "（二）",
        "cn-paren",
        2,
    )
    assert REPORT.blocks[12].text[embedded.offset :].startswith("（二）加强队伍建设")
    glued = report.sections[10].heading
    assert glued.embedded and glued.column == 1 + embedded.offset


def test_embedded_heading_rules() -> None:
    report = only_report(
        doc(
            "一、主要做法",
            "（一）健全制度。制度落实到位。（三）跳号不算。",  # not the next number
            "（二）建强队伍。队伍分工明确；（三）分号之后是段内列举。",  # after "；"
            "（三）管好阵地。阵地管理规范。二、存在的问题",  # the next 一、 family number
            "学习不够。",
        )
    )
    assert [(e.block, e.label, e.number) for e in report.embedded] == [(3, "二、", 2)]
    top = [s for s in report.sections if s.heading.level == 1]
    assert [(s.heading.label, s.start, s.end, sorted(s.roles)) for s in top] == [
        ("一、", 0, 4, ["achievements"]),
        ("二、", 3, 5, ["problems"]),
    ]
    assert report.roles_at(4) == {"problems"}


def test_two_embedded_headings_in_one_block() -> None:
    report = only_report(doc("三、下一步打算", "（一）学。多学。（二）做。多做。（三）评。多评。"))
    assert [e.number for e in report.embedded] == [2, 3]
    assert [s.heading.number for s in report.sections_with_role("plan")] == [3]
    assert [s.heading.number for s in report.sections if s.parent == 0] == [1, 2, 3]


# -- reports in one file ---------------------------------------------------------------------


def test_several_reports_split_at_titles() -> None:
    text = doc(
        "　　今年以来，局党委狠抓意识形态工作，现报告如下。",
        "　　一、主要做法",
        "　　加强学习。",
        "　　二、下一步打算",
        "　　继续努力。",
        "　　示范中心党支部2024年上半年意识形态工作总结",
        "　　一、工作开展情况",
        "　　开展学习。",
    )
    first, second = build_outline(text, ROLES).reports
    assert (first.start, first.end, first.title) == (0, 5, None)
    assert (second.start, second.end, second.title) == (5, 8, 5)
    assert [s.heading.level for s in second.sections] == [1]


def test_a_cover_notice_is_front_matter_over_the_document_it_issues() -> None:
    text = doc(
        "示范局关于印发《2024年意识形态工作总结》的通知",
        "各股室：",
        "现将《2024年意识形态工作总结》印发给你们，请认真组织学习。",
        "示范局",
        "2024年意识形态工作总结",
        "一、工作开展情况",
        "开展学习。",
    )
    notice, report = build_outline(text, ROLES).reports
    assert (notice.start, notice.end, notice.front_matter) == (0, 4, True)
    assert (report.start, report.title, report.front_matter) == (4, 4, False)


def test_a_second_first_heading_after_the_plan_starts_a_report() -> None:
    text = doc(
        "一、主要做法",
        "加强学习。",
        "二、下一步打算",
        "继续努力。",
        "今年来，中心党支部抓实意识形态工作，现将情况报告如下：",
        "一、加强组织领导",
        "成立领导小组。",
        "二、存在的问题",
    )
    first, second = build_outline(text, ROLES).reports
    assert (first.start, first.end) == (0, 4)
    assert (second.start, second.end, second.title) == (4, 8, None)


def test_a_second_first_heading_without_a_plan_stays_in_the_report() -> None:
    text = doc("一、主要做法", "加强学习。", "一、存在的问题", "学习不够。")
    assert len(build_outline(text, ROLES).reports) == 1


@pytest.mark.parametrize(
    "line",
    [
        "特此报告",
        "工作开展情况",  # an unnumbered sub-heading, no period
        "现将上半年工作总结如下：",
        "总结经验，查找不足，推动工作。",
        "以上报告",
    ],
)
def test_lines_that_do_not_split_a_report(line: str) -> None:
    text = doc("一、主要做法", "加强学习。", line, "继续努力。")
    assert len(build_outline(text, ROLES).reports) == 1


@pytest.mark.parametrize(
    "title",
    [
        "示范局2024年上半年意识形态工作总结",
        "关于2024年意识形态工作责任制落实情况的报告",
        "示范县2024年意识形态工作情况",
        "示范局2024年意识形态工作要点",
        "示范局意识形态工作总结（2024年）",
        "2020 年示范县委宣传部近三年来工作情况汇报范文稿",
    ],
)
def test_title_words(title: str) -> None:
    text = doc("一、主要做法", "加强学习。", title, "今年来，我们开展了学习。")
    _, second = build_outline(text, ROLES).reports
    assert (second.start, second.title) == (2, 2)


def test_teaser_line_is_not_the_title() -> None:
    title = "示范局党组2024年上半年意识形态工作总结"
    opening = "上半年，局党组坚持以党的创新理论为引领，认真落实意识形态工作责任制，" * 2
    report = only_report(
        doc(title + "　　" + opening[:70] + "...", "　　" + title, "　　" + opening, "一、主要做法")
    )
    assert report.title == 1


def test_teaser_without_ellipsis_does_not_split() -> None:
    title = "示范局党组2024年上半年意识形态工作总结"
    opening = "上半年，局党组坚持以党的创新理论为引领，认真落实意识形态工作责任制。" * 2
    report = only_report(doc(title + opening, title, opening, "一、主要做法"))
    assert report.title == 1


def test_title_after_an_issuer_line() -> None:
    report = only_report(
        doc("中共示范县委宣传部", "示范县2024年意识形态工作总结", "今年来，我们开展了学习。")
    )
    assert report.title == 1


def test_no_title_after_body_text_at_the_start() -> None:
    report = only_report(doc("今年以来，我们开展了学习。", "一、主要做法", "加强学习。"))
    assert report.title is None


@pytest.mark.parametrize(
    "greeting", ["欢迎来到示范文档网！", "您好，欢迎访问示范文库！", "本文由小编整理，仅供参考！"]
)
@pytest.mark.parametrize(
    "title", ["示范中学2023年意识形态工作分析研判报告汇编", "示范局2024年意识形态工作总结"]
)
def test_a_sites_greeting_over_the_title_is_passed_over(greeting: str, title: str) -> None:
    # (A title the split takes for a report's start leaves the greeting front matter.)
    opening = "2023年以来，示范中学党支部坚持把意识形态工作摆在党建工作的突出位置，" * 2
    document = doc(greeting, title, "发布时间：2022-11-19", opening + "。")
    (report,) = [r for r in build_outline(document, ROLES).reports if not r.front_matter]
    assert report.title == 1


def test_a_short_first_sentence_is_still_no_title() -> None:
    # A short sentence of the report's own, with no site's words, is body text.
    report = only_report(doc("今年以来，我们狠抓学习！", "示范局2024年工作汇编", "加强学习。"))
    assert report.title is None


# -- the real reports ----------------------------------------------------------------------


def load(path: Path) -> Document:
    """One Block per non-blank physical line, like the text reader (not depended upon here)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return Document(
        str(path), tuple(Block(t, n) for n, t in enumerate(lines, start=1) if t.strip())
    )


def labels_sit_at_their_columns(document: Document, report: Report) -> bool:
    for section in report.sections:
        block = document.blocks[section.heading.block]
        at = section.heading.column - block.column
        if not block.text.startswith(section.heading.label, at):
            return False
    return True


def test_real_report_000(shared_reports: Path) -> None:
    document = load(shared_reports / "000_371b7687f7193908.txt")
    (report,) = build_outline(document, ROLES).reports
    line = [b.line for b in document.blocks]
    assert report.title is not None and line[report.title] == 2
    top = [s for s in report.sections if s.heading.level == 1]
    assert [s.heading.label for s in top] == ["一、", "二、", "三、"]
    assert [sorted(s.roles) for s in top] == [["achievements"], ["problems"], ["plan"]]
    (embedded,) = report.embedded
    assert (line[embedded.block], embedded.label, embedded.number) == (14, "(三)", 3)
    plan = report.sections.index(top[2])
    measures = [s.heading for s in report.sections if s.parent == plan]
    assert [(h.label, h.level, line[h.block]) for h in measures] == [
        ("(一)", 2, 13),
        ("(二)", 2, 14),
        ("(三)", 2, 14),
    ]
    problems = report.sections.index(top[1])
    assert len([s for s in report.sections if s.parent == problems]) == 3
    assert all(line[e.block] in (5, 6, 7) for e in report.enumerations)
    assert labels_sit_at_their_columns(document, report)


def test_real_report_002_holds_three_reports(shared_reports: Path) -> None:
    document = load(shared_reports / "002_8e0b853442afd5b5.txt")
    a, b, c = build_outline(document, ROLES).reports
    line = [bl.line for bl in document.blocks]
    assert [(line[r.start], line[r.end - 1]) for r in (a, b, c)] == [(1, 23), (24, 40), (41, 51)]
    assert a.title is None
    assert b.title is not None and line[b.title] == 24
    assert c.title is not None and line[c.title] == 41

    assert [(s.heading.label, sorted(s.roles)) for s in a.sections if s.heading.level == 1] == [
        ("一、", ["achievements"]),
        ("二、", ["problems"]),
        ("三、", ["plan"]),
    ]
    assert a.sections[0].heading.column == 4  # after "　>　"
    # 一是/二是 open paragraphs but are enumerations, not headings.
    assert all(document.blocks[s.heading.block].text.strip()[1] != "是" for s in a.sections)
    assert {line[e.block] for e in a.enumerations if e.offset == 2} >= {4, 5, 6, 16, 20}

    arabic = [s.heading for s in b.sections if s.heading.family == "arabic"]
    assert [(h.label, h.level, line[h.block]) for h in arabic] == [
        ("1、", 2, 27),
        ("2、", 2, 29),
        ("3、", 2, 31),
        ("4、", 2, 33),
        ("1、", 2, 39),
        ("2、", 2, 40),
    ]
    assert [sorted(s.roles) for s in b.sections if s.heading.level == 1] == [
        ["achievements"],
        ["problems"],
        ["plan"],
    ]
    assert [(e.marker, line[e.block]) for e in b.enumerations] == [("一是", 36), ("二是", 36)]

    assert [s.heading.label for s in c.sections] == ["一、", "二、", "三、", "四、"]
    combined = c.sections[-1]
    assert combined.heading.title == "存在的问题及今后工作打算"
    assert combined.roles == {"problems", "plan"}
    assert c.roles_at(len(document.blocks) - 1) == {"problems", "plan"}
    assert all(labels_sit_at_their_columns(document, r) for r in (a, b, c))


def test_word_numbering_label_drawn_into_the_text() -> None:
    # What the .docx reader gives: the text starts with the label Word draws.
    document = Document(
        "t.docx",
        (Block("二、存在的问题", 1, column=1, label="二、"), Block("学习不够深入。", 2)),
    )
    (section,) = only_report(document).sections
    heading = section.heading
    assert (heading.label, heading.number, heading.title, heading.column) == (
        "二、",
        2,
        "存在的问题",
        1,
    )


def _path_by_scan(sections: tuple[Section, ...], block: int) -> tuple[int, ...]:
    """A block's section path as first written: every section tested for every block."""
    holding = [
        k
        for k, s in enumerate(sections)
        if s.start <= block < s.end and not (s.heading.embedded and s.heading.block == block)
    ]
    if not holding:
        return ()
    chain: list[int] = []
    k: int | None = max(holding, key=lambda h: (sections[h].heading.level, h))
    while k is not None:
        chain.append(k)
        k = sections[k].parent
    return tuple(reversed(chain))


def test_one_sweep_gives_every_blocks_section_path(shared_reports: Path) -> None:
    from compliance.readers import read_string

    samples = Path(__file__).resolve().parent.parent / "samples"
    paths = [*sorted(samples.glob("*.txt")), *sorted(shared_reports.glob("*.txt"))]
    checked = 0
    for path in [*paths, None]:
        document = REPORT if path is None else read_string(path.read_text("utf-8"), str(path))
        for report in build_outline(document, ROLES).reports:
            for block in range(report.start, report.end):
                expected = _path_by_scan(report.sections, block)
                assert report.section_path(block) == tuple(report.sections[i] for i in expected)
                checked += bool(expected)
    assert checked > 100


def _undecorated_by_regex_alone(text: str) -> str:
    """undecorated() without its shortcut for lines holding no decoration."""
    while True:
        stripped = outline._DECORATION.sub("", text).strip()
        if stripped == text:
            return text
        text = stripped


# Each decoration of _DECORATION, spaces around, and lines with none.
_DECORATED = [
    "示范局工作总结篇2", "意识形态工作总结（五篇）", " 工作总结.docx ", "标题：工作总结",
    "工作总结2020", "工作总结2020年\n", "VIP 工作总结", "[计划总结] 工作总结",
    "工作总结 [打印本页]", "工作总结全文3000字", "精选范文工作总结", "　示范局工作总结　",
    "工作总结 2020 ", "2024年工作总结", "",
]  # fmt: skip


@pytest.mark.parametrize("text", _DECORATED)
def test_undecorated_shortcut_changes_nothing(text: str) -> None:
    assert outline.undecorated(text) == _undecorated_by_regex_alone(text)


def test_undecorated_shortcut_changes_nothing_on_real_lines(shared_reports: Path) -> None:
    samples = Path(__file__).parent.parent / "samples"
    paths = [*sorted(samples.glob("*.txt")), *sorted(shared_reports.glob("*.txt"))]
    lines = [line for path in paths for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(lines) > 100
    for line in lines:
        assert outline.undecorated(line) == _undecorated_by_regex_alone(line), line


def test_glued_labels_pattern_finds_what_a_leading_lookbehind_found() -> None:
    before = re.compile(
        rf"[（(] ?(?P<paren>[{outline._CN}]{{1,3}}) ?[）)]"
        rf"|(?P<cn>[{outline._CN}]{{1,3}})、(?![{outline._CN}]+[、季])"
        rf"|(?P<cndot>[{outline._CN}]{{1,3}})[.．](?![{outline._CN}\d])"
        rf"|第(?P<part>[{outline._CN}]{{1,3}})部分"
        r"|(?<![\d.．])(?P<arabic>\d{1,2})[.．、](?!\d)|[（(](?P<aparen>\d{1,2})[）)]"
    )
    texts = ["1.2.3", "12.", "123.", "a1.", ".1.", "．1、", "1、2、", "x12、3", "9912.1",
             "学习。2.加强阵地（三）管好队伍", "共3.5万人，二、下一步", "2024.1、",
             "二．学习", "第三部分", "（12）抓", "3.5（1）"]  # fmt: skip
    for text in texts:
        for skip in range(len(text) + 1):
            # (the decimal alternative, 1.1 <title>, came later: none of these texts holds one)
            found = [
                (m.span(), {k: v for k, v in m.groupdict().items() if k != "decimal"})
                for m in outline._GLUED.finditer(text, skip)
            ]
            assert found == [(m.span(), m.groupdict()) for m in before.finditer(text, skip)]


def test_enumeration_pattern_finds_what_a_leading_lookbehind_found() -> None:
    cn = outline._CN
    before = re.compile(
        rf"(?:^|(?<=[\s。；;！？!?：:，,、>＞]))(?:([{cn}]{{1,3}})是|第([{cn}]{{1,3}})(?=[，,、]))"
    )
    texts = ["一是学习", "，二是", "x三是", "第一，", "a第一，", "第十一、",
             "一是二是三是", "十一是", "。第二,", " 一是", "\n二是",
             "学习：一是抓学习；二是抓阵地，第三，管"]  # fmt: skip
    for text in texts:
        for skip in range(len(text) + 1):
            found = [(m.span(), m.groups()) for m in outline._ENUMERATION.finditer(text, skip)]
            assert found == [(m.span(), m.groups()) for m in before.finditer(text, skip)]


# -- flattened copies: a title glued to its first heading, a table of contents ------------


@pytest.mark.parametrize(
    ("first", "title"),
    [
        ("示范村2025年意识形态工作总结一、总体情况", "示范村2025年意识形态工作总结"),
        (
            "示范县司法局意识形态工作自查报告精编（一）压实责任。",
            "示范县司法局意识形态工作自查报告精编",
        ),
        (
            "示范乡2024年落实意识形态工作责任制汇报材料1、加强领导。",
            "示范乡2024年落实意识形态工作责任制汇报材料",
        ),
    ],
)
def test_a_title_glued_to_its_first_heading(first: str, title: str) -> None:
    document = doc("您好，欢迎访问某某文档网", first, "党组书记履行第一责任人职责。")
    *greeting, report = build_outline(document, ROLES).reports
    assert all(g.front_matter for g in greeting)  # the site's line is not a report
    assert report.title_text(document.blocks) == title
    assert [e.number for e in report.embedded] == [1]
    assert report.sections[0].heading.embedded


def test_a_title_glued_to_its_own_repeat() -> None:
    report = only_report(
        doc(
            "示范局2024年意识形态工作自评报告示范局2024年意识形态工作自评报告"
            " 2024年以来，局党委扎实工作。"
        )
    )
    assert report.title == 0 and report.title_end == len("示范局2024年意识形态工作自评报告")


def test_a_title_and_first_heading_glued_under_a_site_copy_of_the_title() -> None:
    report = only_report(
        doc(
            "示范社区2025年宣传思想工作总结_第1页",
            "示范社区2025年宣传思想工作总结一、工作背景今年以来，社区扎实开展宣传工作。二、主要做法社区组织了多场宣讲活动。",
        )
    )
    assert [(e.block, e.label) for e in report.embedded] == [(1, "一、"), (1, "二、")]


def test_a_glued_title_under_a_document_sites_lines() -> None:
    # The site's page names, buttons and notice come first; the title begins the text.
    pages = "".join(f"示范社区2025年宣传思想工作总结_第{n}页" for n in range(1, 4))
    document = doc(
        pages + "已阅读3页，还剩2页未读 继续免费阅读",
        "下载本文档",
        "版权说明：本文档由用户提供并上传，收益归属内容提供方",
        "文档简介",
        "示范社区2025年宣传思想工作总结一、工作背景今年以来，社区扎实开展宣传工作。",
    )
    report = only_report(document)
    assert report.title == 4
    assert report.title_text(document.blocks) == "示范社区2025年宣传思想工作总结"


def test_a_glued_title_is_not_looked_for_past_the_reports_own_text() -> None:
    report = only_report(
        doc(
            "今年以来，我局认真落实意识形态工作责任制，加强理论学习。",
            "我局坚持党管意识形态原则，压实主体责任。",
            "局党组定期研判意识形态领域情况，及时处置苗头问题。",
            "示范局2025年意识形态工作总结一、工作背景今年以来，局党组扎实开展工作。",
        )
    )
    assert report.title is None


def test_a_label_in_a_sentence_after_a_title_word_is_not_a_heading() -> None:
    # 计划 ends a clause here, not a title: the paragraph sits under a heading already.
    report = only_report(doc("一、主要做法", "党组制定了年度学习计划1、2月集中学习。"))
    assert report.embedded == ()


def test_a_table_of_contents_with_sub_headings_is_not_the_report() -> None:
    report = only_report(
        doc(
            "示范县民政局2024年意识形态工作总结",
            "目录",
            "一、工作开展情况",
            "（一）强化组织领导",
            "（二）抓好理论学习",
            "二、存在的问题",
            "三、下一步打算",
            "一、工作开展情况",
            "局党组成立意识形态工作领导小组。",
            "二、存在的问题",
            "学习不够深入。",
            "三、下一步打算",
            "每月集中学习一次。",
        )
    )
    assert [s.heading.block for s in report.sections] == [7, 9, 11]
    assert report.roles_at(8) == {"achievements"}


def test_a_chunk_cut_leaves_a_bare_label_that_still_counts() -> None:
    # A document site's chunks: 2、 and 3、 open lines whose line before stops on 、 or on a
    # bare 二、; the three numbers are the site's, and 三、 follows the bare 二、.
    from compliance.match.pagenumbers import page_numbers

    lines = (
        "1、示范局2024年意识形态工作自评报告示范局2024年意识形态工作自评报告 2024年以来，"
        "局党委扎实工作，现报告如下。 一、加强组织领导 党委主要负责人履行第一责任人职责，"
        "形成了齐抓共管的格局。 二、",
        "2、加强定期研判 党委定期分析研判意识形态形势，及时处置舆情。 三、加强理论学习 "
        "组织学习习近平总书记重要讲话、",
        "3、重要批示精神，确保方向正确。",
    )
    numbers = page_numbers(lines, frozenset())
    assert sorted(numbers) == [0, 1, 2]
    (report,) = build_outline(doc(*lines), ROLES, numbers).reports
    assert [(e.block, e.label) for e in report.embedded] == [(0, "一、"), (0, "二、"), (1, "三、")]


def test_a_chunk_opening_on_the_list_it_carries_on_and_the_chunk_after_it() -> None:
    # 2、、 carries on the list the chunk before broke off (no item begins with 、): the
    # site's; 1、 before it and 3、 after it, though 3、 follows a full stop, are too.
    from compliance.match.pagenumbers import page_numbers

    lines = (
        "《示范县2024年意识形态工作总结.docx》由会员分享，可在线阅读。",
        "1、示范县2024年意识形态工作总结2024年，县委认真落实意识形态工作责任制，明确考核的内容",
        "2、、方法和程序。县委书记主持召开3次常委会专题研究意识形态工作。",
        "3、制定了理论学习计划",
    )
    assert sorted(page_numbers(lines, frozenset())) == [1, 2, 3]


def test_an_item_list_after_a_sentence_is_no_chunk() -> None:
    from compliance.match.pagenumbers import page_numbers

    lines = (
        "今年以来，县委认真落实意识形态工作责任制，主要做法如下。",
        "1、加强理论学习，全年集中学习12次。",
        "2、管好宣传阵地，定期检查宣传栏。",
        "3、强化舆情管控，及时回应群众关切。",
    )
    assert page_numbers(lines, frozenset()) == {}


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        (
            "现将有关情况报告如下：一．主要工作（一）强化领导。成立领导小组。（二）抓好学习。集中学习6次。",
            ["一．", "（二）"],
        ),
        (
            "现将有关情况报告如下。第一部分工作开展情况一是抓学习。二是管阵地。第二部分存在问题学习不深。",
            ["第一部分", "第二部分"],
        ),
        (
            "现将有关情况报告如下：一、主要工作1、强化领导。成立领导小组。2、抓好学习。集中学习6次。",
            ["一、", "2、"],
        ),
    ],
)
def test_glued_labels_in_every_real_form(text: str, labels: list[str]) -> None:
    report = only_report(doc("示范县水利局2024年意识形态工作总结", text))
    glued = [e.label for e in report.embedded]
    assert all(label in glued for label in labels), glued


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        # A sentence ending inside a quotation or a bracket, then the heading.
        (
            "局党组坚持“守土有责、守土尽责。”一、压实责任。书记履行职责。二、抓好学习。集中学习8次。",
            ["一、", "二、"],
        ),
        (
            "集中学习8次（清单见附件。）（二）管好阵地。落实三审三校。（三）建强队伍。",
            ["（二）", "（三）"],
        ),
        ("全年开展宣讲12场！”（二）管好阵地。落实三审三校。（三）建强队伍。", ["（二）", "（三）"]),
        # A quotation closed without a full stop runs on into its list.
        ("局党组提出“三个到位”一、学习到位；二、责任到位；三、阵地到位。", []),
    ],
)
def test_a_heading_glued_after_a_closing_quote_or_bracket(text: str, labels: list[str]) -> None:
    lines = [
        "示范县审计局2024年意识形态工作总结",
        "一、主要做法",
        "（一）压实责任。书记履行职责。",
        text,
    ]
    if labels and labels[0] == "一、":
        lines = [lines[0], text]
    report = only_report(doc(*lines))
    assert [e.label for e in report.embedded] == labels


def test_sections_glued_with_their_colon_and_a_title_glued_to_its_introduction() -> None:
    report = only_report(
        doc(
            "示范区宣传思想工作调研报告引言：调研组走访了12个单位。主体：第一节：基本情况各单位均"
            "成立了领导小组。第二节：存在的问题学习流于形式。第三节：对策建议健全学习制度。"
        )
    )
    assert report.title == 0 and report.title_end == len("示范区宣传思想工作调研报告")
    assert [e.label for e in report.embedded] == ["第一节：", "第二节：", "第三节："]
    assert {s.heading.family for s in report.sections} == {"part"}


def test_a_section_without_its_colon_after_a_sentence_is_no_heading() -> None:
    report = only_report(
        doc(
            "示范县教育局2024年意识形态工作总结",
            "各学校按照指南第一节要求开设思政课。第一节课由校长讲授。第二节课由书记讲授。",
        )
    )
    assert report.embedded == ()


def test_a_decorated_title_and_an_announced_first_heading_running_on() -> None:
    report = only_report(
        doc(
            "示范局网络意识形态工作存在的问题及对策范文（精选三篇）示范局网络意识形态工作存在的"
            "问题及对策篇一按照通知要求，局党组开展了自查，现将有关情况汇报如下：一、存在的问题，"
            "对照要求逐项查找网评员队伍力量薄弱；门户网站信息审核把关不严。"
        )
    )
    assert report.title_end == len("示范局网络意识形态工作存在的问题及对策范文（精选三篇）")
    assert [e.label for e in report.embedded] == ["一、"]


def test_an_announced_list_in_one_sentence_stays_a_list() -> None:
    report = only_report(
        doc(
            "示范县档案局2024年意识形态工作自查报告",
            "现将自查结果汇报如下：一、学习制度健全；二、阵地管理规范；三、队伍建设有力。",
        )
    )
    assert report.embedded == ()


def test_a_list_begun_on_its_lead_in_line_is_outlined_but_not_glued() -> None:
    report = only_report(
        doc(
            "示范社区2024年意识形态工作方案",
            "主要任务：1、抓好党员干部理论学习，每月集中学习一次；",
            "2、管好社区宣传栏和居民微信群；",
            "3、建好志愿宣讲队伍。",
        )
    )
    assert [s.heading.label for s in report.sections] == ["1、", "2、", "3、"]
    assert report.embedded == ()


def test_a_bracket_headline_with_the_first_label_glued_after_it() -> None:
    report = only_report(
        doc(
            "【意识形态工作责任制怎么落实】一、",
            "关键是明确责任主体。",
            "二、常见做法",
            "签订责任书。",
        )
    )
    assert report.title == 0 and report.title_end == len("【意识形态工作责任制怎么落实】")
    assert [s.heading.label for s in report.sections] == ["一、", "二、"]
    assert [e.label for e in report.embedded] == ["一、"]


def test_a_bracket_lead_without_a_label_is_no_glued_title() -> None:
    report = only_report(
        doc("【导读】示范街道以科学发展观为指导，堅持发展为先。", "一是加强组织领导。")
    )
    assert report.title_end is None and report.embedded == ()


def test_a_numbered_list_in_a_sentence_stays_a_list() -> None:
    report = only_report(
        doc(
            "示范县水利局2024年意识形态工作总结",
            "工作分三步推进：一、动员部署；二、组织实施；三、总结提高。全年完成第一、第二两个阶段，"
            "参学1.2万人次。主要做法有：（1）完善制度；（2）加强学习。",
        )
    )
    assert report.embedded == ()


@pytest.mark.parametrize(
    "first",
    [
        "示范镇2024年意识形态工作总结（定稿）一、总体情况",
        "示范镇2024年意识形态工作总结 一、总体情况",
        "示范镇党委书记2024年学习贯彻党的二十大精神心得体会一、深化认识",
    ],
)
def test_a_title_glued_to_its_first_heading_after_a_remark_or_a_space(first: str) -> None:
    document = doc(first, "镇党委书记履行第一责任人职责，全年集中学习12次。")
    report = build_outline(document, ROLES).reports[-1]
    assert report.title == 0 and report.title_end is not None
    assert [e.label for e in report.embedded] == ["一、"]


def test_a_first_heading_whose_line_break_became_a_space() -> None:
    # A flattened copy cut before any second heading: "。 一、<short title> <text>".
    report = only_report(
        doc(
            "示范镇2022年宣传思想文化工作总结",
            "示范镇宣传思想文化工作在区委宣传部的指导下扎实推进，各项任务顺利完成。 "
            "一、2022年工作总结 聚焦主线主题，抓实理论学习。镇党委中心组集中学习8次。",
        )
    )
    assert [e.label for e in report.embedded] == ["一、"]


def test_a_first_item_in_the_opening_with_no_space_after_its_words_is_no_heading() -> None:
    report = only_report(
        doc(
            "示范镇2022年宣传思想文化工作总结",
            "全年工作突出三点。一、抓学习，二、管阵地，三、强队伍，各项任务顺利完成。",
        )
    )
    assert report.embedded == ()


def test_a_sites_numbered_notice_is_no_heading() -> None:
    # 温馨提示：1. … 2. … over a document site's copy: the terms, not the report's headings.
    report = build_outline(
        doc(
            "示范镇2022年宣传思想文化工作总结.docx",
            "温馨提示：",
            "1. 部分包含数学公式或PPT动画的文件，查看预览时可能会显示错乱，下载后无此问题。",
            "2. 本文档由用户上传，版权归属用户，如有争议请联系客服。",
            "示范镇2022年宣传思想文化工作总结 示范镇宣传思想文化工作在区委宣传部的指导下扎实推进，"
            "各项任务顺利完成。 一、2022年工作总结 聚焦主线主题，抓实理论学习。",
        ),
        ROLES,
    ).reports[-1]
    assert all(s.heading.family == "cn" for s in report.sections)
    assert [e.label for e in report.embedded] == ["一、"]


def test_a_sites_outline_then_the_title_then_the_text() -> None:
    # A collection site lists the headings first; the report, title and text, follows.
    outline_lines = [
        "一、深化理论武装",
        "1.健全学习机制",
        "2.创新学习载体",
        "二、巩固阵地",
        "3.管好媒体平台",
    ]
    document = doc(
        *outline_lines,
        "示范市政协2026年机关意识形态工作要点",
        "2026年是实施“十五五”规划的开局之年，做好意识形态工作意义重大。",
    )
    *before, report = build_outline(document, ROLES).reports
    assert all(r.front_matter for r in before)
    assert (report.start, report.title) == (5, 5)


def test_a_title_under_a_sites_dated_list_of_other_documents() -> None:
    listed = [
        f"- 2024-08-{day:02d} 09:23:21 示范支部2024年{day}月党小组会议记录" for day in range(1, 11)
    ]
    document = doc(
        "热门文档",
        *listed,
        "示范县教育局2024年第三季度意识形态工作分析研判报告",
        "2024年第三季度，示范县教育局认真落实意识形态工作责任制。",
    )
    (report,) = build_outline(document, ROLES).reports
    assert report.title == 11


def test_a_title_is_not_looked_for_past_eight_lines_of_the_reports_own() -> None:
    lines = [f"示范镇第{n}网格党支部" for n in "一二三四五六七八九"]
    report = only_report(doc(*lines, "示范镇2024年意识形态工作总结", "今年以来，我镇认真落实。"))
    assert report.title is None


def test_a_number_before_a_comma_is_a_chunk_number_not_a_heading() -> None:
    # A document site cuts its preview into numbered chunks, mid-sentence.
    report = only_report(
        doc(
            "示范局2024年上半年工作总结",
            "1、上半年完成造林1万亩，新建绿色通道",
            "2、，重点对示范片进行林网建设。",
        )
    )
    assert [s.heading.label for s in report.sections] == ["1、"]


def test_chunks_after_a_known_one_and_before_a_comma_are_the_sites() -> None:
    from compliance.match.pagenumbers import page_numbers

    lines = (
        "1、示范县党委2023年上半年落实意识形态责任制工作情况总结2023年上半年，示范县党委"
        "认真落实责任制，建立检查考核制度，明确检查考核的内容",
        "2、、方法、程序。把意识形态工作作为评价使用和奖惩的重要依据，与考勤相结合。",
        "3、精心制定了党委中心组学习计划，坚持每月集中学习。",
        "4、，重点对示范片进行林网建设。",
    )
    assert sorted(page_numbers(lines, frozenset())) == [0, 1, 2, 3]
    # An outline's own 1、 2、 3、 with sentences between stays a list of headings.
    items = (
        "1、加强组织领导。",
        "成立领导小组，压实责任。",
        "2、加强理论学习。",
        "3、加强阵地管理。",
    )
    assert page_numbers(items, frozenset()) == {}


def test_a_chunk_opening_on_one_character_and_a_comma_is_the_sites() -> None:
    # …乘势而 / 2、上，…: no item's title is one character before a comma; the chunk
    # carries on the word the chunk before broke off, and so is the first chunk's 1、.
    from compliance.match.pagenumbers import page_numbers

    lines = (
        "《示范简报.docx》由会员分享，可在线阅读。",
        "1、示范市宣传工作会议简报7月28日上午，示范市召开座谈会，要在现有良好态势的基础上顺势而为、乘势而",
        "2、上，强力推进十个方面的重点工作。",
    )
    assert sorted(page_numbers(lines, frozenset())) == [1, 2]
    # An item whose title is a word of its own before a comma stays an item.
    items = ("一、主要做法", "1、抓学习，全年集中学习12次。", "2、抓阵地，管好网站。")
    assert page_numbers(items, frozenset()) == {}


# -- flattened copies, round glued14 ------------------------------------------------------


def _headings(report: Report) -> list[tuple[int, str]]:
    return [(s.heading.level, s.heading.label) for s in report.sections]


def test_paren_headings_run_on_after_a_word_when_each_title_ends_in_a_full_stop() -> None:
    # The copy lost the full stop with each line break: （一） after 科室, （二） after 考核.
    report = only_report(
        doc(
            "示范县水务局2024年意识形态工作总结",
            "现将有关情况报告如下：一、压实工作责任，健全领导机制按照分工把各项任务分解到科室"
            "（一）落实书记第一责任人职责。局党组书记主持研究意识形态工作3次，纳入考核"
            "（二）健全分析研判机制。每季度召开一次研判会。",
        )
    )
    assert _headings(report) == [(1, "一、"), (2, "（一）"), (2, "（二）")]


@pytest.mark.parametrize(
    "body",
    [
        "局党组的措施包括（一）完善学习制度；（二）加强阵地管理。",
        "重点有（一）抓学习，（二）抓阵地，（三）抓队伍。",
        "按照实施办法第（一）项和第（二）项要求。报送材料。",
    ],
)
def test_a_list_run_on_after_a_word_is_no_heading(body: str) -> None:
    report = only_report(doc("示范县气象局2024年意识形态工作总结", "一、主要做法", body))
    assert _headings(report) == [(1, "一、")]


def test_a_lone_first_heading_in_an_excerpt_cut_inside_its_first_part() -> None:
    report = only_report(
        doc(
            "示范市城投公司意识形态工作汇报",
            "公司党委严格落实意识形态工作责任制。一、深刻认识新形势，意识形态工作面临新要求当前，"
            "企业改革任务繁重，职工思想日趋多样。",
        )
    )
    assert _headings(report) == [(1, "一、")]


@pytest.mark.parametrize(
    "tail",
    [
        # its sentence runs on to a semicolon: a list's first item
        "局党组提出要求。一、学习要到位，做到学深悟透；",
        # the family comes back later: a list, not this report's heading
        "局党组提出要求。一、学习要到位，做到学深悟透。\n一、主要做法",
    ],
)
def test_a_first_item_with_a_semicolon_or_a_later_first_is_not_a_lone_heading(tail: str) -> None:
    report = only_report(doc("示范县统计局2024年意识形态工作总结", *tail.split("\n")))
    assert all(not s.heading.embedded for s in report.sections)


def test_a_lone_first_item_with_many_blocks_after_it_is_no_heading() -> None:
    body = [f"第{n}项工作按计划推进，完成了年度任务。" for n in range(45)]
    report = only_report(
        doc(
            "示范县统计局2024年意识形态工作总结",
            "局党组提出要求。一、学习要到位，做到学深悟透。",
            *body,
        )
    )
    assert report.sections == ()


def test_an_arabic_heading_opening_its_paren_list_after_a_sentence() -> None:
    report = only_report(
        doc(
            "示范县文旅局党组意识形态工作责任制实施方案 为加强意识形态工作，制定本方案。"
            " 1、工作职责 （1）局党组负主体责任。 （2）书记是第一责任人。"
            " 2、考核办法 （1）纳入年度考核。"
        )
    )
    assert _headings(report) == [(1, "1、"), (2, "（1）"), (2, "（2）"), (1, "2、"), (2, "（1）")]


def test_a_numbered_list_after_a_sentence_opening_no_sub_list_stays_a_list() -> None:
    report = only_report(
        doc(
            "示范县文旅局2024年意识形态工作总结",
            "一、主要做法",
            "局党组抓了三件事。1、完善制度；2、加强培训。",
        )
    )
    assert _headings(report) == [(1, "一、")]


def test_a_chunk_number_with_a_space_after_it_is_the_sites() -> None:
    from compliance.match.pagenumbers import page_numbers

    lines = (
        "《示范社区调研报告.docx》由会员分享，可在线阅读。",
        "1、 示范社区调研报告一、基本情况 社区精神文明建设，是居民共同生活环境的建设。"
        "它既要围绕居民的生活需求来开展，也要培育居民的互助意识。社区的基本思路，可以概括为"
        "服务、互助、自治三个方面，其中服务体现了社区工作的根本宗旨。它既要围绕居民的生活需求"
        "来开展，也要培育居民的互助意识。社区的基本思路，可以概括为服务、互助、自治三个方面，"
        "其中服务体现了",
        "2、社区工作的根本宗旨，互助体现了传统美德。",
    )
    assert sorted(page_numbers(lines, frozenset())) == [1, 2]


def test_a_heading_title_ending_in_a_colon_takes_its_first_sub_heading() -> None:
    report = only_report(
        doc(
            "示范社区精神文明建设调研报告1 一、社区精神文明建设的基本情况： （一）建设的基本思路 "
            "社区精神文明建设，是居民共同生活环境的建设。"
        )
    )
    assert _headings(report) == [(1, "一、"), (2, "（一）")]


def test_a_lone_first_heading_after_a_lead_in_in_an_excerpt_cut_short() -> None:
    report = only_report(
        doc(
            "示范县教育局2024年上半年工作总结今年以来，局党组认真落实责任制。具体情况报告如下："
            "一、2024 年上半年工作开展情况 2024 年上半年，局党组全年集中学习8次。"
            " （一）抓好理论学习。集中学习8次。 （二）管好宣传阵地。定期检查宣传栏。"
        )
    )
    assert _headings(report) == [(1, "一、"), (2, "（一）"), (2, "（二）")]


def test_a_first_heading_after_a_lead_in_with_its_second_in_a_later_paragraph() -> None:
    report = only_report(
        doc(
            "示范县教育局2024年意识形态工作总结",
            "局党组认真落实责任制，现将情况报告如下：一、主要做法，局党组全年集中学习8次。",
            "宣传栏内容逐月审核。二、存在的问题 学习不够深入。",
        )
    )
    assert _headings(report) == [(1, "一、"), (1, "二、")]


def test_a_title_ending_in_a_pieces_number_is_no_title_glued_to_a_heading() -> None:
    (report,) = build_outline(
        doc("精选示范乡2024年意识形态工作分析研判报告（一）", "今年以来，乡党委认真落实责任制。"),
        ROLES,
    ).reports
    assert report.title == 0 and report.title_end is None and report.sections == ()


def test_a_run_on_item_whose_title_lists_with_a_pause_mark() -> None:
    report = only_report(
        doc(
            "示范乡2024年意识形态工作分析研判报告",
            "二、存在的问题",
            "主要风险有： （一）谈心谈话开展较少。不能及时掌握思想动态。"
            " （二）工作群管理不严，可能转发不实信息的现象"
            " （三）开展爱国主义教育、形势政策教育较少。 （四）班子成员研判不够。",
        )
    )
    assert [s.heading.label for s in report.sections] == [
        "二、",
        "（一）",
        "（二）",
        "（三）",
        "（四）",
    ]


def test_parts_hold_their_own_first_level() -> None:
    report = only_report(
        doc(
            "示范局2024年意识形态工作总结",
            "第一部分 主要做法",
            "一、抓学习",
            "全年集中学习10次。",
            "二、管阵地",
            "检查宣传栏4次。",
            "第二部分 下一步工作计划",
            "一、深化学习",
            "每月学习一次。",
        )
    )
    assert [(s.heading.label, s.heading.level) for s in report.sections] == [
        ("第一部分", 1),
        ("一、", 2),
        ("二、", 2),
        ("第二部分", 1),
        ("一、", 2),
    ]


def test_a_speechs_aspect_glued_after_a_lead_in_holds_the_first_level() -> None:
    report = only_report(
        doc(
            "示范县委书记在意识形态工作会议上的讲话",
            "同志们：下面我讲两点意见：第一个方面：提高站位抓落实各级要把责任扛在肩上。"
            "一、认清形势才能把准方向。形势复杂，不能掉以轻心。"
            "二、压实责任才能守住阵地。层层传导压力。",
        )
    )
    assert [(s.heading.label, s.heading.level) for s in report.sections] == [
        ("第一个方面：", 1),
        ("一、", 2),
        ("二、", 2),
    ]


def test_an_aspect_in_a_sentence_is_no_heading() -> None:
    report = only_report(
        doc("示范县委书记的讲话", "同志们：我讲三点。第一个方面是形势，第二个方面是任务。")
    )
    assert report.sections == ()


def test_sub_headings_numbered_on_across_parts_stay_under_their_part() -> None:
    report = only_report(
        doc(
            "示范局2025年宣传思想工作要点",
            "一、抓好理论学习 1、办好中心组学习。每月一次。 2、开展专题读书班。全年两期。"
            "二、压实工作责任 3、落实责任清单。逐项对账。",
        )
    )
    assert [(s.heading.label, s.heading.family, s.heading.level) for s in report.sections] == [
        ("一、", "cn", 1),
        ("1、", "arabic", 2),
        ("2、", "arabic", 2),
        ("二、", "cn", 1),
        ("3、", "arabic", 2),
    ]


def test_decimal_headings_nest_under_their_arabic_heading() -> None:
    # A report numbered the decimal way, on lines of its own and glued in a flattened copy.
    report = only_report(
        doc(
            "示范县2024年精神文明建设工作总结",
            "1.工作回顾",
            "1.1 理论学习",
            "中心组学习12次。",
            "1.2 阵地管理",
            "检查宣传栏40块。",
            "2.主要成效 2.1 文明创建 新增文明单位5个。 2.2 志愿服务 开展活动30场。",
        )
    )
    assert [(s.heading.label, s.heading.family, s.heading.level) for s in report.sections] == [
        ("1.", "arabic", 1),
        ("1.1", "decimal", 2),
        ("1.2", "decimal", 2),
        ("2.", "arabic", 1),
        ("2.1", "decimal", 2),
        ("2.2", "decimal", 2),
    ]


@pytest.mark.parametrize(
    "line",
    ["1.5万人次参加了活动。", "2.3倍于去年。", "1.2.3 版本说明", "3.5%的党员参加。", "1.5小时。"],
)
def test_a_decimal_figure_is_no_heading(line: str) -> None:
    assert first_heading(line) is None


@pytest.mark.parametrize("line", ["1.1 年度目标完成情况", "1.2 人才队伍建设", "1.1日常管理"])
def test_a_decimal_heading_may_open_with_a_units_character(line: str) -> None:
    sections = only_report(doc("1.工作回顾", line)).sections
    assert [s.heading.family for s in sections] == ["arabic", "decimal"]


def test_a_decimal_label_under_another_number_is_no_heading() -> None:
    # 5.12 under 1.: a date (5.12纪念日), not a heading of a part 5.
    sections = only_report(doc("1.抓好宣传", "5.12纪念日开展宣传。", "2.抓好学习")).sections
    assert [s.heading.label for s in sections] == ["1.", "2."]


def test_a_paren_heading_after_a_semicolon_only_goes_on_with_open_headings() -> None:
    report = only_report(
        doc(
            "示范乡2023年春节文化工作总结",
            "具体做法：（一）做好了环境布置工作。各村挂灯笼。（二）开展了送温暖活动。"
            "一是走访困难户；二是走访困难党员；（三）开展了志愿服务活动。走访老人6户。",
            "工作中注意三点：一要细致；（一）说明如下。",
        )
    )
    assert [s.heading.label for s in report.sections] == ["（一）", "（二）", "（三）"]


def test_glued_headings_in_financial_numerals() -> None:
    # A copy that lost its line breaks, its levels numbered 壹、 and （壹）: the same
    # families as 一、 and （一）, found glued as those are.
    report = only_report(
        doc(
            "某社区2024年工作总结",
            "今年以来，社区抓好各项工作，现报告如下。壹、上半年工作回顾（壹）抓好理论学习。"
            "组织集中学习六次。（贰）管好宣传阵地。更新展板四块。贰、存在的问题学习不够深入。",
        )
    )
    assert [(s.heading.label, s.heading.level, s.heading.embedded) for s in report.sections] == [
        ("壹、", 1, True),
        ("（壹）", 2, True),
        ("（贰）", 2, True),
        ("贰、", 1, True),
    ]


def test_a_site_tag_before_a_glued_title_is_left_out_of_its_finding() -> None:
    # A document site's chunk numbers and its tag between dashes before the title that
    # is glued to the text: ST206 marks the title, not the tag.
    from compliance.lint.engine import RuleSet
    from compliance.lint.runner import lint_source
    from compliance.packs.rulefile import default_rules_dir, load_packs

    text = (
        "1、-精品范文推荐- 2023年示范街道宣传工作总结一年来，街道党工委认真落实意识形态工作"
        "责任制，现总结如下。一、抓好理论学习 街道党工委全年集中学习十二次，各社区\n"
        "2、党支部开展主题党日活动三十余次，投入经费五万元更新宣传栏十处，\n"
        "3、配齐了各社区的网络信息员。\n"
    )
    ruleset = RuleSet.from_packs(load_packs([default_rules_dir()]))
    result = lint_source(text.encode(), "t.txt", ruleset)
    (glued,) = [f for f in result.findings if f.rule == "ST206"]
    assert glued.text == "2023年示范街道宣传工作总结"


def test_a_summary_cut_from_the_text_below_holds_no_headings() -> None:
    # A preview's summary (the flattened text's start, cut) over the text itself: the
    # headings are read in the text, where they are whole.
    title = "示范镇2024年理论宣讲工作方案"
    opening = "为了推动党的创新理论走进千家万户，进一步提高干部群众的理论素养，镇党委决定开展理论宣"
    summary = title + "一、目的和意义" + opening
    text = f"{title} 一、目的和意义 {opening}讲活动。 二、宣讲安排 1.组建队伍。 2.深入各村宣讲。"
    report = only_report(doc(title, summary, text))
    assert [(s.heading.label, s.heading.block) for s in report.sections] == [
        ("一、", 2),
        ("二、", 2),
        ("1.", 2),
        ("2.", 2),
    ]


def test_unnumbered_part_headings_on_lines_of_their_own() -> None:
    # A report whose parts are named without numbers: each name on a line of its own is
    # a part of the outline, its role read from the name, the 一、 under it a level below.
    report = only_report(
        doc(
            "示范街道2025年宣传思想工作总结",
            "今年以来，街道党工委抓好宣传思想工作，各项任务推进顺利。",
            "主要做法及成效：",
            "街道党工委全年集中学习八次，更新宣传栏六处。",
            "存在的不足",
            "一、学习形式比较单一",
            "集中学习多，交流研讨少。",
            "下步工作打算",
            "年内配齐各社区的网络信息员，由宣传委员负责。",
        )
    )
    assert [(s.heading.family, s.heading.title, s.heading.level) for s in report.sections] == [
        ("unnumbered", "主要做法及成效", 1),
        ("unnumbered", "存在的不足", 1),
        ("cn", "学习形式比较单一", 2),
        ("unnumbered", "下步工作打算", 1),
    ]
    assert report.sections[3].heading.number == 3


@pytest.mark.parametrize(
    "line",
    [
        "具体情况如下：",  # a lead-in, not a part
        "会议强调：",  # no part's name
        "同时，我们也清醒地看到存在的不足：",  # a clause's comma: a sentence
        "存在问题的原因在于：",  # a sentence about the part, not its name
    ],
)
def test_a_sentence_ending_in_a_colon_is_no_unnumbered_heading(line: str) -> None:
    report = only_report(
        doc(
            "示范乡2025年意识形态工作总结",
            "今年以来，乡党委认真落实意识形态工作责任制。",
            line,
            "一是学习不够深入；二是阵地管理力量不足。",
        )
    )
    assert report.sections == ()


def test_an_unnumbered_part_name_inside_a_numbered_part_is_its_lead() -> None:
    # Under 一、 a short line naming problems is that part's lead, not a sibling of 一、.
    report = only_report(
        doc(
            "示范局2025年意识形态工作总结",
            "一、工作开展情况",
            "全年集中学习十次。",
            "存在的问题",
            "学习形式单一。",
            "二、下一步打算",
            "丰富学习形式。",
        )
    )
    assert [s.heading.label for s in report.sections] == ["一、", "二、"]


def test_unnumbered_parts_glued_after_a_sentence() -> None:
    # A flattened copy: the parts' names run on after a full stop, with their colons, and
    # the numbered items glued after the plan's name are under it.
    report = only_report(
        doc(
            "示范村2025年上半年意识形态工作总结",
            "今年以来，村党支部组织党员集中学习五次。存在问题：一是党员年龄偏大；二是外出党员"
            "参学难。下半年工作计划：1.建立外出党员线上学习群。2.每月开展一次主题党日活动。"
            "会议强调：要抓好落实。",
        )
    )
    assert [(s.heading.title, s.heading.level, s.heading.embedded) for s in report.sections] == [
        ("存在问题", 1, True),
        ("下半年工作计划", 1, True),
        ("建立外出党员线上学习群。", 2, True),
        ("每月开展一次主题党日活动。", 2, True),
    ]
    assert [e.label for e in report.embedded][:2] == ["存在问题", "下半年工作计划"]


def test_an_unnumbered_line_before_a_report_numbered_throughout_is_no_part() -> None:
    # 基本情况 over 一、二、三、: the parts are numbered; the unnumbered line names the
    # preamble and does not become the parent of every part.
    report = only_report(
        doc(
            "示范所2025年意识形态工作总结",
            "基本情况",
            "全所共有职工二十人，党员十二人。",
            "一、主要做法",
            "全年集中学习十次。",
            "二、存在问题",
            "学习形式单一。",
        )
    )
    assert [(s.heading.label, s.heading.level) for s in report.sections] == [
        ("一、", 1),
        ("二、", 1),
    ]
