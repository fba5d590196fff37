"""`--format junit`: JUnit XML, one testcase per file, as GitLab and Jenkins read it.

A file's testcase fails when it has findings at or above `--fail-on`; the failure's body
lists them one per line. Findings below the threshold go to the testcase's system-out,
so the report agrees with the exit code. An unreadable file is an <error>.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from compliance.model.findings import RANK, Finding, at_least
from compliance.output.result import Run
from compliance.output.text import finding_line


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def render(run: Run) -> str:
    results, fail_on = run.results, run.fail_on
    suites = ET.Element("testsuites", name="complint")
    suite = ET.SubElement(suites, "testsuite", name="complint")
    failures = errors = 0
    for result in results:
        case = ET.SubElement(
            suite, "testcase", classname="complint", name=result.path, file=result.path, time="0"
        )
        if result.error is not None:
            errors += 1
            message = str(result.error)
            ET.SubElement(case, "error", type="unreadable", message=message).text = message
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
                message=f"{_plural(len(failing), 'finding')} ({worst.rule}: {worst.message})",
            ).text = "\n".join(finding_line(f) for f in failing)
        if others:
            ET.SubElement(case, "system-out").text = "\n".join(finding_line(f) for f in others)
    for element in (suites, suite):
        element.set("tests", str(len(results)))
        element.set("failures", str(failures))
        element.set("errors", str(errors))
    suite.set("skipped", "0")
    suite.set("time", "0")
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
