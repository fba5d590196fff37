"""Hostile input: each case gets one clear line naming the file, within time and memory
limits, and the other files of the run are still linted.

Every case runs the real command in a subprocess, so a hang is a timeout and a blow-up
a memory error, not a frozen test session.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, complint_command, complint_env
from conftest import limited_complint as complint

GOOD = "示范局2024年上半年意识形态工作总结\n开展学习X次。\n"


def assert_one_clear_line(path: Path, words: str, *extra: Path) -> None:
    """`path` fails in one line containing `words`; a good file beside it is linted."""
    good = path.parent / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    run = complint(str(path), str(good), *map(str, extra), "--select", "TX301")
    assert "Traceback" not in run.stderr
    errors = run.stderr.strip().splitlines()
    assert len(errors) == 1, run.stderr
    assert errors[0].startswith(f"{path}: ") and words in errors[0], errors[0]
    assert f"{good}:2:5: TX301" in run.stdout  # the run went on
    assert run.returncode == 1


def _docx_with(
    tmp_path: Path, name: str, document_xml: bytes, compression: int = zipfile.ZIP_DEFLATED
) -> Path:
    """A package like the samples' but with another word/document.xml."""
    source = ROOT / "samples" / "clean-report.docx"
    path = tmp_path / name
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w", compression) as zout:
        for item in zin.infolist():
            data = document_xml if item.filename == "word/document.xml" else zin.read(item)
            zout.writestr(item.filename, data)
    return path


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def test_zip_bomb_by_ratio(tmp_path: Path) -> None:
    # 30 MB of one byte deflates to ~30 KB: far beyond what real XML compresses to.
    bomb = (
        b"<w:document "
        + W.encode()
        + b"><w:body>"
        + b" " * (30 * 1024**2)
        + b"</w:body></w:document>"
    )
    assert_one_clear_line(_docx_with(tmp_path, "bomb.docx", bomb), "zip bomb")


def test_entity_expansion_is_never_performed(tmp_path: Path) -> None:
    laughs = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY l0 "哈">{laughs}]>'
        f"<w:document {W}><w:body><w:p><w:r><w:t>开展学习X次。&l9;</w:t></w:r></w:p>"
        "</w:body></w:document>"
    )
    path = _docx_with(tmp_path, "laughs.docx", xml.encode())
    run = complint(str(path), "--select", "TX301", "--format", "json")
    assert "Traceback" not in run.stderr
    assert "哈哈" not in run.stdout  # the entity was not expanded into the text


def test_external_entities_are_never_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("机密内容XX次", encoding="utf-8")
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
        f"<w:document {W}><w:body><w:p><w:r><w:t>开展学习。&x;</w:t></w:r></w:p>"
        "</w:body></w:document>"
    )
    path = _docx_with(tmp_path, "xxe.docx", xml.encode())
    run = complint(str(path), "--format", "json")
    assert "Traceback" not in run.stderr
    assert "机密" not in run.stdout and "机密" not in run.stderr


def test_deeply_nested_xml(tmp_path: Path) -> None:
    depth = 100_000
    xml = (
        f"<w:document {W}><w:body>"
        + "<w:sdt><w:sdtContent>" * depth
        + "<w:p><w:r><w:t>开展学习X次。</w:t></w:r></w:p>"
        + "</w:sdtContent></w:sdt>" * depth
        + "</w:body></w:document>"
    )
    # Stored, not deflated: so repetitive a part would be refused as a zip bomb first.
    path = _docx_with(tmp_path, "deep.docx", xml.encode(), zipfile.ZIP_STORED)
    assert_one_clear_line(path, "damaged XML")


