"""`python -m compliance` and the `complint` script.

The signal handlers are installed first and complint's modules imported inside the
guard, so Ctrl-C or TERM during start-up ends like one later (compliance.lifecycle):
one line and status 130 or 143, not an import traceback.

The command ends without tearing the interpreter down (`os._exit` once the output is
flushed and the atexit functions have run): freeing every module, rule and automaton one
by one was 2–3 % of a one-file lint, for a process that is ending. Where other threads
or a pool of processes ran, Python's own shutdown joins them as usual.

`complint --version` alone is answered here, before argparse and the signal handlers
are loaded: the line argparse's version action prints, status 0.
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from compliance.constants import __version__

        print(f"complint {__version__}")
        return
    from compliance import lifecycle

    lifecycle.install_handlers()
    lifecycle.hold_gc()  # until the rules are loaded (compliance.cli releases it)
    try:
        from compliance.cli import run
    except BaseException as error:
        code = lifecycle.stopped(error)
        if code is None:
            raise
        sys.exit(code)
    try:
        run()
    except SystemExit as done:
        _end(done)


def _end(done: SystemExit) -> None:
    """Exit with `done`'s status now, when nothing but this thread is left to finish."""
    import atexit
    import os

    code = done.code
    threading = sys.modules.get("threading")
    pools = {"multiprocessing", "concurrent.futures"} & sys.modules.keys()
    if not isinstance(code, int) or pools or (threading and threading.active_count() > 1):
        raise done
    try:
        atexit._run_exitfuncs()  # what Python would run (the code cache's save)
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:
        raise done from None  # e.g. a closed pipe: Python's own exit reports it
    os._exit(code)


if __name__ == "__main__":
    main()
