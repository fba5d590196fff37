from __future__ import annotations

from pathlib import Path

import pytest

from compliance.document import Block, Document
from compliance.outline import build_outline, parse_cn_number

ROLES = {
    "achievements": ["工作开展情况", "主要做法", "总体情况"],
    "problems": ["存在的问题", "主要问题"],
    "plan": ["下一步", "今后工作打算"],
}


def doc(*lines: str) -> Document:
    return Document("t.txt", tuple(Block(t, n) for n, t in enumerate(lines, start=1) if t))


REPORT = doc(
    "示范街道党工委2024年意识形态工作总结",
    "　　今年以来，街道党工委认真落实意识形态工作责任制。现将有关情况报告如下：",
    "　　一、工作开展情况",
    "　　（一）压实责任。党工委书记带头抓。一是制定清单；二是定期督查。",
    "　　(二)抓好学习",
    "　　1.中心组学习。全年学习8次。",
    "　　2、专题研讨。开展研讨3次。",
    "　　二、存在的问题",
    "　　学习深度不够。",
    "　　三、下一步打算",
    "　　（一）加强学习。每月一次。（二）建好队伍。分批培训。",
)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("一", 1),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("二十三", 23),
        ("一百", 100),
        ("是", None),
    ],
)
def test_parse_cn_number(text: str, number: int | None) -> None:
    assert parse_cn_number(text) == number


def test_headings_levels_and_titles() -> None:
    (report,) = build_outline(REPORT, ROLES).reports
    assert report.title == 0
    got = [
        (s.heading.label, s.heading.level, s.heading.title, s.heading.inline)
        for s in report.sections
    ]
    assert got == [
        ("一、", 1, "工作开展情况", False),
        ("（一）", 2, "压实责任。", True),
        ("(二)", 2, "抓好学习", False),
        ("1.", 3, "中心组学习。", True),
        ("2、", 3, "专题研讨。", True),
        ("二、", 1, "存在的问题", False),
        ("三、", 1, "下一步打算", False),
        ("（一）", 2, "加强学习。", True),
        ("（二）", 2, "建好队伍。", True),
    ]
    assert report.sections[0].heading.column == 3  # after the two full-width spaces


def test_sections_roles_and_paths() -> None:
    (report,) = build_outline(REPORT, ROLES).reports
    assert [sorted(s.roles) for s in report.sections if s.heading.level == 1] == [
        ["achievements"],
        ["problems"],
        ["plan"],
    ]
    assert report.path_text(5) == "一、工作开展情况 / (二)抓好学习 / 1.中心组学习"
    assert report.roles_at(8) == {"problems"}
    assert report.path_text(1) == ""
    (problems,) = report.sections_with_role("problems")
    assert (problems.start, problems.end) == (7, 9)


def test_enumerations_are_not_headings() -> None:
    (report,) = build_outline(REPORT, ROLES).reports
    assert [(e.block, e.marker, e.number) for e in report.enumerations] == [
        (3, "一是", 1),
        (3, "二是", 2),
    ]
    assert all(not s.heading.title.startswith("是") for s in report.sections)


def test_embedded_heading_continues_the_sequence() -> None:
    (report,) = build_outline(REPORT, ROLES).reports
    (embedded,) = report.embedded
    assert (embedded.block, embedded.label, embedded.number) == (10, "（二）", 2)
    assert REPORT.blocks[10].text[embedded.offset :].startswith("（二）建好队伍")


def test_a_decimal_or_a_year_is_not_a_heading() -> None:
    outline = build_outline(doc("1.5万元用于阵地建设。", "2024年，我们开展了学习。"), ROLES)
    assert outline.reports[0].sections == ()


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


def test_residue_before_a_label_is_skipped() -> None:
    (report,) = build_outline(doc("　>　一、总体情况", "内容"), ROLES).reports
    (section,) = report.sections
    assert (section.heading.label, section.heading.column) == ("一、", 4)


def test_word_numbering_label() -> None:
    document = Document(
        "t.docx", (Block("存在的问题", 1, label="二、"), Block("学习不够深入。", 2))
    )
    (report,) = build_outline(document, ROLES).reports
    (section,) = report.sections
    assert (section.heading.label, section.heading.title, section.roles) == (
        "二、",
        "存在的问题",
        {"problems"},
    )


def load(path: Path) -> Document:
    lines = path.read_text(encoding="utf-8").splitlines()
    return Document(
        str(path), tuple(Block(t, n) for n, t in enumerate(lines, start=1) if t.strip())
    )


def test_real_report_000(shared_reports: Path) -> None:
    document = load(shared_reports / "000_371b7687f7193908.txt")
    (report,) = build_outline(document, ROLES).reports
    assert report.title is not None and document.blocks[report.title].line == 2
    top = [s for s in report.sections if s.heading.level == 1]
    assert [s.heading.label for s in top] == ["一、", "二、", "三、"]
    assert [sorted(s.roles) for s in top][1:] == [["problems"], ["plan"]]
    (embedded,) = report.embedded
    assert document.blocks[embedded.block].line == 14 and embedded.label == "(三)"
    plan = top[2]
    measures = [s for s in report.sections if s.parent == report.sections.index(plan)]
    assert [s.heading.number for s in measures] == [1, 2, 3]


def test_real_report_002_holds_three_reports(shared_reports: Path) -> None:
    document = load(shared_reports / "002_8e0b853442afd5b5.txt")
    a, b, c = build_outline(document, ROLES).reports
    assert [document.blocks[r.start].line for r in (a, b, c)] == [1, 24, 41]
    assert a.title is None
    assert b.title is not None and document.blocks[b.title].line == 24
    combined = c.sections[-1]
    assert combined.heading.label == "四、" and combined.roles == {"problems", "plan"}
    arabic = [s.heading for s in b.sections if s.heading.family == "arabic"]
    assert arabic and all(h.level == 2 for h in arabic)
