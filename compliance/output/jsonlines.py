"""`--format json-lines`: one finding per line, the objects of the JSON contract.

Streams well into log pipelines (jq -c, BigQuery, Loki); files that could not be read
are not findings and go to stderr as in every format.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from compliance.output.json import finding_object
from compliance.output.result import Run


def render(run: Run) -> Iterator[str]:
    for r in run.results:
        for f in r.findings:
            yield json.dumps(finding_object(f), ensure_ascii=False) + "\n"
