"""How a run ends: quietly on Ctrl-C, cleanly on TERM, with nothing left behind.

- The command turns SIGTERM (and SIGHUP) into `Terminated`, a SystemExit, so every
  `finally` runs: temporary outputs and folders are removed, workers are stopped.
- Worker processes die with their parent: the kernel sends them SIGTERM when it exits,
  however it exits (`prctl(PR_SET_PDEATHSIG)` on Linux), they ignore the terminal's Ctrl-C
  (the parent decides), and a pool stopped by an interrupt is stopped at once.
- A stop that lands where its exception would leave something half-built (the pool
  while it starts its workers) is held until that is done; one that a library wrapped in
  its own error (an import it interrupted) still ends the run as a stop.
- Temporary files and folders carry the creating process's id; what a killed run left
  (SIGKILL cannot be caught) is removed by the next run, once that process is gone.
"""

from __future__ import annotations

import contextlib
import gc
import os
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from compliance.atomic import alive, is_stale

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing.context import BaseContext, DefaultContext
    from multiprocessing.process import BaseProcess

PREFIX = "complint-"  # temporary folders: complint-<pid>-<random>
PR_SET_PDEATHSIG = 1


class Terminated(SystemExit):
    """SIGTERM or SIGHUP arrived: unwind (running every `finally`) and exit 128 + signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(128 + signum)
        self.signum = signum


def _raise_terminated(signum: int, _frame: object) -> None:
    # Once is enough: a second TERM while unwinding must not interrupt the clean-up.
    signal.signal(signum, signal.SIG_IGN)
    raise Terminated(signum)


def install_handlers() -> None:
    """For the command only (a library leaves its host's signals alone)."""
    for signum in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if signum is not None:
            signal.signal(signum, _raise_terminated)
    sys.unraisablehook = _redeliver_lost_signal


_default_unraisablehook = sys.unraisablehook


def _redeliver_lost_signal(unraisable: Any) -> None:
    """A signal's exception raised inside a finalizer (a `__del__`, which regex's parser
    and others have) is printed and dropped by the interpreter, and the run went on as if
    never asked to stop — TERM being ignored from then on. Send the signal again, from a
    thread a moment later: sent from here its handler would run here, still inside the
    finalizer (and should it land in one again, it comes back here)."""
    error = unraisable.exc_value
    if isinstance(error, Terminated):
        signal.signal(error.signum, _raise_terminated)
        signum = error.signum
    elif isinstance(error, KeyboardInterrupt):
        signum = signal.SIGINT
    else:
        _default_unraisablehook(unraisable)
        return
    import threading

    again = threading.Timer(0.01, os.kill, (os.getpid(), signum))
    again.daemon = True
    again.start()


def die_with_parent(signum: int = signal.SIGTERM) -> None:
    """Have the kernel send `signum` to this process when its parent exits (Linux)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import ctypes.util

    parent = os.getppid()
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signum, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os.kill(os.getpid(), signum)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold Ctrl-C, TERM and HUP while the block runs and act on them after it. For
    code whose objects a signal's exception would leave half-built: multiprocessing's
    finalizers (a `Finalize` stopped before its key prints `Exception ignored` when its
    object dies) and the pool's workers while it starts them. The main thread only (the
    only one a signal handler runs in); elsewhere the block runs as it is."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[int] = []
    signums = [signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)]
    previous = {
        signum: signal.signal(signum, lambda signum, _frame: held.append(signum))
        for signum in signums
        if signum is not None
    }
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if held:
            handler = previous[held[0]]
            if callable(handler):
                handler(held[0], None)  # raises KeyboardInterrupt or Terminated here
            elif handler == signal.SIG_DFL:
                os.kill(os.getpid(), held[0])


# -- worker processes ------------------------------------------------------------------


def _start_worker(initializer: Callable[..., None], initargs: tuple[Any, ...]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        die_with_parent()
        initializer(*initargs)
    except Terminated as stop:  # stopped while starting: not an initializer's failure
        os._exit(128 + stop.signum)


def in_worker(function: Callable[..., Any], *args: Any) -> Any:
    """Run a pool job; when terminated, exit right after the clean-up instead of
    reporting the interrupt back and waiting for more work."""
    try:
        return function(*args)
    except Terminated as stop:
        os._exit(128 + stop.signum)


class _Tracked:
    """A multiprocessing context that keeps every Process it makes, before it starts: a
    stop that lands while the pool starts its workers finds a worker running that the
    pool has not listed yet, and multiprocessing's exit hook would wait for it for good."""

    def __init__(self, context: DefaultContext) -> None:
        self._context = context
        self.made: list[BaseProcess] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._context, name)

    def Process(self, *args: Any, **kwargs: Any) -> BaseProcess:
        process: BaseProcess = self._context.Process(*args, **kwargs)
        self.made.append(process)
        return process


