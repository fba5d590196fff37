"""Every finding over a fixed corpus, as JSON: the before/after check for speed work.

    python bench/snapshot.py OUT.json [--workdir DIR]    # write the snapshot
    python bench/snapshot.py OUT.json --compare OLD.json # and say what differs

The corpus: samples/, ../shared/reports, the .docx family of ../shared/realdocx and the
benchmark's generated reports (1,000 .txt and 200 .docx, kept in --workdir between runs).
A speed change must leave the snapshot byte-identical.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import run as bench  # noqa: E402

from compliance.lint.engine import RuleSet  # noqa: E402
from compliance.lint.runner import run  # noqa: E402
from compliance.packs.rulefile import default_rules_dir, load_packs  # noqa: E402

REALDOCX = bench.SHARED / "realdocx" / "files"


def corpus(workdir: Path) -> list[str]:
    if not (workdir / "txt").is_dir() or not (workdir / "docx").is_dir():
        bench.generate(workdir, bench.FULL, {"textlint", "docx"})
    paths = [str(ROOT / "samples"), str(bench.SHARED_REPORTS), str(workdir / "txt")]
    paths.append(str(workdir / "docx"))
    if REALDOCX.is_dir():
        paths += sorted(str(p) for p in REALDOCX.rglob("*") if p.suffix.lower() in
                        {".docx", ".docm", ".dotx", ".dotm"})  # fmt: skip
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/complint-snapshot"))
    parser.add_argument("--compare", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    ruleset = RuleSet.from_packs(load_packs([default_rules_dir()]))
    results = run(corpus(args.workdir), ruleset, jobs=args.jobs)
    data = {
        r.path: {
            "error": None if r.error is None else str(r.error),
            "findings": [dataclasses.astuple(f) for f in r.findings],
        }
        for r in results
    }
    text = json.dumps(data, ensure_ascii=False, indent=0)
    args.out.write_text(text, encoding="utf-8")
    count = sum(len(v["findings"]) for v in data.values())
    print(f"{len(data)} files, {count} findings -> {args.out}")
    if args.compare is None:
        return 0
    before = args.compare.read_text(encoding="utf-8")
    if before == text:
        print("identical, byte for byte")
        return 0
    old, new = json.loads(before), json.loads(text)
    differ = [p for p in sorted(set(old) | set(new)) if old.get(p) != new.get(p)]
    for path in differ[:20]:
        print(f"differs: {path}")
    print(f"{len(differ)} files differ")
    return 1


if __name__ == "__main__":
    sys.exit(main())
