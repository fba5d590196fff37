"""Huge but legal inputs: peak memory and wall time of one complint run on each.

    python bench/big_inputs.py [--workdir DIR] [--only docx-767k,docx-100k,docx-290k,txt-31mb]

Generates (deterministically, into a temporary folder unless --workdir) the three cases of
issue 19 — a 46 MB .docx of 767,000 paragraphs, a .docx of 100,000 paragraphs and a 31 MB
.txt — and runs `complint --no-config --no-cache --jobs 1 --format json -o FILE` on each,
reporting wall time and peak RSS (from getrusage of the waited-for child, measured in a
small timer process so the benchmark's own high-water mark does not count). The text size
is the UTF-8 size of the text complint reads (the paragraphs' characters), the measure
docs/performance.md holds memory to.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEED = 19
MB = 1 << 20

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def sentences() -> list[str]:
    """The samples' lines: real report text with its defects."""
    lines = []
    for path in sorted((ROOT / "samples").glob("*.txt")):
        lines += [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if len(line) > 4]


def paragraph(rng: random.Random, text: str) -> str:
    # What Word writes around a paragraph: revision ids (incompressible), an indent, a run
    # with its East Asian font hint.
    rsid = f"{rng.getrandbits(32):08X}"
    return (
        f'<w:p w:rsidR="{rsid}" w:rsidRDefault="{rng.getrandbits(32):08X}">'
        '<w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr>'
        f'<w:r w:rsidRPr="{rsid}"><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr>'
        f"<w:t>{text}</w:t></w:r></w:p>"
    )


def make_docx(path: Path, paragraphs: int) -> int:
    """A .docx of `paragraphs` paragraphs; returns the UTF-8 size of its text."""
    rng = random.Random(SEED)
    pool = sentences()
    text_bytes = 0
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as out:
            out.write(f'<w:document xmlns:w="{W}"><w:body>'.encode())
            chunk = []
            for index in range(paragraphs):
                text = rng.choice(pool)
                text_bytes += len(text.encode())
                chunk.append(paragraph(rng, text))
                if index % 10_000 == 9_999:
                    out.write("".join(chunk).encode())
                    chunk = []
            out.write(("".join(chunk) + "</w:body></w:document>").encode())
    return text_bytes


def make_txt(path: Path, size: int) -> int:
    rng = random.Random(SEED)
    pool = sentences()
    written = 0
    with path.open("w", encoding="utf-8") as out:
        while written < size:
            line = rng.choice(pool) + "\n"
            out.write(line)
            written += len(line.encode())
    return written


_TIMER = """
import os, resource, subprocess, sys, time, json
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
said = done.stderr.decode(errors="replace").strip().splitlines()
print(json.dumps({"code": done.returncode, "wall": wall, "peak": peak, "said": said[-1:]}))
"""


def measure(path: Path, out: Path) -> dict[str, Any]:
    command = [sys.executable, "-m", "compliance", "--no-config", "--no-cache", "--jobs", "1"]
    command += ["--format", "json", "-o", str(out), str(path)]
    done = subprocess.run(
        [sys.executable, "-c", _TIMER, *command], capture_output=True, text=True, check=True
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


CASES = {
    "docx-767k": lambda folder: (folder / "767k.docx", lambda p: make_docx(p, 767_000)),
    "docx-100k": lambda folder: (folder / "100k.docx", lambda p: make_docx(p, 100_000)),
    # Just under the 32 MB text ceiling: the most memory a .docx may take.
    "docx-290k": lambda folder: (folder / "290k.docx", lambda p: make_docx(p, 290_000)),
    "txt-31mb": lambda folder: (folder / "31mb.txt", lambda p: make_txt(p, 31 * MB)),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--only", default=",".join(CASES))
    args = parser.parse_args()
    folder = args.workdir or Path(tempfile.mkdtemp(prefix="complint-big-"))
    folder.mkdir(parents=True, exist_ok=True)
    for name in args.only.split(","):
        path, make = CASES[name](folder)
        text = make(path)
        figures = measure(path, folder / f"{name}.json")
        print(
            f"{name}: file {path.stat().st_size / MB:.1f} MB, text {text / MB:.1f} MB, "
            f"wall {figures['wall']:.1f} s, peak {figures['peak'] / MB:.0f} MB "
            f"= {figures['peak'] / text:.1f}× the text, exit {figures['code']} {figures['said']}",
            flush=True,
        )


if __name__ == "__main__":
    main()