@contextlib.contextmanager
def process_pool(
    workers: int, initializer: Callable[..., None], initargs: tuple[Any, ...]
) -> Iterator[ProcessPoolExecutor]:
    """A ProcessPoolExecutor whose workers die with the run and stop at once when the
    run is interrupted (the executor's own exit would wait for every running job)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = _Tracked(multiprocessing.get_context())
    with signals_held():
        pool = ProcessPoolExecutor(
            workers,
            mp_context=cast("BaseContext", context),
            initializer=_start_worker,
            initargs=(initializer, initargs),
        )
    try:
        with signals_held():
            pool.submit(int)  # starts the workers (all of them, where they fork)
        yield pool
    except BaseException:
        made = [p for p in context.made if p.pid is not None]
        stop_pool(pool, made)
        remove_folders_of({cast(int, p.pid) for p in made})
        raise
    pool.shutdown(wait=True)


def stop_pool(pool: ProcessPoolExecutor, processes: list[BaseProcess], grace: float = 3.0) -> None:
    # Taken before shutdown(), which drops the executor's reference to it.
    manager = getattr(pool, "_executor_manager_thread", None)
    for process in processes:
        with contextlib.suppress(OSError):
            process.terminate()  # SIGTERM: the worker removes its temporary files
    deadline = time.monotonic() + grace
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
            process.join(1.0)
    pool.shutdown(wait=False, cancel_futures=True)
    if manager is None:
        return
    # The executor's manager thread closes its wake-up pipe as it notices the workers
    # gone, and concurrent.futures' exit hook writes to that pipe after checking it open:
    # an interpreter exit racing with the closing prints a traceback. Let the thread
    # finish first (quick now), and if a loaded machine keeps it longer, take it out of
    # the hook's list — its workers are gone, there is nothing left to wake.
    manager.join(max(5.0, deadline - time.monotonic()))
    from concurrent.futures import process as futures_process

    wakeups = getattr(futures_process, "_threads_wakeups", None)
    if wakeups is not None:
        wakeups.pop(manager, None)


# -- temporary files and folders ---------------------------------------------------------


def private_folder() -> tempfile.TemporaryDirectory[str]:
    """A temporary folder named for this process, so a later run can tell it is stale."""
    remove_stale_folders()
    return tempfile.TemporaryDirectory(prefix=f"{PREFIX}{os.getpid()}-")


_swept: set[str] = set()


def remove_stale_folders(where: str | None = None) -> None:
    """Remove complint-<pid>-* folders (copies of inputs, LibreOffice profiles) that a
    killed run left in the temporary directory; once per process."""
    folder = where or tempfile.gettempdir()
    if folder in _swept:
        return
    _swept.add(folder)
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if not entry.name.startswith(PREFIX) or not entry.is_dir(follow_symlinks=False):
                continue
            pid = entry.name[len(PREFIX) :].split("-", 1)[0]
            if is_stale(Path(entry.path), pid):
                shutil.rmtree(entry.path, ignore_errors=True)


def remove_folders_of(pids: set[int], where: str | None = None) -> None:
    """Remove the temporary folders of this run's workers once they are gone. A worker
    killed because it did not stop in time, or stopped between making its folder and
    taking charge of it, leaves the folder behind; the next run would sweep it, but an
    interrupted run should leave nothing (a copy of a report is a leak)."""
    folder = where or tempfile.gettempdir()
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if not entry.name.startswith(PREFIX) or not entry.is_dir(follow_symlinks=False):
                continue
            pid = entry.name[len(PREFIX) :].split("-", 1)[0]
            if pid.isdigit() and int(pid) in pids and not alive(int(pid)):
                shutil.rmtree(entry.path, ignore_errors=True)


# -- the command ----------------------------------------------------------------------------

_gc_held = False


def hold_gc() -> None:
    """For the command only: no garbage collection while it starts. Importing complint's
    modules and loading the rule packs allocate many objects and free few, so the
    collector's passes there find nothing (6 ms of a one-file lint); release_gc ends it."""
    global _gc_held
    if gc.isenabled():
        gc.disable()
        _gc_held = True


def release_gc() -> None:
    """Collect again from here on (what hold_gc stopped), with what start-up made frozen:
    the modules and the rules live as long as the process, so no later collection
    (nor a forked worker's copy) needs to walk them again."""
    global _gc_held
    if _gc_held:
        gc.freeze()
        # A lint allocates many short-lived containers (spans, hits, findings) that
        # reference counting frees; the young collections Python's default (every 700
        # more) runs over them found next to nothing and took about 5 % of a folder's
        # CPU. The command owns its process, so it collects the young less often.
        gc.set_threshold(YOUNG_THRESHOLD, *gc.get_threshold()[1:])
        gc.enable()
        _gc_held = False


# Net allocations of containers between young collections in the command (default 700).
YOUNG_THRESHOLD = 20_000


EXIT_INTERRUPTED = 128 + signal.SIGINT  # 130, what shells report for Ctrl-C


def run_command(main: Callable[[], int]) -> int:
    """`main()`'s exit status; Ctrl-C and TERM end it with one line, not a traceback."""
    install_handlers()
    remove_stale_folders()  # what a killed run left: a copy of a report is a leak
    try:
        return main()
    except BaseException as error:
        code = stopped(error)
        if code is None:
            raise
        return code


def stopped(error: BaseException) -> int | None:
    """The exit status of a run that Ctrl-C or TERM ended, having said so, or None. The
    interrupt may come wrapped in a library's own error: a C extension whose import it
    interrupted raises ImportError('initialization failed') from it (opencc's)."""
    seen: set[int] = set()
    cause: BaseException | None = error
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, KeyboardInterrupt):
            _say("interrupted")
            return EXIT_INTERRUPTED
        if isinstance(cause, Terminated):
            _say("terminated")
            return 128 + cause.signum
        if not isinstance(cause, Exception):
            return None  # sys.exit() and the like end the run as they say
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return None


def _say(what: str) -> None:
    # A second Ctrl-C while saying it must not print a traceback either.
    with contextlib.suppress(BaseException):
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        sys.stderr.write(f"complint: {what}\n")
        sys.stderr.flush()


# -- a time limit per file ------------------------------------------------------------------


class FileTimeout(BaseException):
    """A file ran past `--timeout`. A BaseException: a reader's `except Exception` must
    not swallow it on its way out."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"not checked within {seconds:g} s (--timeout); skipped")


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise FileTimeout in this block after `seconds` (SIGALRM: the main thread of a
    process on POSIX, which is where the command and its workers lint; elsewhere none)."""
    import threading

    if (
        seconds is None
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def expire(_signum: int, _frame: object) -> None:
        raise FileTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
