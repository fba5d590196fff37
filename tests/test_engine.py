from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import complint_env

from compliance.config import Config
from compliance.lint.engine import RuleSet, lint_document
from compliance.lint.runner import Options, lint_source, run
from compliance.model.document import Block, Document
from compliance.packs.rulefile import default_rules_dir, load_pack, load_packs


def doc(*lines: str) -> Document:
    return Document("r.txt", tuple(Block(t, n) for n, t in enumerate(lines, start=1) if t))


@pytest.fixture(scope="module")
def default() -> RuleSet:
    return RuleSet.from_packs(load_packs([default_rules_dir()]))


COMPLETE = (
    "示范局党组2024年上半年意识形态工作总结",
    "一、工作开展情况",
    "（一）压实责任。成立了由党组书记任组长的意识形态工作领导小组，党组书记履行第一责任人职责。",
    "（二）管好阵地。建立网络舆情监测和处置机制，加强门户网站和宣传栏阵地管理。班子成员落实一岗双责，"
    "每季度开展意识形态形势分析研判，党组理论学习中心组学习6次，将意识形态工作纳入年度目标考核。",
    "二、存在的问题",
    "一是理论学习不够深入；二是网评员能力不足。",
    "三、下一步打算",
    "一是下半年开展专题学习4次；二是由宣传股负责培训网评员。",
)


def codes(findings: list) -> list[str]:  # type: ignore[type-arg]
    return [f.rule for f in findings]


def test_complete_report_has_no_element_findings(default: RuleSet) -> None:
    assert codes(lint_document(doc(*COMPLETE), default)) == []


def test_missing_leading_group_is_one_document_level_finding(default: RuleSet) -> None:
    lines = [
        line.replace("成立了由党组书记任组长的意识形态工作领导小组，", "") for line in COMPLETE
    ]
    findings = lint_document(doc(*lines), default)
    assert codes(findings) == ["IW101"]
    (f,) = findings
    # Placed at the section where the element belongs, with no text.
    assert (f.line, f.column, f.text, f.section) == (2, 1, "", "一、工作开展情况")
    assert f.message.startswith("未体现意识形态工作领导小组")


def test_negated_mention_does_not_satisfy_the_element(default: RuleSet) -> None:
    lines = [
        line.replace("成立了由党组书记任组长的意识形态工作领导小组", "目前尚未成立领导小组")
        for line in COMPLETE
    ]
    assert "IW101" in codes(lint_document(doc(*lines), default))


def _with_pinyin(line: str) -> str:
    """A site's copy with the pinyin of some characters printed after them."""
    for char, reading in (("导", "dǎo"), ("学", "xué"), ("责", "zé"), ("研", "yán")):
        line = line.replace(char, f"{char}({reading})")
    return line


def elements(findings: list) -> list[str]:  # type: ignore[type-arg]
    return [code for code in codes(findings) if code.startswith("IW")]  # not ST209's pinyin


def test_pinyin_after_characters_does_not_hide_the_elements(default: RuleSet) -> None:
    assert elements(lint_document(doc(*map(_with_pinyin, COMPLETE)), default)) == []


def test_pinyin_keeps_the_sections_study_named_only_in_problems_and_plan(
    default: RuleSet,
) -> None:
    # Study named in the problems and the plan does not count, pinyin or not: the
    # sections stay where they were once the pinyin is taken out.
    lines = [line.replace("党组理论学习中心组学习6次，", "") for line in COMPLETE]
    assert codes(lint_document(doc(*lines), default)) == ["IW107"]
    assert elements(lint_document(doc(*map(_with_pinyin, lines)), default)) == ["IW107"]


def test_placeholders_one_finding_per_occurrence(default: RuleSet) -> None:
    lines = [*COMPLETE, "今年开展学习X次，发布信息XX余条。"]
    findings = [f for f in lint_document(doc(*lines), default) if f.rule == "TX301"]
    assert [(f.line, f.column, f.end_column, f.text) for f in findings] == [
        (9, 7, 9, "X次"),
        (9, 14, 18, "XX余条"),
    ]
    assert findings[0].section == "三、下一步打算"
    assert findings[0].message == "模板占位符未填写：“X次”，请填入实际内容"


