"""One rule explained in Markdown: `complint rule CODE` and the pages of docs/rules/."""

from __future__ import annotations

from collections.abc import Sequence

from compliance.kinds import KINDS
from compliance.kinds.base import Rule
from compliance.kinds.substitute import Entry


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
    parts.extend(_data(rule))
    kind = KINDS.get(rule.kind)
    more_bad, more_good = kind.examples(rule) if kind and kind.examples else ((), ())
    for title, examples in (
        ("reported", rule.bad_examples + more_bad),
        ("not reported", rule.good_examples + more_good),
    ):
        if examples:
            parts.append(f"## Example: {title}\n")
            parts.extend(_fenced(e) for e in examples)
    return parts


def _entry(entry: Entry) -> str:
    """One line for a wrong form of `entries` or of a formulation's `wrong`."""
    line = f"- `{entry.expression}` → {entry.suggestion or '(delete)'}"
    if entry.since:
        line += f", from {entry.since[0]}-{entry.since[1]:02d}"
    if entry.source:
        line += f" — {entry.source}"
    return line


def _data(rule: Rule) -> list[str]:
    """The knowledge a rule carries beyond its match: lexicon, entries, titles, formulations."""
    parts: list[str] = []
    options = rule.options
    for key, heading in (("lexicon", "Lexicon"), ("titles", "Canonical titles")):
        groups = options.get(key) or []
        if groups:
            parts.append(f"## {heading}\n")
            for group in groups:
                if isinstance(group, str):
                    parts.append(f"- {group}")
                else:
                    terms = group.get("terms", [])
                    parts.append(f"- {group.get('source', '')} ({len(terms)}): {'、'.join(terms)}")
            parts.append("")
    if options.get("known"):
        parts.append("## Never a typo\n")
        parts.append("、".join(options["known"]) + "\n")
    if options.get("entries"):
        parts.append("## Wrong forms\n")
        parts.extend(_entry(e) for e in options["entries"])
        parts.append("")
    if options.get("formulations"):
        parts.append("## Formulations\n")
        for f in options["formulations"]:
            line = f"- **{f['name']}**"
            if f.get("members"):
                line += f": {'、'.join(f['members'])}"
            elif f.get("canonical"):
                line += f": {f['canonical']}"
            if f.get("source"):
                line += f" — {f['source']}"
            parts.append(line)
            parts.extend("  " + _entry(e) for e in f.get("wrong", ()))
        parts.append("")
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
