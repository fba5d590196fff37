"""One rule explained in Markdown: `complint rule CODE` and the pages of docs/rules/."""

from __future__ import annotations

from collections.abc import Sequence

from compliance.kinds.base import Rule


def _fenced(text: str) -> str:
    return "```text\n" + text.rstrip("\n") + "\n```\n"


def _facet(rule: Rule, several: bool) -> list[str]:
    parts = [f"## Facet: `{rule.kind}`\n"] if several else []
    if rule.fix == "safe":
        parts.append("Fix: safe — `complint --fix` applies the suggestion (docs/fixes.md).\n")
    parts.append("## Message\n")
    parts.append(_fenced(rule.message))
    if rule.match_source:
        parts.append("## What it matches\n")
        parts.append("```\n" + rule.match_source.strip() + "\n```\n")
    pairs = rule.options.get("pairs")
    if isinstance(pairs, dict):
        parts.append("## Replacements\n")
        parts.extend(f"- {wrong} → {right}" for wrong, right in pairs.items())
        parts.append("")
    for title, examples in (("reported", rule.bad_examples), ("not reported", rule.good_examples)):
        if examples:
            parts.append(f"## Example: {title}\n")
            parts.extend(_fenced(e) for e in examples)
    return parts


def explain(facets: Sequence[Rule]) -> str:
    """A rule's page; a rule written as several facets gets one section per facet."""
    rule = facets[0]
    parts = [
        f"# {rule.code} {rule.name}\n",
        f"{rule.title}.\n" if not rule.title.endswith(".") else f"{rule.title}\n",
        f"- Pack: `{rule.pack}` ({rule.source.rsplit('/', 1)[-1]})",
        f"- Kind: `{'`, `'.join(dict.fromkeys(f.kind for f in facets))}`",
        f"- Default severity: `{rule.severity}`",
        f"- Scope: `{rule.scope}`\n",
    ]
    if rule.description:
        parts.append(rule.description.strip() + "\n")
    for facet in facets:
        parts.extend(_facet(facet, several=len(facets) > 1))
    parts.append("## Configuration\n")
    parts.append(
        "```toml\n"
        "# complint.toml, or [tool.complint] in pyproject.toml\n"
        f'ignore = ["{rule.code}"]                      # turn it off\n'
        f'severity = {{ {rule.code} = "info" }}           # or change its severity\n'
        "```\n"
        f"On the command line: `--ignore {rule.code}` or `--select {rule.code}`.\n"
    )
    return "\n".join(parts)
