from __future__ import annotations

import hashlib
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

# Loaded before any in-process pytester run takes its snapshot of sys.modules: restoring
# the snapshot would otherwise drop numpy, whose core cannot be loaded twice in a process,
# and ST207 would fall back to its slower (identical) path for the rest of the worker.
import numpy  # noqa: F401
import pytest

ROOT = Path(__file__).resolve().parent.parent
# ../shared beside the checkout; COMPLINT_SHARED names it for a checkout elsewhere.
SHARED = Path(os.environ.get("COMPLINT_SHARED", ROOT.parent / "shared"))

# One scratch folder per test session, shared by xdist workers and subprocesses through
# the environment and removed when the session ends: compiled packs are cached there,
# not in the user's cache (the fuzz tests compile many throwaway rule files), and so are
# the CLI tests' results.
_OWN_SCRATCH = "COMPLINT_TEST_SCRATCH" not in os.environ
if _OWN_SCRATCH:
    os.environ["COMPLINT_TEST_SCRATCH"] = tempfile.mkdtemp(prefix="complint-tests-")
SCRATCH = Path(os.environ["COMPLINT_TEST_SCRATCH"])
os.environ.setdefault("COMPLINT_PACK_CACHE", str(SCRATCH / "packs"))
# Result caches of runs that do not name one, which would otherwise land in the checkout.
os.environ.setdefault("COMPLINT_CACHE_DIR", str(SCRATCH / "results"))
# Hypothesis' example database and Unicode tables, not in a .hypothesis/ of the checkout.
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", str(SCRATCH / "hypothesis"))


def pytest_unconfigure(config: pytest.Config) -> None:
    # The process that made the folder removes it: the controller under xdist.
    if _OWN_SCRATCH:
        shutil.rmtree(SCRATCH, ignore_errors=True)


@pytest.fixture(scope="session")
def shared_reports() -> Path:
    folder = SHARED / "reports"
    if not folder.is_dir():
        pytest.skip("../shared/reports is not present")
    return folder


TIME_LIMIT = 120  # seconds per run
MEMORY_LIMIT = 1024**3  # bytes of address space (issue 19: hostile input within 1 GB)


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def soffice_convert(source: Path, to: str, outdir: Path, profile: Path) -> Path:
    """Convert `source` headless with LibreOffice (`to` as --convert-to takes it, e.g.
    "pdf" or "txt:Text (encoded):UTF8") into `outdir`, with its own user profile folder
    so that no run touches the user's; the converted file's path."""
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(outdir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return outdir / f"{source.stem}.{to.split(':', 1)[0]}"


def complint_command(*args: str, python: str = sys.executable) -> list[str]:
    return [python, "-m", "compliance", "--no-config", "--no-cache", *args]


def complint_env() -> dict[str, str]:
    # The parent's import path, so another interpreter (test_hostile) finds complint.
    return {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}


def limited_complint(
    *args: str, user: str | None = None, python: str = sys.executable, timeout: int = TIME_LIMIT
) -> subprocess.CompletedProcess[str]:
    """The real command in a subprocess under a time and memory limit: a hang is a
    timeout and a blow-up a MemoryError, not a frozen or killed test session."""
    return subprocess.run(
        complint_command(*args, python=python),
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=_limits,
        user=user,
        cwd=ROOT,
        env=complint_env(),
    )


def _digests(folders: list[Path]) -> dict[Path, str]:
    return {
        path: hashlib.sha256(path.read_bytes()).hexdigest()
        for folder in folders
        if folder.is_dir()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


@pytest.fixture(scope="session", autouse=True)
def inputs_are_never_modified() -> Iterator[None]:
    """complint only reads its inputs: the shared files and the samples hash the same
    after the whole session as before it."""
    folders = [SHARED / "reports", SHARED / "realdocx", ROOT / "samples"]
    before = _digests(folders)
    yield
    after = _digests(folders)
    changed = [str(p) for p in before if after.get(p) != before[p]]
    assert not changed, f"inputs modified by the test run: {changed}"
