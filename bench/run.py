"""complint's benchmark: ratios against a peer and a floor, measured in one run.

    python bench/run.py                 # the full workload (docs/performance.md)
    python bench/run.py --quick         # a smaller workload, for a smoke run
    python bench/run.py --only startup,cache
    python bench/run.py --install-textlint --only textlint  # npm-installs textlint once

The workload is generated deterministically (fixed seeds) into a temporary folder from
samples/*.txt and ../shared/reports/*.txt (when present): 1,000 .txt reports of
3,000-9,000 characters, 200 .docx files of the same text, and one 1 MB and one 10 MB .txt
file. Every figure is a ratio of two times taken in the same run on the same machine, so
the targets hold whatever the machine's absolute speed. Prints a table and writes
bench/results.json. Runs on Linux and macOS (peak memory through the resource module).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SAMPLES = ROOT / "samples"
# ../shared beside the project; a git worktree one level deeper (wt/NAME) finds it above.
SHARED = next(
    (p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()),
    ROOT.parent / "shared",
)
SHARED_REPORTS = SHARED / "reports"
RESULTS = HERE / "results.json"
NPM_CACHE = HERE / ".cache"
# Pinned so that a figure means the same peer next year.
TEXTLINT = ("textlint@15.8.0", "textlint-rule-prh@6.1.0")

SEED = 20240701
MB = 1 << 20


@dataclass(frozen=True)
class Scale:
    txt_files: int
    docx_files: int
    small_bytes: int  # the "1 MB" file
    large_bytes: int  # the "10 MB" file: always 10× the small one
    repeat: int  # repetitions of the quick measurements (best taken)
    repeat_long: int  # repetitions of the runs over the whole folder


FULL = Scale(1000, 200, MB, 10 * MB, repeat=5, repeat_long=5)
# A smoke run (the test suite makes one): every measure once, figures not meaningful.
QUICK = Scale(24, 6, MB // 32, 10 * MB // 32, repeat=2, repeat_long=1)

MEASURES = (
    "textlint", "docx", "linearity", "jobs", "cache", "startup", "memory", "memory-formats",
)  # fmt: skip
# Every --format, for memory-formats (compliance.cli's choices; kept here so that the
# benchmark's list does not depend on importing the CLI).
FORMATS = (
    "text", "concise", "json", "json-lines", "sarif", "junit", "github", "gitlab", "rdjson",
    "html",
)  # fmt: skip


# -- the workload --------------------------------------------------------------------------

# A top-level heading, with any copy-paste residue (>) before it.
_HEADING = re.compile(r"^[\s　>]*[一二三四五六七八九十]+、\s*")
# Second and third level labels, renumbered where a paragraph lands: （一） / (一), 1、 / 1.
_SUB = re.compile(r"^([\s　]*[（(])[一二三四五六七八九十]+(?=[）)])")
_ITEM = re.compile(r"^([\s　]*)[0-9]{1,2}(?=[、.．][^0-9])")
_TITLE = re.compile(r"(总结|报告)\s*$")
_NUMERALS = "一二三四五六七八九十"
_UNITS = ("局党组", "镇党委", "社区党委", "中心党支部", "县委宣传部", "学校党委", "医院党委")
_SLOT = "\x00"  # where a paragraph's label number goes
_UNLABEL = re.compile("[（(]?\x00[）)、.．]")


@dataclass(frozen=True)
class Sources:
    files: tuple[str, ...]
    headings: tuple[str, ...]  # top-level heading titles, label removed
    paragraphs: tuple[tuple[str, str], ...]  # (label kind "sub", "item" or "", template)


def read_sources(shared: Path = SHARED_REPORTS) -> Sources:
    files = sorted(SAMPLES.glob("*.txt"))
    if shared.is_dir():
        files += sorted(shared.glob("*.txt"))
    headings: list[str] = []
    paragraphs: list[tuple[str, str]] = []
    for file in files:
        for line in file.read_text(encoding="utf-8").splitlines():
            line = line.rstrip()
            if not line.strip():
                continue
            if _HEADING.match(line) and len(line) < 60:
                headings.append(_HEADING.sub("", line))
            elif _TITLE.search(line) and len(line) < 60:
                continue  # a title inside the body would split the report in two
            elif _SUB.match(line):
                paragraphs.append(("sub", _SUB.sub(lambda m: m[1] + _SLOT, line, count=1)))
            elif _ITEM.match(line):
                paragraphs.append(("item", _ITEM.sub(lambda m: m[1] + _SLOT, line, count=1)))
            else:
                paragraphs.append(("", line))
    return Sources(tuple(str(f) for f in files), tuple(headings), tuple(paragraphs))


def term_pairs() -> dict[str, str]:
    """TX302's misspelling → term pairs, as complint's default packs define them."""
    from compliance.packs.rulefile import default_rules_dir, load_packs

    pairs: dict[str, str] = {}
    for pack in load_packs([default_rules_dir()]):
        for rule in pack.rules:
            if rule.code == "TX302":
                pairs.update(rule.options.get("pairs", {}))
    return pairs


def prh_pairs() -> tuple[dict[str, str], list[str]]:
    """The wrong → right pairs of a realistic prh dictionary: what complint's default
    packs know about misspelt terms, written as prh patterns.

    Every explicit pair of every substitute rule (TX302's common misspellings, TX303's
    traditional forms, TX304 …), and one misspelling of each term of TX302's lexicon, two
    neighbouring characters swapped in the middle (TX302 finds every one-edit variant of
    those terms; prh needs each variant spelt out, so it gets one per term).
    Also the codes of the rules those pairs come from: complint's side of the comparison.
    """
    from compliance.packs.rulefile import default_rules_dir, load_packs

    pairs: dict[str, str] = {}
    terms: list[str] = []
    codes: list[str] = []
    for pack in load_packs([default_rules_dir()]):
        for rule in pack.rules:
            if rule.kind != "substitute":
                continue
            pairs.update(rule.options.get("pairs", {}))
            if rule.options.get("pairs") or rule.code == "TX302":
                codes.append(rule.code)
            if rule.code == "TX302":
                for item in rule.options.get("lexicon", ()):
                    terms.extend([item] if isinstance(item, str) else item.get("terms", []))
    known = set(terms) | set(pairs.values())
    for term in terms:
        middle = len(term) // 2 - 1
        if len(term) < 3 or term[middle] == term[middle + 1]:
            continue
        wrong = term[:middle] + term[middle + 1] + term[middle] + term[middle + 2 :]
        if wrong not in known:
            pairs.setdefault(wrong, term)
    return pairs, sorted(set(codes))


def make_report(index: int, sources: Sources, pairs: dict[str, str]) -> str:
    """Report number `index`: a title, an opening, then numbered sections of shuffled
    paragraphs, their labels renumbered in place. The sources' own defects stay."""
    rng = random.Random(SEED + index)
    target = rng.randint(3000, 9000)
    lines = [f"示范{index + 1}号{rng.choice(_UNITS)}2024年上半年意识形态工作总结"]
    size = len(lines[0]) + 1  # characters so far, newlines included
    body: list[tuple[str, str]] = []
    headings = list(sources.headings) or ["工作开展情况"]
    rng.shuffle(headings)
    section = sub = item = 0
    while size < target:
        if not body:
            body = list(sources.paragraphs)
            rng.shuffle(body)
        kind, paragraph = body.pop()
        opened = len(lines) > 1  # the opening paragraph comes before 一、
        if opened and section < len(_NUMERALS) and (section == 0 or rng.random() < 0.25):
            heading = f"{_NUMERALS[section]}、{headings[section % len(headings)]}"
            lines.append(heading)
            size += len(heading) + 1
            section, sub, item = section + 1, 0, 0
        if kind == "sub" and section and sub < len(_NUMERALS):
            sub, item = sub + 1, 0
            paragraph = paragraph.replace(_SLOT, _NUMERALS[sub - 1])
        elif kind == "item" and section:
            item += 1
            paragraph = paragraph.replace(_SLOT, str(item))
        elif kind:
            paragraph = _UNLABEL.sub("", paragraph, count=1)
        room = 9000 - size - 1  # the paragraph's newline
        if len(paragraph) > room:
            cut = paragraph.rfind("。", 0, room)
            paragraph = paragraph[: cut + 1 if cut > 0 else room]
        lines.append(paragraph)
        size += len(paragraph) + 1
    text = "\n".join(lines) + "\n"
    # Half the reports get one more misspelt key term, so the peer has work to find too.
    title, body_text = text.split("\n", 1)
    present = [(wrong, right) for wrong, right in sorted(pairs.items()) if right in body_text]
    if present and rng.random() < 0.5:
        wrong, right = rng.choice(present)
        body_text = body_text.replace(right, wrong, 1)
    return f"{title}\n{body_text}"