def test_substitute_suggests_the_right_term(default: RuleSet) -> None:
    lines = [*COMPLETE[:-1], "一是守好意识形态领城；二是加强意认形态教育。"]
    findings = [f for f in lint_document(doc(*lines), default) if f.rule == "TX302"]
    assert [(f.text, f.suggestion, f.column) for f in findings] == [
        ("领城", "领域", 9),
        ("意认形态", "意识形态", 16),
    ]


def test_empty_problems_section_is_reported(default: RuleSet) -> None:
    lines = [line for line in COMPLETE if not line.startswith("一是理论")]
    findings = lint_document(doc(*lines), default)
    assert codes(findings) == ["IW109"]
    assert findings[0].line == 5


def test_severity_override_and_select(default: RuleSet) -> None:
    packs = load_packs([default_rules_dir()])
    ruleset = RuleSet.from_packs(packs, Config(select=("TX",), severity={"TX301": "info"}))
    assert {r.code[:2] for r in ruleset.rules} == {"TX"}
    findings = lint_document(doc(*COMPLETE, "开展X次"), ruleset)
    assert [(f.rule, f.severity) for f in findings] == [("TX301", "info")]


def test_findings_are_sorted_by_location(default: RuleSet) -> None:
    lines = ["开展X次", *COMPLETE[1:], "开展XX次"]
    findings = lint_document(doc(*lines), default)
    keys = [(f.line, f.column) for f in findings]
    assert keys == sorted(keys)


def test_a_pack_from_a_user_folder(tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_text(
        '[[rule]]\ncode = "ZZ001"\nname = "no-tbd"\nkind = "forbid"\nseverity = "warning"\n'
        'title = "TBD"\nmessage = "待定内容：{text}"\nmatch = \'"待定"\'\n',
        encoding="utf-8",
    )
    ruleset = RuleSet.from_packs([load_pack(tmp_path / "mine.toml")])
    (f,) = lint_document(doc("方案待定。"), ruleset)
    assert (f.rule, f.column, f.message) == ("ZZ001", 3, "待定内容：待定")


def test_unreadable_files_do_not_stop_the_run(tmp_path: Path, default: RuleSet) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "ok.txt").write_text("开展X次\n", encoding="utf-8")
    results = run([str(tmp_path), str(tmp_path / "missing.txt")], default)
    by_name = {Path(r.path).name: r for r in results}
    assert by_name["empty.txt"].error is not None
    assert (
        str(by_name["missing.txt"].error)
        == f"{tmp_path / 'missing.txt'}: no such file or directory"
    )
    assert "TX301" in {f.rule for f in by_name["ok.txt"].findings}


def test_a_user_regex_that_times_out_is_skipped_and_named_in_the_files_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from compliance.match import matchers

    monkeypatch.setattr(matchers, "REGEX_TIMEOUT", 0.05)
    (tmp_path / "slow.toml").write_text(
        '[[rule]]\ncode = "ZZ009"\nname = "slow"\nkind = "forbid"\nseverity = "warning"\n'
        'title = "slow"\nmessage = "x"\nmatch = \'/(x+x+)+y/\'\n',
        encoding="utf-8",
    )
    # Chinese before the run of x: a file with none is refused before any rule runs.
    (tmp_path / "a-bad.txt").write_text("示范" + "x" * 5000 + "\n", encoding="utf-8")
    (tmp_path / "b-ok.txt").write_text("开展X次\n", encoding="utf-8")
    packs = load_packs([default_rules_dir(), tmp_path / "slow.toml"])
    results = run(
        [str(tmp_path / "a-bad.txt"), str(tmp_path / "b-ok.txt")], RuleSet.from_packs(packs)
    )
    bad, ok = results
    assert "ZZ009" not in {f.rule for f in bad.findings}  # skipped; the other rules ran
    assert bad.error is not None
    assert str(bad.error).startswith(
        f"{tmp_path / 'a-bad.txt'}: rule ZZ009 skipped: the regular expression"
    )
    assert "took over 0.05 s" in bad.error.reason
    assert "TX301" in {f.rule for f in ok.findings}


