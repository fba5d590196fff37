"""`--format junit`: JUnit XML, one testcase per file, as GitLab and Jenkins read it.

A file's testcase fails when it has findings at or above `--fail-on`; the failure's body
lists them one per line. Findings below the threshold go to the testcase's system-out,
so the report agrees with the exit code. An unreadable file is an <error>.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from compliance.model.findings import RANK, Finding, at_least
from compliance.output.result import Run
from compliance.output.summary import count
from compliance.output.text import finding_line

# XML 1.0 cannot hold control characters (other than tab and line breaks) or lone
# surrogates, not even escaped; a path may contain them. They are written as \xNN.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _line(f: Finding) -> str:
    return _xml(finding_line(f))


def render(run: Run) -> str:
    results, fail_on = run.results, run.fail_on
    suites = ET.Element("testsuites", name="complint")
    suite = ET.SubElement(suites, "testsuite", name="complint")
    failures = errors = 0
    for result in results:
        case = ET.SubElement(
            suite,
            "testcase",
            classname="complint",
            name=_xml(result.path),
            file=_xml(result.path),
            time="0",
        )
        if result.error is not None:
            errors += 1
            error = _xml(str(result.error))
            ET.SubElement(case, "error", type="unreadable", message=error).text = error
            continue
        failing = [f for f in result.findings if at_least(f.severity, fail_on)]
        others = [f for f in result.findings if not at_least(f.severity, fail_on)]
        if failing:
            failures += 1
            worst: Finding = max(failing, key=lambda f: RANK[f.severity])
            ET.SubElement(
                case,
                "failure",
                type=worst.severity,
                message=_xml(f"{count(len(failing), 'finding')} ({worst.rule}: {worst.message})"),
            ).text = "\n".join(_line(f) for f in failing)
        if others:
            ET.SubElement(case, "system-out").text = "\n".join(_line(f) for f in others)
    for element in (suites, suite):
        element.set("tests", str(len(results)))
        element.set("failures", str(failures))
        element.set("errors", str(errors))
    suite.set("skipped", "0")
    suite.set("time", "0")
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