def write_docx(text: str, path: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = Document()
    title, *rest = text.rstrip("\n").split("\n")
    document.add_paragraph(title).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in rest:
        document.add_paragraph(line)
    document.save(str(path))


@dataclass
class Workload:
    root: Path
    txt_dir: Path
    docx_dir: Path
    small: Path
    large: Path
    one: Path
    facts: dict[str, Any] = field(default_factory=dict)


def generate(root: Path, scale: Scale, wanted: set[str]) -> Workload:
    sources = read_sources()
    pairs = term_pairs()
    work = Workload(
        root,
        root / "txt",
        root / "docx",
        root / "big" / "small.txt",
        root / "big" / "large.txt",
        root / "one" / "one-report.txt",
    )
    for folder in (work.txt_dir, work.docx_dir, work.small.parent, work.one.parent):
        folder.mkdir(parents=True, exist_ok=True)
    texts: dict[int, str] = {}

    def report(i: int) -> str:
        if i not in texts:
            texts[i] = make_report(i, sources, pairs)
        return texts[i]

    if wanted & {"textlint", "jobs", "cache", "memory-formats"}:
        for i in range(scale.txt_files):
            (work.txt_dir / f"report-{i:04d}.txt").write_text(report(i), encoding="utf-8")
    if "docx" in wanted:
        for i in range(scale.docx_files):
            write_docx(report(i), work.docx_dir / f"report-{i:04d}.docx")
    if wanted & {"linearity", "memory"}:
        # The small file is a prefix of the large one: the same mix of reports, 10× as many.
        chunks: list[bytes] = []
        size = i = 0
        while size < scale.large_bytes:
            chunks.append(report(i).encode())
            size += len(chunks[-1])
            i += 1
        data = b"".join(chunks)
        cut = data.rfind(b"\n", 0, scale.small_bytes) + 1  # whole lines only
        work.small.write_bytes(data[:cut])
        work.large.write_bytes(data[: data.rfind(b"\n", 0, 10 * cut) + 1])
    work.one.write_text(report(0), encoding="utf-8")
    lengths = [len(report(i)) for i in range(scale.txt_files)] if wanted & {"textlint"} else []
    work.facts = {
        "sources": [os.path.relpath(f, ROOT.parent) for f in sources.files],
        "source_paragraphs": len(sources.paragraphs),
        "txt_files": scale.txt_files,
        "docx_files": scale.docx_files,
        "small_bytes": work.small.stat().st_size if work.small.exists() else None,
        "large_bytes": work.large.stat().st_size if work.large.exists() else None,
        "one_report_chars": len(report(0)),
        "seed": SEED,
    }
    if lengths:
        work.facts["txt_chars"] = {"min": min(lengths), "max": max(lengths), "total": sum(lengths)}
    return work


# -- running things ------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu: float  # user + system seconds, workers included
    peak_rss: int  # bytes
    returncode: int
    stdout: bytes
    stderr: bytes


# Runs in a small interpreter between the benchmark and the measured command: a child
# forked from the benchmark itself starts with the benchmark's RSS as its high-water
# mark (kept across exec), which would swamp a 30 MB complint run.
_TIMER = """
import json, resource, subprocess, sys, time
out, err, report, *argv = sys.argv[1:]
with open(out, "wb") as o, open(err, "wb") as e:
    start = time.perf_counter()
    code = subprocess.call(argv, stdout=o, stderr=e)
    seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
cpu = usage.ru_utime + usage.ru_stime
with open(report, "w") as r:
    json.dump({"seconds": seconds, "cpu": cpu, "returncode": code, "peak_rss": peak}, r)
"""


def run_child(argv: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Wall time and peak RSS of one command, as getrusage(RUSAGE_CHILDREN) sees it."""
    with tempfile.TemporaryDirectory(prefix="complint-bench-run-") as folder:
        out, err, report = (Path(folder) / name for name in ("out", "err", "report.json"))
        timer = [sys.executable, "-I", "-S", "-c", _TIMER, str(out), str(err), str(report)]
        subprocess.run([*timer, *argv], cwd=cwd, env=env, check=True)
        measured = json.loads(report.read_text(encoding="utf-8"))
        return Run(
            measured["seconds"],
            measured["cpu"],
            measured["peak_rss"],
            measured["returncode"],
            out.read_bytes(),
            err.read_bytes(),
        )


def complint_command() -> list[str]:
    """The console script beside this interpreter, as a user runs it."""
    script = Path(sys.executable).parent / "complint"
    if script.is_file():
        return [str(script)]
    found = shutil.which("complint")
    return [found] if found else [sys.executable, "-m", "compliance"]


def child_env(work: Workload) -> dict[str, str]:
    drop = {"COMPLINT_CACHE_DIR", "PYTHONDONTWRITEBYTECODE"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["NO_COLOR"] = "1"
    # An installed complint has its bytecode (pip writes the .pyc files), so the commands
    # run with it: kept in the workload's folder. Under PYTHONDONTWRITEBYTECODE=1 (some
    # containers and CI images set it) every complint module would be compiled from
    # source in every process, 0.1 s of a one-file run.
    env["PYTHONPYCACHEPREFIX"] = str(work.root / "pycache")
    return env


def complint(work: Workload, *args: str | Path) -> Run:
    argv = [*complint_command(), "--no-config", *map(str, args)]
    run = run_child(argv, work.root, child_env(work))
    # A crash exits 1 too, like findings: a traceback must not pass for a fast run.
    if run.returncode not in (0, 1) or b"Traceback (most recent call last)" in run.stderr:
        command = " ".join(map(str, args))
        raise RuntimeError(f"complint {command} exited {run.returncode}: {run.stderr.decode()}")
    return run


def best(samples: Sequence[float]) -> float:
    return min(samples)


def timed(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


# -- the measures --------------------------------------------------------------------------


@dataclass
class Measure:
    name: str
    title: str
    op: str  # ">=" or "<="
    target: float
    unit: str  # "×" for a ratio, "s" for seconds, "MiB" for memory
    value: float | None = None
    method: str = ""
    details: dict[str, Any] = field(default_factory=dict)
    skipped: str | None = None

    @property
    def met(self) -> bool | None:
        if self.value is None:
            return None
        return self.value >= self.target if self.op == ">=" else self.value <= self.target


@dataclass
class Bench:
    work: Workload
    scale: Scale
    npm_cache: Path
    install_textlint: bool = False
    memo: dict[str, Run] = field(default_factory=dict)

    def txt_jobs1(self) -> Run:
        """complint --no-cache --jobs 1 over the .txt folder: shared by two ratios."""
        if "jobs1" not in self.memo:
            out = self.work.root / "complint.json"
            runs = [
                complint(
                    self.work,
                    "--no-cache",
                    "--jobs",
                    "1",
                    "--format",
                    "json",
                    "-o",
                    out,
                    self.work.txt_dir,
                )
                for _ in range(self.scale.repeat_long)
            ]
            self.memo["jobs1"] = min(runs, key=lambda r: r.seconds)
        return self.memo["jobs1"]


def textlint_install(cache: Path, install: bool = False) -> Path | str:
    """textlint's executable under `cache`, installed there when `install`; or why not.

    Installing is a step taken by hand (`--install-textlint`), never by a plain run: the
    test suite runs the benchmark and must not install packages.
    """
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        return "npm (Node.js) is not installed: the textlint comparison is skipped"
    prefix = cache / "-".join(p.replace("@", "-") for p in TEXTLINT)
    executable = prefix / "node_modules" / ".bin" / "textlint"
    if not executable.is_file() and not install:
        return (
            f"textlint is not installed under {cache}: run `python bench/run.py "
            "--install-textlint --only textlint` once (npm install --prefix)"
        )
    if not executable.is_file():
        prefix.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(
            [npm, "install", "--prefix", str(prefix), "--no-audit", "--no-fund", *TEXTLINT],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0 or not executable.is_file():
            return f"npm install {' '.join(TEXTLINT)} failed: {done.stderr.strip()[-500:]}"
    return executable


def prh_yaml(pairs: dict[str, str]) -> str:
    # JSON strings are valid YAML double-quoted scalars: no YAML library needed.
    lines = ["version: 1", "rules:"]
    for wrong, right in sorted(pairs.items()):
        lines += [f"  - expected: {json.dumps(right)}", f"    pattern: {json.dumps(wrong)}"]
    return "\n".join(lines) + "\n"


def interleaved(commands: dict[str, Callable[[], Run]], rounds: int) -> dict[str, list[Run]]:
    """Each command `rounds` times, taking turns, so drift in the machine's load hits all
    of them alike (a ratio of two blocks of runs taken minutes apart is not)."""
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            runs[name].append(command())
    return runs


def summary(runs: Sequence[Run]) -> dict[str, float]:
    """Best and median wall time, and the CPU time (user + sys) of the best run."""
    fastest = min(runs, key=lambda r: r.seconds)
    return {
        "best_seconds": fastest.seconds,
        "median_seconds": statistics.median(r.seconds for r in runs),
        "best_cpu_seconds": min(r.cpu for r in runs),
        "median_cpu_seconds": statistics.median(r.cpu for r in runs),
    }


def load_average() -> float | None:
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else None


def measure_textlint(bench: Bench) -> list[Measure]:
    """complint against textlint+prh on the same files with the same term knowledge:
    all rules with --jobs 1 and --jobs 2, and TX302 alone, in interleaved runs."""
    rounds = bench.scale.repeat_long
    measure = Measure("textlint", "txt throughput vs textlint+prh, --jobs 1", ">=", 5, "×")
    jobs2 = Measure("textlint-jobs2", "txt throughput vs textlint+prh, --jobs 2", ">=", 10, "×")
    alone = Measure("tx302", "term rules alone vs textlint+prh", ">=", 20, "×")
    measures = [measure, jobs2, alone]
    executable = textlint_install(bench.npm_cache, bench.install_textlint)
    if isinstance(executable, str):
        for m in measures:
            m.skipped = executable
        return measures
    pairs, codes = prh_pairs()
    dictionary = bench.work.root / "prh.yml"
    dictionary.write_text(prh_yaml(pairs), encoding="utf-8")
    config = bench.work.root / ".textlintrc.json"
    config.write_text(json.dumps({"rules": {"prh": {"rulePaths": [str(dictionary)]}}}))
    argv = [str(executable), "--config", str(config), "--format", "json", "--no-color"]
    argv.append(str(bench.work.txt_dir / "*.txt"))  # textlint expands the glob itself
    # complint's side of the like-for-like run: the rules the dictionary's pairs come
    # from (TX302 with its near-miss search over the lexicon, TX303, TX304 …).
    out = bench.work.root / "complint.json"
    txt = bench.work.txt_dir

    def ours(jobs: str, *extra: str | Path) -> Callable[[], Run]:
        args = ("--no-cache", "--jobs", jobs, "--format", "json", "-o", out, *extra, txt)
        return lambda: complint(bench.work, *args)

    load_before = load_average()
    runs = interleaved(
        {
            "textlint": lambda: run_child(argv, bench.work.root),
            "jobs1": ours("1"),
            "jobs2": ours("2"),
            "tx302": ours("1", "--select", ",".join(codes)),
        },
        rounds,
    )
    load_after = load_average()
    peer = min(runs["textlint"], key=lambda r: r.seconds)
    if peer.returncode not in (0, 1):
        for m in measures:
            m.skipped = f"textlint exited {peer.returncode}: {peer.stderr.decode()[-500:]}"
        return measures
    bench.memo["jobs1"] = min(runs["jobs1"], key=lambda r: r.seconds)
    bench.memo["jobs2"] = min(runs["jobs2"], key=lambda r: r.seconds)
    # The last complint run wrote complint.json (the term rules alone); all rules once
    # more for their finding counts.
    tx302_found = json.loads(out.read_text(encoding="utf-8"))
    ours("1")()
    found = json.loads(out.read_text(encoding="utf-8"))
    if found["summary"]["files"] != bench.scale.txt_files:
        raise RuntimeError(f"complint linted {found['summary']['files']} files, not all")
    prh = sum(m["ruleId"] == "prh" for r in json.loads(peer.stdout) for m in r["messages"])
    stats = {name: summary(r) for name, r in runs.items()}
    theirs = stats["textlint"]
    common = {
        "rounds": rounds,
        "load_average_before": load_before,
        "load_average_after": load_after,
        "textlint": theirs,
        "prh_rules": len(pairs),
        "term_rules": codes,
        "textlint_prh_findings": prh,
        "textlint_versions": list(TEXTLINT),
        "textlint_peak_rss_mb": _mb(peer.peak_rss),
    }
    for m, name in ((measure, "jobs1"), (jobs2, "jobs2"), (alone, "tx302")):
        mine = stats[name]
        m.value = theirs["best_seconds"] / mine["best_seconds"]
        m.method = (
            f"textlint / complint wall time on {bench.scale.txt_files} .txt, best of "
            f"{rounds} interleaved (median ratio "
            f"{theirs['median_seconds'] / mine['median_seconds']:.3g}×, CPU ratio "
            f"{theirs['best_cpu_seconds'] / mine['best_cpu_seconds']:.3g}×)"
        )
        m.details = {
            **common,
            "complint": mine,
            "median_ratio": theirs["median_seconds"] / mine["median_seconds"],
            "cpu_ratio": theirs["best_cpu_seconds"] / mine["best_cpu_seconds"],
        }
    measure.details["complint_findings"] = len(found["findings"])
    measure.details["complint_tx302_findings"] = sum(
        f["rule"] == "TX302" for f in found["findings"]
    )
    measure.details["complint_peak_rss_mb"] = _mb(bench.memo["jobs1"].peak_rss)
    alone.details["complint_term_findings"] = len(tx302_found["findings"])
    return measures


def measure_docx(bench: Bench) -> Measure:
    from docx import Document

    import compliance

    measure = Measure("docx", ".docx: complint / python-docx open", "<=", 1.0, "×")
    files = sorted(bench.work.docx_dir.glob("*.docx"))
    start = time.perf_counter()
    rules = compliance.load_rules()
    load_seconds = time.perf_counter() - start

    def floor() -> None:
        for path in files:
            Document(str(path))

    import zipfile

    from lxml import etree

    findings: list[int] = []

    def ours() -> None:
        findings.clear()
        for path in files:
            result = compliance.check(path, rules=rules)
            if result.errors:
                raise RuntimeError(f"complint could not read {path}: {result.errors[0]}")
            findings.append(len(result.findings))

    def lxml_floor() -> None:  # the XML parser alone: unzip and parse document.xml
        for path in files:
            with zipfile.ZipFile(path) as package:
                etree.fromstring(package.read("word/document.xml"))

    floors: list[float] = []
    oursamples: list[float] = []
    lxml_samples: list[float] = []
    load_before = load_average()
    for _ in range(bench.scale.repeat):  # interleaved, so drift hits both alike
        floors.append(timed(floor))
        oursamples.append(timed(ours))
        lxml_samples.append(timed(lxml_floor))
    load_after = load_average()
    cli = complint(bench.work, "--no-cache", "--jobs", "1", bench.work.docx_dir)
    reading = _reading_seconds(files, bench.scale.repeat)
    measure.value = best(oursamples) / best(floors)
    measure.method = (
        f"library check() / docx.Document() on {len(files)} files in-process, "
        f"best of {bench.scale.repeat} interleaved (median ratio "
        f"{statistics.median(oursamples) / statistics.median(floors):.3g}×; lxml parse of "
        f"document.xml {best(lxml_samples):.3g} s)"
    )
    measure.details = {
        "complint_library_seconds": best(oursamples),
        "python_docx_open_seconds": best(floors),
        "lxml_parse_seconds": best(lxml_samples),
        "vs_lxml": best(oursamples) / best(lxml_samples),
        "median_ratio": statistics.median(oursamples) / statistics.median(floors),
        "load_average_before": load_before,
        "load_average_after": load_after,
        "load_rules_seconds": load_seconds,
        "complint_cli_seconds": cli.seconds,
        "cli_vs_open": cli.seconds / best(floors),
        "complint_reader_only_seconds": reading,
        "findings": sum(findings),
        "samples": {"complint": oursamples, "python_docx": floors, "lxml": lxml_samples},
    }
    return measure


def _reading_seconds(files: Sequence[Path], repeat: int) -> float | None:
    """complint's .docx reader alone: of the gap to the floor, how much is reading.
    An internal function, so the breakdown is left out if it moves."""
    try:
        from compliance.readers import read_document

        def read() -> None:
            for path in files:
                read_document(path, str(path))

        return best([timed(read) for _ in range(repeat)])
    except (ImportError, TypeError):
        return None


def measure_linearity(bench: Bench) -> Measure:
    import compliance

    measure = Measure("linearity", "10 MB time / 1 MB time", "<=", 11, "×")
    rules = compliance.load_rules()
    compliance.check(bench.work.one, rules=rules)  # warm the lazy parts first
    small = [timed(lambda: compliance.check(bench.work.small, rules=rules)) for _ in range(3)]
    large = [timed(lambda: compliance.check(bench.work.large, rules=rules)) for _ in range(2)]
    measure.value = best(large) / best(small)
    measure.method = "library check() in-process: 1 MB best of 3, 10 MB best of 2"
    measure.details = {
        "small_seconds": best(small),
        "large_seconds": best(large),
        "small_bytes": bench.work.small.stat().st_size,
        "large_bytes": bench.work.large.stat().st_size,
        "large_mb_per_second": bench.work.large.stat().st_size / MB / best(large),
    }
    return measure


def measure_jobs(bench: Bench) -> Measure:
    measure = Measure("jobs", "--jobs 2 speed-up over --jobs 1", ">=", 1.8, "×")
    one = bench.txt_jobs1()
    runs = [bench.memo["jobs2"]] if "jobs2" in bench.memo else [
        complint(
            bench.work,
            "--no-cache",
            "--jobs",
            "2",
            "--format",
            "json",
            "-o",
            bench.work.root / "jobs2.json",
            bench.work.txt_dir,
        )
        for _ in range(bench.scale.repeat_long)
    ]  # fmt: skip
    two = min(runs, key=lambda r: r.seconds)
    measure.value = one.seconds / two.seconds
    measure.method = (
        f"CLI --no-cache on {bench.scale.txt_files} .txt, best of {bench.scale.repeat_long}"
    )
    measure.details = {
        "jobs1_seconds": one.seconds,
        "jobs2_seconds": two.seconds,
        # CPU / wall near 2 while the speed-up stays near 1: other load on the machine.
        "jobs1_cpu_seconds": one.cpu,
        "jobs2_cpu_seconds": two.cpu,
        "cpus": os.cpu_count(),
    }
    return measure


def measure_cache(bench: Bench) -> Measure:
    measure = Measure("cache", "warm cache / cold run", "<=", 0.1, "×")
    folder = bench.work.root / "cache"
    shutil.rmtree(folder, ignore_errors=True)
    args = (
        "--jobs",
        "1",
        "--cache-dir",
        folder,
        "--format",
        "json",
        "-o",
        bench.work.root / "cached.json",
        bench.work.txt_dir,
    )
    cold = complint(bench.work, *args)
    warm = [complint(bench.work, *args).seconds for _ in range(bench.scale.repeat)]
    measure.value = best(warm) / cold.seconds
    measure.method = (
        f"CLI --jobs 1 on {bench.scale.txt_files} .txt, fresh --cache-dir; cold one run, "
        f"warm best of {bench.scale.repeat}"
    )
    measure.details = {"cold_seconds": cold.seconds, "warm_seconds": best(warm), "warm": warm}
    return measure


def measure_startup(bench: Bench) -> list[Measure]:
    measure = Measure("startup", "complint one-report.txt (wall)", "<=", 0.15, "s")
    version = Measure("version", "complint --version (wall)", "<=", 0.05, "s")
    load_before = load_average()
    runs = interleaved(
        {
            "lint": lambda: complint(bench.work, "--no-cache", bench.work.one),
            "version": lambda: complint(bench.work, "--version"),
        },
        bench.scale.repeat,
    )
    load_after = load_average()
    for m, name in ((measure, "lint"), (version, "version")):
        seconds = [r.seconds for r in runs[name]]
        m.value = best(seconds)
        m.method = (
            f"CLI subprocess, best of {bench.scale.repeat} interleaved (median "
            f"{statistics.median(seconds):.3g} s, CPU {min(r.cpu for r in runs[name]):.3g} s)"
        )
        m.details = {
            **summary(runs[name]),
            "samples": seconds,
            "peak_rss_mb": _mb(max(r.peak_rss for r in runs[name])),
            "load_average_before": load_before,
            "load_average_after": load_after,
        }
    measure.method = measure.method.replace("CLI subprocess", "CLI subprocess, --no-cache")
    measure.details["report_chars"] = len(bench.work.one.read_text(encoding="utf-8"))
    return [measure, version]


def measure_memory(bench: Bench) -> Measure:
    measure = Measure("memory", "peak memory on 10 MB / file size", "<=", 10, "×")
    # The default text output, as a user runs it; JSON beside it, since it builds the
    # whole document in memory before writing. A first run compiles the packs if the pack
    # cache has none for this code: compiling is not what is measured.
    complint(bench.work, "--no-cache", "--jobs", "1", bench.work.one)
    run = complint(bench.work, "--no-cache", "--jobs", "1", bench.work.large)
    out = bench.work.root / "large.json"
    as_json = complint(
        bench.work, "--no-cache", "--jobs", "1", "--format", "json", "-o", out, bench.work.large
    )
    size = bench.work.large.stat().st_size
    measure.value = run.peak_rss / size
    measure.method = "peak RSS of `complint --no-cache --jobs 1 FILE` (getrusage), one run"
    measure.details = {
        "peak_rss_mb": _mb(run.peak_rss),
        "file_mb": size / MB,
        "cli_seconds": run.seconds,
        "json_peak_rss_mb": _mb(as_json.peak_rss),
        "json_vs_size": as_json.peak_rss / size,
    }
    return measure


def measure_memory_formats(bench: Bench) -> Measure:
    """Peak RSS of the run over the .txt folder in every output format (issue 18: ≤ 100 MiB
    each). A format that kept every file's document, or built its whole output before
    writing, shows here and not in the text format's figure."""
    measure = Measure("memory-formats", "peak memory, 1,000 .txt, worst format", "<=", 100, "MiB")
    out_dir = bench.work.root / "formats"
    out_dir.mkdir(exist_ok=True)
    complint(bench.work, "--no-cache", "--jobs", "1", bench.work.one)  # packs compiled
    peaks: dict[str, float] = {}
    seconds: dict[str, float] = {}
    for fmt in FORMATS:
        out = out_dir / f"out.{fmt}"
        run = complint(
            bench.work, "--no-cache", "--jobs", "1", "--format", fmt, "-o", out, bench.work.txt_dir
        )
        peaks[fmt] = _mb(run.peak_rss)
        seconds[fmt] = round(run.seconds, 2)
    worst = max(peaks, key=peaks.__getitem__)
    measure.value = peaks[worst]
    measure.method = (
        "peak RSS (getrusage) of `complint --no-cache --jobs 1 --format F -o OUT DIR` for"
        f" each format, one run each; the worst is {worst}"
    )
    measure.details = {"peak_rss_mib": peaks, "seconds": seconds, "outputs": str(out_dir)}
    return measure


def _one(runner: Callable[[Bench], Measure]) -> Callable[[Bench], list[Measure]]:
    return lambda bench: [runner(bench)]


# A runner may give several measures taken in one interleaved run (textlint, startup).
RUNNERS: dict[str, Callable[[Bench], list[Measure]]] = {
    "textlint": measure_textlint,
    "docx": _one(measure_docx),
    "linearity": _one(measure_linearity),
    "jobs": _one(measure_jobs),
    "cache": _one(measure_cache),
    "startup": measure_startup,
    "memory": _one(measure_memory),
    "memory-formats": _one(measure_memory_formats),
}


def _mb(size: int) -> float:
    return round(size / MB, 1)


# -- reporting -----------------------------------------------------------------------------


def _value(measure: Measure) -> str:
    if measure.value is None:
        return "skipped"
    if measure.unit == "×":
        return f"{measure.value:.3g}×"
    return f"{measure.value:.4g} {measure.unit}"


def table(measures: Sequence[Measure]) -> str:
    rows = [("measure", "value", "target", "met?", "how")]
    for m in measures:
        target = f"{m.op.replace('>=', '≥').replace('<=', '≤')} {m.target:g}"
        target += "×" if m.unit == "×" else f" {m.unit}"
        met = {True: "yes", False: "NO", None: "-"}[m.met]
        rows.append((m.title, _value(m), target, met, m.skipped or m.method))
    widths = [max(_width(r[i]) for r in rows) for i in range(4)]
    lines = []
    for row in rows:
        cells = [c + " " * (w - _width(c)) for c, w in zip(row[:4], widths, strict=True)]
        lines.append("  ".join([*cells, row[4]]).rstrip())
    return "\n".join(lines)


def markdown(measures: Sequence[Measure]) -> str:
    """The table of docs/performance.md's "Latest figures", every goal marked met or not."""
    rows = ["| measure | value | target | met? | how | load (1 min) |", "|---|---|---|---|---|---|"]
    for m in measures:
        target = f"{m.op.replace('>=', '≥').replace('<=', '≤')} {m.target:g}"
        target += "×" if m.unit == "×" else f" {m.unit}"
        met = {True: "yes", False: "**no**", None: "-"}[m.met]
        before, after = m.details.get("load_average_before"), m.details.get("load_average_after")
        load = "" if before is None else f"{before:.1f} → {after:.1f}"
        how = (m.skipped or m.method).replace("|", "\\|")
        rows.append(f"| {m.title} | {_value(m)} | {target} | {met} | {how} | {load} |")
    return "\n".join(rows) + "\n"


def measures_of(results: dict[str, Any]) -> list[Measure]:
    """The measures of a results.json, to print its tables again."""
    fields = {f for f in Measure.__dataclass_fields__}
    return [
        Measure(**{k: v for k, v in m.items() if k in fields}) for m in results["measures"].values()
    ]


def _width(text: str) -> int:
    # CJK and × take two columns in a terminal.
    return sum(2 if ord(c) > 0x2E80 else 1 for c in text)


def machine() -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(),
        # Other work on the machine skews every figure; the 1-minute load says how much.
        "load_average": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "python": platform.python_version(),
    }


def git_revision() -> str | None:
    try:
        done = subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return done.stdout.strip() or None


def _names(values: Sequence[str]) -> list[str]:
    names = [n.strip() for v in values for n in v.split(",") if n.strip()]
    unknown = [n for n in names if n not in MEASURES]
    if unknown:
        choices = ", ".join(MEASURES)
        raise SystemExit(f"bench: unknown measure {unknown[0]!r}; choose from {choices}")
    return [n for n in MEASURES if n in names] or list(MEASURES)


@contextmanager
def _workdir(keep: Path | None) -> Iterator[Path]:
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        yield keep
        return
    with tempfile.TemporaryDirectory(prefix="complint-bench-") as folder:
        yield Path(folder)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a small workload (smoke run)")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="NAME",
        help=f"only these measures, comma-separated: {', '.join(MEASURES)}",
    )
    parser.add_argument("--json", type=Path, default=RESULTS, help="where to write the results")
    parser.add_argument("--workdir", type=Path, help="generate the workload here and keep it")
    parser.add_argument(
        "--npm-cache", type=Path, default=NPM_CACHE, help="where textlint is installed"
    )
    parser.add_argument(
        "--install-textlint",
        action="store_true",
        help="npm install the pinned textlint and prh under --npm-cache if missing",
    )
    parser.add_argument(
        "--markdown",
        type=Path,
        metavar="RESULTS",
        help="print the Markdown table of an earlier run's results.json and stop",
    )
    args = parser.parse_args(argv)
    if args.markdown is not None:
        print(markdown(measures_of(json.loads(args.markdown.read_text(encoding="utf-8")))))
        return 0
    names = _names(args.only)
    scale = QUICK if args.quick else FULL
    import compliance  # after argument errors: a usage mistake needs no import

    measures: list[Measure] = []
    machine_before, revision = machine(), git_revision()  # the tree may change meanwhile
    with _workdir(args.workdir) as folder:
        start = time.perf_counter()
        work = generate(folder, scale, set(names))
        print(
            f"workload generated in {time.perf_counter() - start:.1f} s under {folder}",
            file=sys.stderr,
        )
        bench = Bench(work, scale, args.npm_cache, args.install_textlint)
        # One untimed lint first: it writes the bytecode and the pack cache, as a user's
        # earlier runs would have.
        complint(work, "--no-cache", work.one)
        for name in names:
            print(f"measuring {name} …", file=sys.stderr)
            load = load_average()
            for measure in RUNNERS[name](bench):
                measure.details.setdefault("load_average_before", load)
                measure.details.setdefault("load_average_after", load_average())
                measures.append(measure)
    print(table(measures))
    results = {
        "markdown": markdown(measures),
        "complint_version": compliance.__version__,
        "revision": revision,
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "quick": args.quick,
        "machine": {**machine_before, "load_average_after": machine()["load_average"]},
        "workload": work.facts,
        "measures": {m.name: {**asdict(m), "met": m.met} for m in measures},
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"results written to {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
