"""Suppressions with a reason: in .txt/.md lines, Word comments and the config's allow."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from test_cli import complint

HEAD = "示范局2024年上半年意识形态工作总结"


def findings(*args: str, cwd: Path | None = None) -> tuple[list[dict[str, object]], dict[str, int]]:
    """The JSON findings and summary; without `cwd`, run without a config file."""
    if cwd is None:
        out = complint(*args, "--format", "json", "--no-cache", "--no-config")
    else:
        out = complint(*args, "--format", "json", "--no-cache", cwd=cwd)
    data = json.loads(out.stdout)
    return data["findings"], data["summary"]


def codes(found: list[dict[str, object]]) -> list[tuple[object, object]]:
    return [(f["line"], f["rule"]) for f in found]


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_a_directive_covers_the_next_paragraph_only(tmp_path: Path, suffix: str) -> None:
    file = tmp_path / f"report{suffix}"
    file.write_text(
        f"{HEAD}\n"
        "<!-- complint: ignore TX301,TX302 模板示例，保留占位符 -->\n"
        "开展学习X次，加强意认形态工作。\n"
        "发布信息XX条。\n",
        encoding="utf-8",
    )
    found, summary = findings(str(file), "--select", "TX,ST,CL")
    # The directive line is not report text (no markup residue), the next paragraph's
    # two findings are accepted, the one after still reports.
    assert codes(found) == [(4, "TX301")]
    assert summary["suppressed"] == 2 and summary["findings"] == 1


def test_a_file_level_directive_and_a_missing_element(tmp_path: Path) -> None:
    file = tmp_path / "report.txt"
    file.write_text(
        f"{HEAD}\n开展学习X次。\n<!-- complint: ignore-file TX301, IW105 本单位无网络阵地 -->\n",
        encoding="utf-8",
    )
    found, summary = findings(str(file), "--select", "TX301,IW105,CL")
    assert found == [] and summary["suppressed"] == 2


def test_stale_and_reasonless_directives_are_reported(tmp_path: Path) -> None:
    file = tmp_path / "report.txt"
    file.write_text(
        f"{HEAD}\n"
        "<!-- complint: ignore TX301 -->\n"  # no reason: still suppresses, but reported
        "开展学习X次。\n"
        "<!-- complint: ignore TX302 早已改正 -->\n"  # suppresses nothing
        "加强意识形态工作。\n"
        "<!-- complint: ignroe TX301 拼错 -->\n"  # unreadable: suppresses nothing
        "发布信息XX条。\n",
        encoding="utf-8",
    )
    found, summary = findings(str(file), "--select", "TX,CL")
    assert codes(found) == [(2, "CL902"), (4, "CL901"), (6, "CL902"), (7, "TX301")]
    assert summary["suppressed"] == 1
    unused = next(f for f in found if f["rule"] == "CL901")
    assert unused["text"] == "TX302" and unused["column"] == 23
    # A rule that did not run cannot be judged: no CL901 for TX302 under --select TX301.
    found, _ = findings(str(file), "--select", "TX301,CL")
    assert "CL901" not in {f["rule"] for f in found}
    # A code no pack defines suppresses nothing either; a mistyped one cannot be read.
    file.write_text(
        f"{HEAD}\n<!-- complint: ignore TX399 笔误 -->\n开展学习。\n"
        "<!-- complint: ignore TX3011 笔误 -->\n开展学习X次。\n",
        encoding="utf-8",
    )
    found, _ = findings(str(file), "--select", "TX301,CL")
    assert codes(found) == [(2, "CL901"), (4, "CL902"), (5, "TX301")]
    # The meta rules are ordinary rules: --ignore CL turns them off.
    found, _ = findings(str(file), "--select", "TX", "--ignore", "CL")
    assert {f["rule"] for f in found} == {"TX301"}


def test_statistics_count_suppressed_apart(tmp_path: Path) -> None:
    file = tmp_path / "report.txt"
    file.write_text(
        f"{HEAD}\n<!-- complint: ignore TX301 模板 -->\n开展学习X次。\n发布信息XX条。\n",
        encoding="utf-8",
    )
    out = complint(str(file), "--statistics", "--no-config", "--no-cache", "--select", "TX")
    assert out.stdout.splitlines() == [
        "1\tTX301\t[error]\tplaceholder",
        "1\tTX301\t[suppressed]\tplaceholder",
    ]


def test_a_word_comment_suppresses_the_text_it_covers(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph(HEAD)
    paragraph = document.add_paragraph()
    paragraph.add_run("开展学习")
    accepted = paragraph.add_run("X次")
    paragraph.add_run("，发布信息XX条。")
    document.add_comment([accepted], text="complint: ignore TX301 模板示例", author="审稿人")
    clean = document.add_paragraph().add_run("加强意识形态工作。")
    document.add_comment([clean], text="complint：ignore TX302", author="审稿人")
    document.add_comment([clean], text="请核实", author="审稿人")  # an ordinary comment
    file = tmp_path / "report.docx"
    document.save(str(file))
    found, summary = findings(str(file), "--select", "TX,CL")
    assert [(f["line"], f["rule"], f["text"]) for f in found] == [
        (2, "TX301", "XX条"),  # outside the comment's range: still reported
        (3, "CL901", "TX302"),
        (3, "CL902", "complint：ignore TX302"),
    ]
    assert summary["suppressed"] == 1


def test_config_allow_accepts_a_units_words(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text(
        "南江县文化局2024年工作总结\n我局为南江县文化建设作出贡献。\n"
        "协助南和县文化馆开展文化下乡活动，开展学习X次。\n",
        encoding="utf-8",
    )
    found, _ = findings("report.txt", "--select", "CS502,TX301", cwd=tmp_path)
    assert [f["text"] for f in found] == ["南和县", "X次"]
    # A partner unit's name: the finding's characters lie inside an allowed name.
    (tmp_path / "complint.toml").write_text('allow = ["南和县文化馆"]\n', encoding="utf-8")
    found, summary = findings("report.txt", "--select", "CS502,TX301", cwd=tmp_path)
    assert [f["text"] for f in found] == ["X次"] and summary["suppressed"] == 1
    (tmp_path / "complint.toml").write_text("allow = [1]\n", encoding="utf-8")
    bad = complint("report.txt", cwd=tmp_path)
    assert bad.returncode == 2 and "allow" in bad.stderr
