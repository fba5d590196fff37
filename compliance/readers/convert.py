"""Old Word (.doc) and WPS (.wps) files, converted to .docx by LibreOffice when it is there.

Each conversion runs headless, in a temporary directory with its own LibreOffice profile
(parallel runs do not fight over one profile lock), under a time limit; the input is
only read.

LibreOffice runs under a small guard process (_GUARD) in a process group of its own. The
kernel signals the guard when complint dies, however it dies (PR_SET_PDEATHSIG), and the
guard then kills the whole LibreOffice group and removes the temporary folder, which holds
a copy of the input: a killed run orphans no converter and leaves no copy of a report.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from compliance.errors import ReadError
from compliance.lifecycle import private_folder
from compliance.readers.magic import (
    ENCRYPTION_WRAPPER,
    OLE2,
    RTF,
    WORD_2003_XML,
    WRAPPED,
    is_text,
)

TIMEOUT_SECONDS = 120
T = TypeVar("T")


def check_binary_word(path: Path, shown: str) -> None:
    """A .doc or .wps must be a compound (OLE2) file, RTF or Word 2003 XML; LibreOffice
    would import anything else as plain text and lint garbage."""
    with path.open("rb") as handle:
        head = handle.read(4096)
    if not head:
        raise ReadError(shown, "empty file")
    if head.startswith(ENCRYPTION_WRAPPER):
        raise ReadError(shown, WRAPPED)
    if head.startswith(OLE2) or head.lstrip().startswith(RTF):
        return
    if head.lstrip().startswith(b"<") and WORD_2003_XML in head:
        return  # Word 2003 XML, which Word also saves as .doc
    kind = "plain text" if is_text(head) else "unknown content"
    raise ReadError(shown, f"not a Word {path.suffix.lower()} file (it holds {kind})")


def libreoffice() -> str | None:
    """The LibreOffice program, from $COMPLINT_SOFFICE or the PATH."""
    configured = os.environ.get("COMPLINT_SOFFICE")
    if configured:
        return configured
    return shutil.which("soffice") or shutil.which("libreoffice")


def with_docx(path: Path, shown: str, read: Callable[[Path], T]) -> T:
    """Convert `path` to .docx in a temporary directory and `read` the result there."""
    program = libreoffice()
    if program is None:
        raise ReadError(
            shown,
            f"a {path.suffix.lower()} file needs LibreOffice to be read, and it is not "
            "installed (apt install libreoffice-writer); or save the file as .docx",
        )
    with private_folder() as folder:
        work = Path(folder)
        # A plain ASCII name: LibreOffice names the output after the input.
        source = work / f"input{path.suffix.lower()}"
        shutil.copyfile(path, source)
        profile = (work / "profile").as_uri()
        command = [
            program,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(work / "out"),
            str(source),
        ]
        _convert(command, work, profile, shown)
        converted = work / "out" / "input.docx"
        if not converted.is_file():
            raise ReadError(shown, "LibreOffice could not convert the file (damaged or encrypted?)")
        return read(converted)


# The guard: started by complint, it starts LibreOffice in a new session and waits. Asked to
# stop (TERM, INT, HUP), or told by the kernel that complint has died, it kills the whole
# LibreOffice process group and removes the work folder before exiting. A killed LibreOffice
# leaves its single-instance socket in /tmp (OSL_PIPE_<uid>_SingleOfficeIPC_<hex MD5 of the
# profile URL in UTF-16LE, bytes unpadded>, as desktop/source/app/officeipcthread.cxx names
# it); the profile is this run's own, so the guard removes that socket too. Plain Python, no
# complint import: it starts in milliseconds.
_GUARD = """
import ctypes, ctypes.util, hashlib, os, shutil, signal, subprocess, sys, time
parent, folder, profile, command = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
child = None
asked = 0
digest = hashlib.md5(profile.encode("utf-16-le"), usedforsecurity=False).digest()
pipe = "OSL_PIPE_%d_SingleOfficeIPC_%s" % (os.getuid(), "".join(format(b, "x") for b in digest))
def unlink_pipe():
    for where in ("/tmp", "/var/tmp"):
        try:
            os.unlink(os.path.join(where, pipe))
        except OSError:
            pass
def finish(status):
    if child is not None:
        try:
            os.killpg(child.pid, signal.SIGKILL)
        except OSError:
            pass
        unlink_pipe()
    # A killed process finishes the call it is in: a file LibreOffice was creating can
    # appear after the first pass, so look again until the folder is gone.
    for _ in range(40):
        shutil.rmtree(folder, ignore_errors=True)
        if not os.path.lexists(folder):
            break
        time.sleep(0.05)
    os._exit(status)
def stop(signum, frame):
    global asked
    asked = 128 + signum
    if child is not None:
        finish(asked)
    # Else LibreOffice is being started, and may already run with no handle to kill it
    # by: stop once Popen returns.
for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
    signal.signal(signum, stop)
if sys.platform.startswith("linux"):
    try:
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").prctl(1, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):
        pass
if os.getppid() != parent:
    finish(128 + signal.SIGTERM)
try:
    child = subprocess.Popen(command, cwd=folder, start_new_session=True, stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
except OSError:
    finish(asked or 127)
if asked:
    finish(asked)
code = child.wait()
try:
    os.killpg(child.pid, signal.SIGKILL)
except OSError:
    pass
unlink_pipe()
sys.exit(code)
"""


def _convert(command: list[str], work: Path, profile: str, shown: str) -> None:
    """Run LibreOffice under the guard; on any way out but success, the guard cleans up."""
    # LibreOffice's own temporary files (lu*.tmp) go inside the folder the guard removes.
    (work / "tmp").mkdir(exist_ok=True)
    environment = {**os.environ, "TMPDIR": str(work / "tmp")}
    try:
        guard = subprocess.Popen(
            [sys.executable, "-c", _GUARD, str(os.getpid()), str(work), profile, *command],
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    except OSError as err:
        raise ReadError(shown, f"cannot run LibreOffice ({err})") from None
    try:
        guard.wait(timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        raise ReadError(
            shown, f"LibreOffice did not convert the file within {TIMEOUT_SECONDS} s"
        ) from None
    finally:
        if guard.poll() is None:  # timed out, interrupted or terminated: stop it all
            guard.terminate()
            guard.wait()