def test_findings_carry_offsets_and_fingerprints_that_ignore_the_line(
    tmp_path: Path, default: RuleSet
) -> None:
    report = tmp_path / "r.txt"
    report.write_text("标题\r\n\r\n  开展学习X次。\r\n", encoding="utf-8")
    fingerprinted = Options(fingerprints=True)
    (result,) = run([str(report)], default, options=fingerprinted)
    found = next(f for f in result.findings if f.rule == "TX301")
    assert found.fingerprint
    text = report.read_bytes().decode("utf-8")
    assert text[found.offset : found.offset + 2] == "X次"
    report.write_text("标题\r\n\r\n新增一段。\r\n  开展学习X次。\r\n", encoding="utf-8")
    (moved,) = run([str(report)], default, options=fingerprinted)
    again = next(f for f in moved.findings if f.rule == "TX301")
    assert again.line == found.line + 1
    assert again.fingerprint == found.fingerprint


def test_per_path_ignores_drop_codes_for_matching_files(tmp_path: Path) -> None:
    (tmp_path / "archive").mkdir()
    for name in ("archive/old.txt", "new.txt"):
        (tmp_path / name).write_text("开展学习X次。\n", encoding="utf-8")
    config = Config(per_path_ignores=(("archive/*", ("TX",)),), source=tmp_path / "complint.toml")
    ruleset = RuleSet.from_packs(load_packs([default_rules_dir()]), config)
    old, new = run([str(tmp_path / "archive"), str(tmp_path / "new.txt")], ruleset)
    assert not any(f.rule.startswith("TX") for f in old.findings)
    assert "TX301" in {f.rule for f in new.findings}


def _all_inputs(shared_reports: Path) -> list[Path]:
    root = Path(__file__).resolve().parent.parent
    return sorted(
        [
            *(root / "samples").glob("*.txt"),
            *(root / "samples").glob("*.docx"),
            *shared_reports.glob("*.txt"),
            *(root / "tests" / "fixtures" / "word").glob("*.docx"),
        ]
    )


