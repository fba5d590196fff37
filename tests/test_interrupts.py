"""Interrupted runs (issue 19): Ctrl-C, TERM and KILL at random points of a folder run
with two workers and LibreOffice conversions leave no process, no temporary file or
folder (after the next run, for KILL: it cannot be caught), and an output that is
absent or complete."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, complint_command, complint_env

SAMPLES = ROOT / "samples"
LINE = "局党组开展学习X次，压实意识形态工作责任，加强網絡舆情管理。\n"


def _default_sigint() -> None:
    """A child whose SIGINT is default: a suite started in the background (`pytest &`)
    has it ignored, and its children inherit that, as a shell means them to."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _processes_mentioning(text: str) -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if text in command:
            found.append(f"{entry.name}: {command[:200]}")
    return found


def _office_sockets() -> set[str]:
    """LibreOffice's single-instance sockets in /tmp (one per profile while it runs)."""
    return {p.name for p in Path("/tmp").glob("OSL_PIPE_*_SingleOfficeIPC_*")}


def _bound_sockets() -> set[str]:
    """Names of the sockets in /tmp that a live process has bound (/proc/net/unix): a
    LibreOffice still converting holds its socket; a killed one's file is left unbound."""
    try:
        lines = Path("/proc/net/unix").read_text().splitlines()
    except OSError:
        return set()
    return {Path(line.split()[-1]).name for line in lines[1:] if line.split()[-1].startswith("/")}


def _wait_for_no_new_sockets(before: set[str], seconds: float = 60) -> set[str]:
    """Sockets not in `before`, bound by no live process, that are still there after
    `seconds`: another conversion (this suite's or anybody's) holds its socket while it
    runs and removes it when it ends; a killed LibreOffice's stays for good, unbound."""
    deadline = time.monotonic() + seconds
    while True:
        left = _office_sockets() - before - _bound_sockets()
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.5)


