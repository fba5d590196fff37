"""Old Word (.doc) and WPS (.wps) files, converted to .docx by LibreOffice when it is there.

Each conversion runs headless, in a temporary directory with its own LibreOffice profile
(parallel runs do not fight over one profile lock), under a time limit; the input is
only read.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from compliance.document import ReadError
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


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """End whatever of the conversion is still running, before its folder is removed."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def with_docx(path: Path, shown: str, read: Callable[[Path], T]) -> T:
    """Convert `path` to .docx in a temporary directory and `read` the result there."""
    program = libreoffice()
    if program is None:
        raise ReadError(
            shown,
            f"a {path.suffix.lower()} file needs LibreOffice to be read, and it is not "
            "installed (apt install libreoffice-writer); or save the file as .docx",
        )
    with tempfile.TemporaryDirectory(prefix="complint-") as folder:
        work = Path(folder)
        # A plain ASCII name: LibreOffice names the output after the input.
        source = work / f"input{path.suffix.lower()}"
        shutil.copyfile(path, source)
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(work / "out"),
            str(source),
        ]
        try:
            # A session of its own: `soffice` is a wrapper, and on a timeout the real
            # converter must die with it, or it goes on writing into this folder (a copy
            # of the document) after the folder was removed.
            process = subprocess.Popen(
                command,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                cwd=work,
                start_new_session=True,
            )
        except OSError as err:
            raise ReadError(shown, f"cannot run LibreOffice ({err})") from None
        try:
            process.wait(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            raise ReadError(
                shown, f"LibreOffice did not convert the file within {TIMEOUT_SECONDS} s"
            ) from None
        finally:
            _kill_group(process)
        converted = work / "out" / "input.docx"
        if not converted.is_file():
            raise ReadError(shown, "LibreOffice could not convert the file (damaged or encrypted?)")
        return read(converted)
