"""--annotate at scale: 10,000 findings written as Word comments (target: under 10 s).

    python bench/annotate.py            # 10,000 findings on 2,500 paragraphs
    python bench/annotate.py --findings 2000

A report of paragraphs each holding four placeholders is generated with python-docx,
linted, and the findings (repeated to the count asked for) annotated into a copy. Prints
the seconds taken and whether the target is met; annotating edits the package as XML, so
the time grows in proportion to the findings (issue 14: 8,851 comments took 337 s when
each comment went through python-docx).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docx import Document  # noqa: E402

from compliance.lint.engine import RuleSet  # noqa: E402
from compliance.lint.runner import lint_file  # noqa: E402
from compliance.output.word_comments import write_annotated  # noqa: E402
from compliance.packs.rulefile import default_rules_dir, load_packs  # noqa: E402

TARGET_SECONDS = 10.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--findings", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="complint-bench-") as folder:
        source = Path(folder) / "report.docx"
        document = Document()
        document.add_paragraph("示范局2024年上半年意识形态工作总结")
        for i in range(args.findings // 4 + 1):
            document.add_paragraph(
                f"第{i}项：开展专题学习X次，发布信息XX条，走访群众XX户，召开会议X场。"
            )
        document.save(str(source))
        ruleset = RuleSet.from_packs(load_packs([default_rules_dir()]))
        findings = [f for f in lint_file(source, ruleset).findings if f.rule == "TX301"]
        findings = findings[: args.findings]
        started = time.perf_counter()
        write_annotated(source, findings, Path(folder) / "annotated.docx")
        seconds = time.perf_counter() - started
    met = seconds < TARGET_SECONDS * args.findings / 10_000
    print(
        f"annotate: {len(findings)} comments in {seconds:.2f} s ({'met' if met else 'NOT met'}; "
        f"target {TARGET_SECONDS:g} s per 10,000)"
    )
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