def _wait_for_no_processes(text: str, seconds: float = 20) -> list[str]:
    deadline = time.monotonic() + seconds
    while True:
        left = _processes_mentioning(text)
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.2)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder that takes a few seconds with --jobs 2: text reports, a 3 MB archive
    file and, when LibreOffice is there, .doc files to convert."""
    folder = tmp_path_factory.mktemp("inputs")
    for sample in SAMPLES.glob("*.txt"):
        shutil.copy(sample, folder / sample.name)
    (folder / "archive.txt").write_text(LINE * 40_000, encoding="utf-8")
    if shutil.which("soffice"):
        work = tmp_path_factory.mktemp("convert")
        subprocess.run(
            ["soffice", f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
             "--convert-to", "doc", "--outdir", str(work), str(SAMPLES / "clean-report.docx")],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
        for index in range(4):
            shutil.copy(work / "clean-report.doc", folder / f"old-{index}.doc")
    return folder


def _start(command: list[str], **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        command,
        env={**complint_env(), **env},
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_default_sigint,
    )


def _run(folder: Path, out: Path, temp: Path) -> subprocess.Popen[str]:
    command = complint_command(str(folder), "--jobs", "2", "--format", "json", "-o", str(out))
    return _start(command, TMPDIR=str(temp))


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
@pytest.mark.parametrize("seed", [1, 2])
def test_an_interrupted_run_leaves_nothing_behind(
    inputs: Path, tmp_path: Path, signum: int, seed: int
) -> None:
    temp = tmp_path / "tmp"  # complint's and LibreOffice's temporary files go here
    temp.mkdir()
    folder = tmp_path / "reports"  # a path of this test's own, to find its processes by
    shutil.copytree(inputs, folder)
    out = tmp_path / "out.json"
    delay = random.Random(seed * 100 + signum).uniform(1.5, 5.0)
    sockets = _office_sockets()
    process = _run(folder, out, temp)
    time.sleep(delay)
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=120)

    assert "Traceback" not in stderr, stderr
    finished = process.returncode in (0, 1)  # the run beat the signal: then all is there
    if not finished:
        expected = {signal.SIGINT: 130, signal.SIGTERM: 143, signal.SIGKILL: -signal.SIGKILL}
        assert process.returncode == expected[signum], stderr
        if signum != signal.SIGKILL:
            last = "interrupted" if signum == signal.SIGINT else "terminated"
            assert stderr.strip().splitlines()[-1] == f"complint: {last}", stderr
    assert _wait_for_no_processes(str(tmp_path)) == []  # workers, guards, LibreOffice
    if signum == signal.SIGKILL:  # the next run sweeps what a killed one could not
        again = _run(folder / "clean-report.txt", out, temp)
        again.communicate(timeout=120)
    assert list(temp.iterdir()) == []
    assert _wait_for_no_new_sockets(sockets) == set()  # a killed LibreOffice's, in /tmp
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []
    if out.exists():
        report = json.loads(out.read_text(encoding="utf-8"))  # complete, or not there
        assert report["summary"]["files"] >= 1


def test_stale_temporaries_of_dead_runs_are_removed_and_live_ones_kept(tmp_path: Path) -> None:
    gone = subprocess.Popen(["true"])
    gone.wait()
    temp = tmp_path / "tmp"
    temp.mkdir()
    stale_folder = temp / f"complint-{gone.pid}-abc"
    stale_folder.mkdir()
    (stale_folder / "input.doc").write_bytes(b"a copy of a report")
    live_folder = temp / f"complint-{os.getpid()}-def"  # this test process is alive
    live_folder.mkdir()
    # A killed run's worker is a zombie where PID 1 does not reap (many containers): it
    # answers kill(0) but is dead. This one stays a zombie until the test waits for it.
    zombie = subprocess.Popen(["true"])
    stat = Path(f"/proc/{zombie.pid}/stat")
    while stat.exists() and b") Z" not in stat.read_bytes():
        time.sleep(0.01)
    zombie_folder = temp / f"complint-{zombie.pid}-ghi"
    zombie_folder.mkdir()
    out = tmp_path / "out.json"
    stale_file = tmp_path / f".out.json.{gone.pid}.x1y2.tmp"
    stale_file.write_text("half", encoding="utf-8")
    live_file = tmp_path / f".out.json.{os.getpid()}.x1y2.tmp"
    live_file.write_text("being written", encoding="utf-8")
    old = time.time() - 60
    for path in (stale_folder, zombie_folder, live_folder, stale_file, live_file):
        os.utime(path, (old, old))
    run = subprocess.run(
        complint_command(str(SAMPLES / "clean-report.txt"), "-o", str(out)),
        env={**complint_env(), "TMPDIR": str(temp)},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    zombie.wait()
    assert run.returncode in (0, 1), run.stderr
    assert not stale_folder.exists() and not stale_file.exists()
    assert not zombie_folder.exists()
    assert live_folder.exists() and live_file.exists()
    assert out.exists()


def test_a_stopped_pool_removes_the_folders_its_gone_workers_left(tmp_path: Path) -> None:
    # A worker killed because it did not stop in time leaves its folder; the interrupted
    # run removes it itself (made now: the next run's sweep would spare a recent one).
    from compliance.lifecycle import remove_folders_of

    gone = subprocess.Popen(["true"])
    gone.wait()
    left = tmp_path / f"complint-{gone.pid}-abc"
    left.mkdir()
    (left / "input.doc").write_bytes(b"a copy of a report")
    other = tmp_path / f"complint-{gone.pid + 1}-def"  # not one of this pool's workers
    other.mkdir()
    live = tmp_path / f"complint-{os.getpid()}-ghi"  # a worker still running
    live.mkdir()
    remove_folders_of({gone.pid, os.getpid()}, where=str(tmp_path))
    assert not left.exists()
    assert other.exists() and live.exists()


@pytest.mark.slow  # waits for the run to be under way
def test_ctrl_c_is_one_line_and_status_130(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(LINE * 100_000, encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("开展学习X次。\n", encoding="utf-8")
    process = _start(complint_command(str(good), str(big)))
    # Past the interpreter's own start-up (site imports, not complint's to guard), and
    # linting: 5 MB takes far longer than this.
    time.sleep(3)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert stderr == "complint: interrupted\n"


# A signal that arrives while a finalizer runs (regex's parser objects have a __del__):
# the interpreter prints the handler's exception and drops it, and the run went on.
_FINALIZER_RUN = """
import os, sys, time
from compliance import lifecycle

class Dropped:
    def __del__(self):
        os.kill(os.getpid(), int(sys.argv[1]))
        sum(range(100_000))

def main():
    Dropped()
    time.sleep(10)
    print("went on")
    return 0

