"""The work behind each request: check an upload, and make each download from it.

Everything here is synchronous (the server runs it in worker threads) and keeps nothing:
an upload's bytes live in memory and are read there; only the annotated copy, which
python-docx writes from a path, goes through a temporary folder removed before the
function returns. Its file is always named `report<suffix>`: the client's file name is
shown, never used as a path.

DOWNLOADS is the extension point for what a user can take back: a new kind is one more
entry, and the page offers it for the uploads it `accepts`. A Word upload comes back
with comments, or with the safe fixes as tracked changes (and comments for the rest).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import compliance
from compliance import Result, RuleSet
from compliance.api import Document, check_source
from compliance.output import html
from compliance.output.result import Run


@dataclass(frozen=True)
class Upload:
    """An uploaded file."""

    name: str  # the client's base name, cleaned: for display and download names only
    suffix: str  # lower-case, one of the accepted suffixes
    data: bytes


class Unreadable(Exception):
    """The upload is not a report complint can read; `reason` says why, in one line."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _reason(result: Result) -> str:
    return "; ".join(e.reason for e in result.errors)


def _in_folder(upload: Upload, use: Callable[[Path, Path], bytes]) -> bytes:
    with tempfile.TemporaryDirectory(prefix="complint-web-") as folder:
        source = Path(folder) / f"report{upload.suffix}"
        source.write_bytes(upload.data)
        return use(source, Path(folder))


def check(upload: Upload, rules: RuleSet) -> tuple[Result, Document]:
    """The findings and the document they are placed on; Unreadable when it cannot be read.

    Read once, in memory: the Result keeps the Document its findings are placed on."""
    result = check_source(upload.data, upload.name, rules, documents=True)
    if result.errors or result.document is None:
        raise Unreadable(_reason(result))
    return result, result.document


def _annotated(upload: Upload, rules: RuleSet, lang: str, fixes: bool = False) -> bytes:
    def make(source: Path, folder: Path) -> bytes:
        out = folder / "annotated.docx"
        try:
            result = compliance.annotate(source, out, rules=rules, fixes=fixes)
        except compliance.UsageError as err:
            raise Unreadable(str(err).removeprefix(f"{source}: ")) from None
        if result.errors:
            raise Unreadable(_reason(result))
        return out.read_bytes()

    return _in_folder(upload, make)


def _revised(upload: Upload, rules: RuleSet, lang: str) -> bytes:
    return _annotated(upload, rules, lang, fixes=True)


def _html(upload: Upload, rules: RuleSet, lang: str) -> bytes:
    result, _ = check(upload, rules)
    page = "".join(html.render(Run([result], rules.rules, lang=lang)))
    return page.encode("utf-8")


def _json(upload: Upload, rules: RuleSet, lang: str) -> bytes:
    result = compliance.check(upload.data, filename=upload.name, rules=rules)
    if result.errors:
        raise Unreadable(_reason(result))
    return result.to_json().encode("utf-8")


@dataclass(frozen=True)
class Download:
    """A file the page offers to download."""

    kind: str  # its URL: POST /download/<kind>
    label: str  # the key of its button's words in i18n.TEXTS
    suffix: str  # of the file offered
    media_type: str
    accepts: frozenset[str]  # the upload suffixes it can be made from
    make: Callable[[Upload, RuleSet, str], bytes]  # (upload, rules, lang) → the file


ALL_SUFFIXES = frozenset({".docx", ".doc", ".wps", ".pdf", ".txt", ".md"})

DOWNLOADS: Mapping[str, Download] = {
    d.kind: d
    for d in (
        Download(
            "annotated",
            "download_annotated",
            ".docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            frozenset({".docx"}),  # comments go into the Word file itself
            _annotated,
        ),
        Download(
            "revised",
            "download_revised",
            ".docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            frozenset({".docx"}),  # tracked changes, like comments, live in the Word file
            _revised,
        ),
        Download("html", "download_html", ".html", "text/html; charset=utf-8", ALL_SUFFIXES, _html),
        Download("json", "download_json", ".json", "application/json", ALL_SUFFIXES, _json),
    )
}