def test_a_50_mb_text_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    line = "2024年上半年，局党组认真落实意识形态工作责任制。\n".encode()
    with path.open("wb") as handle:
        for _ in range(50 * 1024**2 // len(line) + 1):
            handle.write(line)
    assert_one_clear_line(path, "too large for a report")


@pytest.mark.slow
def test_one_line_of_5_mb_is_linted(tmp_path: Path) -> None:
    path = tmp_path / "one-line.txt"
    sentence = "局党组开展学习X次，压实意认形态工作责任，加强網絡舆情管理。"
    count = 5 * 1024**2 // len(sentence.encode())
    path.write_text(sentence * count, encoding="utf-8")
    run = complint(str(path), "--format", "concise")
    assert run.returncode == 1, run.stderr
    assert run.stdout.count(": TX301 ") == count
    assert run.stdout.count(": TX302 ") == count


def test_binary_garbage_named_txt(tmp_path: Path) -> None:
    path = tmp_path / "garbage.txt"
    path.write_bytes(os.urandom(64 * 1024))
    assert_one_clear_line(path, "not text")


def test_encryption_wrapper(tmp_path: Path) -> None:
    for name in ("wrapped.docx", "wrapped.txt"):
        path = tmp_path / name
        path.write_bytes(b"%TSD-Header-###%" + os.urandom(4096))
        assert_one_clear_line(path, "document-security software")


def test_symlink_loop_in_a_directory_argument(tmp_path: Path) -> None:
    folder = tmp_path / "reports" / "sub"
    folder.mkdir(parents=True)
    (folder / "loop").symlink_to(tmp_path / "reports", target_is_directory=True)
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    run = complint(str(tmp_path / "reports"), "--select", "TX301")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert run.stdout.count(": TX301 ") == 1  # read once, not once per trip round the loop


def _unprivileged() -> tuple[str | None, str]:
    """(user, python) for whom file modes hold: ourselves, or nobody when we are root.

    A virtualenv's interpreter often links into root's home, which nobody cannot enter;
    the system interpreter of the same version then runs the same code.
    """
    if os.geteuid() != 0:
        return None, sys.executable
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for python in (sys.executable, f"/usr/bin/{version}", f"/usr/local/bin/{version}"):
        try:
            # `rules` loads the packs, so this Python has complint's dependencies too
            # (`--version` imports none of them).
            check = complint("rules", "--no-config", user="nobody", python=python)
        except OSError:
            continue
        if check.returncode == 0:
            return "nobody", python
    pytest.skip("root reads any file, and nobody cannot run complint here")


def test_unreadable_file() -> None:
    user, python = _unprivileged()
    folder = Path(os.environ.get("TMPDIR", "/tmp")) / f"complint-perm-{os.getpid()}"
    folder.mkdir(mode=0o755, exist_ok=True)
    try:
        locked = folder / "locked.txt"
        locked.write_text(GOOD, encoding="utf-8")
        locked.chmod(0o000)
        good = folder / "good.txt"
        good.write_text(GOOD, encoding="utf-8")
        good.chmod(0o644)
        run = complint(str(locked), str(good), "--select", "TX301", user=user, python=python)
        errors = run.stderr.strip().splitlines()
        assert len(errors) == 1 and errors[0].startswith(f"{locked}: "), run.stderr
        assert "ermission denied" in errors[0]
        assert f"{good}:2:5: TX301" in run.stdout
    finally:
        shutil.rmtree(folder)


# Nothing lost


def test_every_finding_of_the_readable_files_survives_the_broken_ones(tmp_path: Path) -> None:
    broken = {
        "empty.txt": b"",
        "garbage.txt": os.urandom(2048),
        "truncated.docx": (ROOT / "samples" / "clean-report.docx").read_bytes()[:3000],
        "renamed.docx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096,
    }
    for name, data in broken.items():
        (tmp_path / name).write_bytes(data)
    samples = sorted((ROOT / "samples").glob("*-defects.txt"))
    alone = sum(complint(str(s), "--format", "concise").stdout.count(": ") for s in samples)
    together = complint(*map(str, samples), str(tmp_path), "--format", "concise")
    assert len(together.stderr.strip().splitlines()) == len(broken)
    assert together.stdout.count(": ") == alone > 0


def test_a_killed_run_leaves_the_previous_output_intact(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("局党组开展学习X次，压实意识形态工作责任。" * 200_000, encoding="utf-8")
    out = tmp_path / "out.json"
    out.write_text("previous output\n", encoding="utf-8")
    process = subprocess.Popen(
        complint_command(str(big), "--format", "json", "--output", str(out)),
        env=complint_env(),
        cwd=ROOT,
    )
    try:
        time.sleep(1.0)  # reading and linting 5 MB takes longer than this
        process.kill()
    finally:
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert out.read_text(encoding="utf-8") == "previous output\n"
    assert {p.name for p in tmp_path.iterdir()} == {"big.txt", "out.json"}  # no temp file
