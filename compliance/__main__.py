"""`python -m compliance` and the `complint` script.

The signal handlers are installed first and complint's modules imported inside the
guard, so Ctrl-C or TERM during start-up ends like one later (compliance.lifecycle):
one line and status 130 or 143, not an import traceback.
"""

from __future__ import annotations

import sys


def main() -> None:
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
    run()


if __name__ == "__main__":
    main()