lifecycle.install_handlers()
sys.exit(lifecycle.run_command(main))
"""


@pytest.mark.parametrize(
    ("signum", "said"), [(signal.SIGTERM, "terminated"), (signal.SIGINT, "interrupted")]
)
def test_a_signal_landing_in_a_finalizer_still_stops_the_run(
    tmp_path: Path, signum: int, said: str
) -> None:
    script = tmp_path / "run.py"
    script.write_text(_FINALIZER_RUN, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), str(int(signum))],
        env=complint_env(),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_default_sigint,
    )
    assert done.returncode == 128 + signum
    assert done.stdout == ""
    assert done.stderr == f"complint: {said}\n"


# A TERM that lands while the pool starts its workers: one worker is running and not yet
# in the pool's list. The patched _spawn_process is the standard one with the signal sent
# between the two, at the second worker: where workers fork, the pool starts them all at
# once (complint holds signals there); with forkserver (3.14's default) it starts them one
# by one as jobs come.
_TERM_WHILE_STARTING_WORKERS = """
import multiprocessing, os, signal, sys
from concurrent.futures import process as futures_process
from compliance import lifecycle

multiprocessing.set_start_method(sys.argv[1])
spawned = []

def spawn(self):
    worker = self._mp_context.Process(
        target=futures_process._process_worker,
        args=(self._call_queue, self._result_queue, self._initializer, self._initargs,
              self._max_tasks_per_child))
    worker.start()
    spawned.append(worker)
    if len(spawned) == 2:
        os.kill(os.getpid(), signal.SIGTERM)
        sum(range(1000))  # the handler runs here
    self._processes[worker.pid] = worker

futures_process.ProcessPoolExecutor._spawn_process = spawn

def main():
    with lifecycle.process_pool(2, print, ()) as pool:
        for _ in range(4):
            pool.submit(print, "never")
        pool.submit(print, "never").result()
    return 0

if __name__ == "__main__":
    sys.exit(lifecycle.run_command(main))
"""


# A TERM that lands inside a multiprocessing Finalize while the pool is built: stopped
# before its key, the finalizer printed "Exception ignored … no attribute '_key'" when its
# object died. The patched counter is the one Finalize takes its key from.
_TERM_INSIDE_A_FINALIZER = """
import itertools, os, signal, sys
from multiprocessing import util
from compliance import lifecycle

class Counter:
    def __init__(self):
        self.count = itertools.count()
    def __next__(self):
        if os.environ.get("POOL_STARTING") == "1":
            os.environ["POOL_STARTING"] = "0"
            os.kill(os.getpid(), signal.SIGTERM)
            sum(range(1000))  # the handler runs here, inside Finalize.__init__
        return next(self.count)

util._finalizer_counter = Counter()

def main():
    os.environ["POOL_STARTING"] = "1"
    with lifecycle.process_pool(2, print, ()) as pool:
        pool.submit(print, "never").result()
    return 0

sys.exit(lifecycle.run_command(main))
"""

# An interrupt that a library turned into an error of its own: a C extension whose import
# Ctrl-C interrupted raises ImportError('initialization failed') from it (opencc's did).
_WRAPPED_INTERRUPT = """
import sys
from compliance import lifecycle

def main():
    try:
        raise KeyboardInterrupt
    except KeyboardInterrupt as interrupt:
        raise ImportError("initialization failed") from interrupt

sys.exit(lifecycle.run_command(main))
"""


@pytest.mark.parametrize(
    ("script_text", "arguments", "status", "said"),
    [
        (_TERM_WHILE_STARTING_WORKERS, ["fork"], 128 + signal.SIGTERM, "terminated"),
        (_TERM_WHILE_STARTING_WORKERS, ["forkserver"], 128 + signal.SIGTERM, "terminated"),
        (_TERM_INSIDE_A_FINALIZER, [], 128 + signal.SIGTERM, "terminated"),
        (_WRAPPED_INTERRUPT, [], 130, "interrupted"),
    ],
    ids=["worker-not-listed-fork", "worker-not-listed-forkserver", "finalizer", "wrapped"],
)
def test_a_stop_at_an_awkward_moment_still_ends_the_run_in_one_line(
    tmp_path: Path, script_text: str, arguments: list[str], status: int, said: str
) -> None:
    script = tmp_path / "run.py"
    script.write_text(script_text, encoding="utf-8")
    process = _start([sys.executable, str(script), *arguments])
    try:
        _, stderr = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()  # its workers die with it (PR_SET_PDEATHSIG)
        process.communicate()
        pytest.fail("the run waited for good for a worker it had not stopped")
    assert process.returncode == status, stderr
    assert stderr == f"complint: {said}\n"
    assert _wait_for_no_processes(str(script)) == []
