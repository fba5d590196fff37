"""Precision and recall of complint per rule, on a corpus of annotated real-style cases.

    python bench/accuracy.py                          # tests/accuracy/cases.toml
    python bench/accuracy.py --corpus OTHER.toml      # e.g. annotated real pages kept outside

A corpus is a TOML file of [[case]] tables:

    [[case]]
    name = "placeholder-stars"
    text = '''…'''                    # the report (lines are blocks, as in a .txt file)
    suffix = ".txt"                   # optional: ".md" reads it as Markdown
    expect = ["TX301 **次", "ST208"]  # findings that must appear: code, then the text the
                                      # finding shows (omitted: any text, e.g. a missing part)
    clean = ["ST205"]                 # codes that must not fire here
    present = ["IW101"]               # required elements the report establishes
    absent = ["IW105"]                # required elements it lacks

Every finding of a code named in `expect` or `clean` is judged: matched to an expectation
it is a true positive, else a false alarm. Elements are scored apart: a present element
recognised (no finding), an absent one reported.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import tomllib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "accuracy" / "cases.toml"
PLACEHOLDER = "TX301"
GLUED = "ST206"


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    suffix: str = ".txt"
    expect: tuple[tuple[str, str], ...] = ()
    clean: tuple[str, ...] = ()
    present: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()


@dataclass
class Scores:
    true: Counter[str] = field(default_factory=Counter)
    false: Counter[str] = field(default_factory=Counter)
    missed: Counter[str] = field(default_factory=Counter)
    present: int = 0
    recognised: int = 0
    absent: int = 0
    reported: int = 0
    problems: list[str] = field(default_factory=list)  # "case: what went wrong"

    def precision(self, code: str | None = None) -> float:
        tp = self.true[code] if code else sum(self.true.values())
        fp = self.false[code] if code else sum(self.false.values())
        return tp / (tp + fp) if tp + fp else 1.0

    def recall(self, code: str | None = None) -> float:
        tp = self.true[code] if code else sum(self.true.values())
        fn = self.missed[code] if code else sum(self.missed.values())
        return tp / (tp + fn) if tp + fn else 1.0

    def codes(self) -> list[str]:
        return sorted(set(self.true) | set(self.false) | set(self.missed))


def load(path: Path) -> list[Case]:
    with path.open("rb") as handle:
        raw = tomllib.load(handle)
    cases = []
    for item in raw.get("case", []):
        expect = tuple(
            (entry.split(" ", 1)[0], entry.split(" ", 1)[1] if " " in entry else "")
            for entry in item.get("expect", [])
        )
        cases.append(
            Case(
                name=item["name"],
                text=item["text"],
                suffix=item.get("suffix", ".txt"),
                expect=expect,
                clean=tuple(item.get("clean", [])),
                present=tuple(item.get("present", [])),
                absent=tuple(item.get("absent", [])),
            )
        )
    return cases


def _matches(found: tuple[str, str], expected: tuple[str, str]) -> bool:
    code, text = found
    want_code, want_text = expected
    if code != want_code:
        return False
    return not want_text or want_text in text or bool(text and text in want_text)


def score(cases: Iterable[Case]) -> Scores:
    from compliance.lint.engine import RuleSet
    from compliance.lint.runner import lint_file
    from compliance.packs.rulefile import default_rules_dir, load_packs

    ruleset = RuleSet.from_packs(load_packs([default_rules_dir()]))
    scores = Scores()
    with tempfile.TemporaryDirectory() as folder:
        for case in cases:
            path = Path(folder) / f"case{case.suffix}"
            path.write_text(case.text.strip("\n") + "\n", encoding="utf-8")
            result = lint_file(path, ruleset, case.name)
            if result.error is not None:
                scores.problems.append(f"{case.name}: {result.error}")
                continue
            found = [(f.rule, f.text) for f in result.findings]
            _score_case(case, found, scores)
    return scores


def _score_case(case: Case, found: Sequence[tuple[str, str]], scores: Scores) -> None:
    judged = {code for code, _ in case.expect} | set(case.clean)
    open_expectations = list(case.expect)
    for finding in found:
        if finding[0] not in judged:
            continue
        hit = next((e for e in open_expectations if _matches(finding, e)), None)
        if hit is None:
            scores.false[finding[0]] += 1
            scores.problems.append(f"{case.name}: false alarm {finding[0]} {finding[1]!r}")
        else:
            open_expectations.remove(hit)
            scores.true[finding[0]] += 1
    for code, text in open_expectations:
        scores.missed[code] += 1
        scores.problems.append(f"{case.name}: missed {code} {text!r}")
    codes = {code for code, _ in found}
    for code in case.present:
        scores.present += 1
        if code in codes:
            scores.problems.append(f"{case.name}: present element reported {code}")
        else:
            scores.recognised += 1
    for code in case.absent:
        scores.absent += 1
        if code in codes:
            scores.reported += 1
        else:
            scores.problems.append(f"{case.name}: absent element not reported {code}")


def report(scores: Scores) -> str:
    lines = [f"{'rule':8} {'found':>6} {'false':>6} {'missed':>6} {'precision':>10} {'recall':>8}"]
    for code in scores.codes():
        lines.append(
            f"{code:8} {scores.true[code]:6d} {scores.false[code]:6d} {scores.missed[code]:6d}"
            f" {scores.precision(code):10.3f} {scores.recall(code):8.3f}"
        )
    lines.append(
        f"{'all':8} {sum(scores.true.values()):6d} {sum(scores.false.values()):6d}"
        f" {sum(scores.missed.values()):6d} {scores.precision():10.3f} {scores.recall():8.3f}"
    )
    present = scores.recognised / scores.present if scores.present else 1.0
    absent = scores.reported / scores.absent if scores.absent else 1.0
    lines.append(
        f"elements present recognised: {scores.recognised}/{scores.present} = {present:.3f}"
    )
    lines.append(f"elements absent reported: {scores.reported}/{scores.absent} = {absent:.3f}")
    lines.append(f"placeholder recall (TX301):  {scores.recall(PLACEHOLDER):.3f}")
    lines.append(f"glued heading recall (ST206): {scores.recall(GLUED):.3f}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--verbose", action="store_true", help="list every miss and false alarm")
    args = parser.parse_args(argv)
    scores = score(load(args.corpus))
    print(report(scores))
    if args.verbose:
        print("\n".join(scores.problems))
    return 0


if __name__ == "__main__":
    sys.exit(main())
