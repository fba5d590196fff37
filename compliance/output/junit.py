"""`--format junit`: JUnit XML, one testcase per file, as GitLab and Jenkins read it.

A file's testcase fails when it has findings at or above `--fail-on`; the failure's body
lists them one per line. Findings below the threshold go to the testcase's system-out,
so the report agrees with the exit code. An unreadable file is an <error>.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

from compliance.model.findings import RANK, Finding, Severity, at_least
from compliance.output.result import Result, Run
from compliance.output.summary import count
from compliance.output.text import finding_line

# XML 1.0 cannot hold control characters (other than tab and line breaks) or lone
# surrogates, not even escaped; a path may contain them. They are written as \xNN.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _line(f: Finding) -> str:
    return _xml(finding_line(f))


def render(run: Run) -> Iterator[str]:
    """The report in pieces, one testcase at a time: the counts come first, from a pass
    over the findings' severities; each testcase is built, written and dropped."""
    results, fail_on = run.results, run.fail_on
    errors = sum(r.error is not None for r in results)
    failures = sum(
        r.error is None and any(at_least(f.severity, fail_on) for f in r.findings) for r in results
    )
    counts = {"tests": str(len(results)), "failures": str(failures), "errors": str(errors)}
    suites = ET.Element("testsuites", {"name": "complint", **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": "complint", **counts})
    suite.set("skipped", "0")
    suite.set("time", "0")
    if not results:
        ET.indent(suites)
        yield ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
        return
    # The document around the testcases, as ET.indent lays it out, cut where they go.
    suite.text = "\n    "
    suites.text, suite.tail = "\n  ", "\n"
    ET.SubElement(suite, "testcase").tail = "\n  "
    head, _, tail = ET.tostring(suites, encoding="unicode", xml_declaration=True).partition(
        "<testcase />"
    )
    yield head
    for number, result in enumerate(results):
        case = _testcase(result, fail_on)
        ET.indent(case, level=2)
        case.tail = "\n    " if number < len(results) - 1 else None
        yield ET.tostring(case, encoding="unicode")
    yield tail + "\n"


def _testcase(result: Result, fail_on: Severity) -> ET.Element:
    case = ET.Element(
        "testcase",
        classname="complint",
        name=_xml(result.path),
        file=_xml(result.path),
        time="0",
    )
    if result.error is not None:
        error = _xml(str(result.error))
        ET.SubElement(case, "error", type="unreadable", message=error).text = error
        return case
    failing = [f for f in result.findings if at_least(f.severity, fail_on)]
    others = [f for f in result.findings if not at_least(f.severity, fail_on)]
    if failing:
        worst: Finding = max(failing, key=lambda f: RANK[f.severity])
        ET.SubElement(
            case,
            "failure",
            type=worst.severity,
            message=_xml(f"{count(len(failing), 'finding')} ({worst.rule}: {worst.message})"),
        ).text = "\n".join(_line(f) for f in failing)
    if others:
        ET.SubElement(case, "system-out").text = "\n".join(_line(f) for f in others)
    return case