def test_the_term_index_changes_no_finding(
    default: RuleSet, shared_reports: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One automaton pass per text (and the regex prefilter it feeds) must find exactly
    what searching each term and running each regex directly finds."""
    from compliance.kinds.base import Context
    from compliance.readers import read_document

    documents = [read_document(path) for path in _all_inputs(shared_reports)]
    indexed = [lint_document(d, default) for d in documents]
    monkeypatch.setattr(Context, "_scan", lambda self, text: None)
    monkeypatch.setattr(Context, "_scan_parts", lambda self, text, parts: (None, None))
    direct = [lint_document(d, default) for d in documents]
    assert indexed == direct
    assert sum(map(len, indexed)) > 150


@pytest.mark.slow
def test_finding_order_does_not_depend_on_the_string_hash(tmp_path: Path) -> None:
    """Where two terms could be misspelt at one place (意识形态 and 意识形态工作责任制),
    the same one finding comes out in every process, whatever PYTHONHASHSEED is."""
    report = tmp_path / "r.txt"
    report.write_text("示范局工作总结\n落实意认形态工作责任制。\n", encoding="utf-8")
    findings = f"compliance.check({str(report)!r}).findings"
    show = f"import compliance; print([f.text for f in {findings} if f.rule == 'TX302'])"
    outputs = set()
    for seed in range(1, 13):
        env = {**complint_env(), "PYTHONHASHSEED": str(seed)}
        run = subprocess.run(
            [sys.executable, "-c", show], capture_output=True, text=True, env=env, check=True
        )
        outputs.add(run.stdout)
    assert outputs == {str(["意认形态"]) + "\n"}


def test_a_lone_surrogate_from_a_reader_is_replaced_and_linted(
    tmp_path: Path, default: RuleSet, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pdfminer can give a lone surrogate (a damaged ToUnicode map). It has no UTF-8 form,
    on which OpenCC and the term automaton rely: it becomes U+FFFD, columns kept."""
    from compliance import readers

    damaged = Document(
        "r.pdf", (Block("示范局工作总结", 1), Block("加强意认形态\udc80工作，贯落实部署。", 2))
    )
    monkeypatch.setattr(readers, "_read", lambda file, suffix, shown: damaged)
    report = tmp_path / "r.pdf"
    report.write_bytes(b"%PDF-1.4")
    assert readers.read_document(report).blocks[1].text == "加强意认形态\ufffd工作，贯落实部署。"
    result = lint_source(report, "r.pdf", default)
    assert result.error is None
    typos = [(f.column, f.text) for f in result.findings if f.rule == "TX302"]
    assert typos == [(3, "意认形态"), (11, "贯落实")]


def test_a_short_residue_line_is_st209s_alone(default: RuleSet) -> None:
    # A site's notice and menu lines are deleted whole: their straight quotes and spaces
    # are not reported on top of ST209.
    found = lint_document(
        doc(
            "示范局2024年意识形态工作总结",
            '- 2、"仅部分预览"的文档，不可在线预览部分如存在完整性等问题。',
            "打印 上一主题 下一主题",
            '今年以来，我局认真落实意识形态工作责任制，坚持"第一议题"制度。',
        ),
        default,
    )
    by_line = {(f.line, f.rule) for f in found}
    assert (2, "ST209") in by_line and (3, "ST209") in by_line
    assert not {rule for line, rule in by_line if line in (2, 3)} & {"TX304", "TX305"}
    # The report's own paragraph keeps its straight quotes reported.
    assert (4, "TX304") in by_line


def test_a_page_title_bars_related_title_goes_with_its_bar(default: RuleSet) -> None:
    # The bar of a page's title bar and the related title after it are the site's: the fix
    # deletes both and leaves the report's title (on the bar alone it glued two titles).
    found = lint_document(
        doc(
            "2025年宣传思想工作总结（乡镇级）|2026年宣传思想工作要点",
            "2025年，示范镇党委认真落实意识形态工作责任制。",
        ),
        default,
    )
    assert [(f.line, f.column, f.text) for f in found if f.rule == "ST209"] == [
        (1, 19, "|2026年宣传思想工作要点")
    ]


def test_a_sites_byline_is_st209s_alone_whatever_its_name(default: RuleSet) -> None:
    # A site named with a doubled character (晶晶文库): its byline is deleted whole, so
    # TX306 says nothing of 晶晶 there; the report's own doubling is still reported.
    found = lint_document(
        doc(
            "示范局2024年意识形态工作总结",
            "晶晶文库 发表于：2023-04-12 09:15:40 来源：网友投稿",
            "今年以来，我局认真落实落实意识形态工作责任制。",
        ),
        default,
    )
    by_line = {(f.line, f.rule) for f in found}
    assert (2, "ST209") in by_line and (2, "TX306") not in by_line
    assert (3, "TX306") in by_line


def test_a_copys_number_leaves_its_title_to_the_language_rules(default: RuleSet) -> None:
    # A site's number after a copy's title (…总结篇1) is the site's; the title before it is
    # the report's own, so a unit's type written twice there is still a doubling, while
    # the line's residue is not reported for spacing on top of ST209.
    found = lint_document(
        doc(
            "示范局2024年意识形态工作总结",
            "社区社区意识形态工作总结篇2",
            "今年以来，我局认真落实意识形态工作责任制。",
        ),
        default,
    )
    by_line = {(f.line, f.rule) for f in found}
    assert (2, "ST209") in by_line and (2, "TX306") in by_line


def test_a_portal_field_line_cut_short_is_st209s_alone(default: RuleSet) -> None:
    # A portal's field line ends in its own control cut short (【字体：): deleted whole, its
    # unpaired bracket is not reported on top of ST209; the report's own one still is.
    found = lint_document(
        doc(
            "示范局2024年意识形态工作总结",
            "来源：示范局 发布时间：2024-08-24 17:25:00 浏览次数： 【字体：",
            "今年以来，我局认真落实意识形态工作责任制（记者 王某。",
        ),
        default,
    )
    by_line = {(f.line, f.rule) for f in found}
    assert (2, "ST209") in by_line
    assert (2, "TX307") not in by_line
    assert (3, "TX307") in by_line


def test_a_long_paragraph_with_residue_inside_keeps_its_other_findings(default: RuleSet) -> None:
    body = "今年以来，我局认真落实意识形态工作责任制，加强阵地管理，" * 3
    found = lint_document(
        doc("示范局2024年意识形态工作总结", body + "及时研判重大yq、重要情况，推动 工作落实。"),
        default,
    )
    assert {"ST209", "TX305"} <= {f.rule for f in found if f.line == 2}
