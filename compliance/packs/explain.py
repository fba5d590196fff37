"""One rule explained in Markdown: `complint rule CODE`, the pages of docs/rules/, and (in
Chinese) the explanation panel of `complint serve`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from compliance.kinds import KINDS
from compliance.kinds.base import Rule
from compliance.kinds.substitute import Entry

_WORDS: Mapping[str, Mapping[str, str]] = {
    "en": {
        "facet": "Facet",
        "message": "Message",
        "matches": "What it matches",
        "replacements": "Replacements",
        "reported": "Example: reported",
        "not_reported": "Example: not reported",
        "pack": "Pack",
        "kind": "Kind",
        "severity": "Default severity",
        "scope": "Scope",
        "configuration": "Configuration",
        "config_file": "# complint.toml, or [tool.complint] in pyproject.toml",
        "off": "turn it off",
        "change": "or change its severity",
        "command_line": "On the command line: `--ignore {code}` or `--select {code}`.",
        "lexicon": "Lexicon",
        "titles": "Canonical titles",
        "known": "Never a typo",
        "entries": "Wrong forms",
        "formulations": "Formulations",
        "from": "from",
        "delete": "(delete)",
        "safe_fix": "Fix: safe — `complint --fix` applies the suggestion (docs/fixes.md).",
        "passing": "Not counted: passing mentions (docs/rule-format.md)",
    },
    "zh-CN": {
        "facet": "检查方式",
        "message": "提示信息",
        "matches": "匹配内容",
        "replacements": "替换表",
        "reported": "示例：会报告",
        "not_reported": "示例：不报告",
        "pack": "规则包",
        "kind": "类型",
        "severity": "默认严重程度",
        "scope": "检查范围",
        "configuration": "配置",
        "config_file": "# complint.toml，或 pyproject.toml 中的 [tool.complint]",
        "off": "关闭此规则",
        "change": "或改变严重程度",
        "command_line": "命令行：`--ignore {code}` 或 `--select {code}`。",
        "lexicon": "术语表",
        "titles": "文件规范名称",
        "known": "不作错字处理的词",
        "entries": "错误写法",
        "formulations": "规范提法",
        "from": "起始于",
        "delete": "（删除）",
        "safe_fix": "可自动修正：`complint --fix` 按建议修改（见 docs/fixes.md）。",
        "passing": "不计入：顺带提及（见 docs/rule-format.md）",
    },
}


def _fenced(text: str) -> str:
    return "```text\n" + text.rstrip("\n") + "\n```\n"


def _facet(rule: Rule, several: bool, words: Mapping[str, str]) -> list[str]:
    parts = [f"## {words['facet']}: `{rule.kind}`\n"] if several else []
    if rule.fix == "safe":
        parts.append(words["safe_fix"] + "\n")
    parts.append(f"## {words['message']}\n")
    parts.append(_fenced(rule.message))
    if rule.match_source:
        parts.append(f"## {words['matches']}\n")
        parts.append("```\n" + rule.match_source.strip() + "\n```\n")
    pairs = rule.options.get("pairs")
    if isinstance(pairs, dict):
        parts.append(f"## {words['replacements']}\n")
        parts.extend(f"- {wrong} → {right}" for wrong, right in pairs.items())
        parts.append("")
    parts.extend(_data(rule, words))
    kind = KINDS.get(rule.kind)
    more_bad, more_good = kind.examples(rule) if kind and kind.examples else ((), ())
    for title, examples in (
        (words["reported"], rule.bad_examples + more_bad),
        (words["not_reported"], rule.good_examples + more_good),
    ):
        if examples:
            parts.append(f"## {title}\n")
            parts.extend(_fenced(e) for e in examples)
    return parts


def _entry(entry: Entry, words: Mapping[str, str]) -> str:
    """One line for a wrong form of `entries` or of a formulation's `wrong`."""
    line = f"- `{entry.expression}` → {entry.suggestion or words['delete']}"
    if entry.since:
        line += f", {words['from']} {entry.since[0]}-{entry.since[1]:02d}"
    if entry.source:
        line += f" — {entry.source}"
    return line


def _data(rule: Rule, words: Mapping[str, str]) -> list[str]:
    """The knowledge a rule carries beyond its match: lexicon, entries, titles, formulations."""
    parts: list[str] = []
    options = rule.options
    for key in ("lexicon", "titles"):
        groups = options.get(key) or []
        if groups:
            parts.append(f"## {words[key]}\n")
            for group in groups:
                if isinstance(group, str):
                    parts.append(f"- {group}")
                else:
                    terms = group.get("terms", [])
                    parts.append(f"- {group.get('source', '')} ({len(terms)}): {'、'.join(terms)}")
            parts.append("")
    if options.get("passing"):
        parts.append(f"## {words['passing']}\n")
        parts.extend(f"- `{c.name}`" + (f": {c.why}" if c.why else "") for c in options["passing"])
        parts.append("")
    if options.get("known"):
        parts.append(f"## {words['known']}\n")
        parts.append("、".join(options["known"]) + "\n")
    if options.get("entries"):
        parts.append(f"## {words['entries']}\n")
        parts.extend(_entry(e, words) for e in options["entries"])
        parts.append("")
    if options.get("formulations"):
        parts.append(f"## {words['formulations']}\n")
        for f in options["formulations"]:
            line = f"- **{f['name']}**"
            if f.get("members"):
                line += f": {'、'.join(f['members'])}"
            elif f.get("canonical"):
                line += f": {f['canonical']}"
            if f.get("source"):
                line += f" — {f['source']}"
            parts.append(line)
            parts.extend("  " + _entry(e, words) for e in f.get("wrong", ()))
        parts.append("")
    return parts


def explain(facets: Sequence[Rule], lang: str = "en") -> str:
    """A rule's page; a rule written as several facets gets one section per facet.

    `lang` "zh-CN" gives the headings and the title (its `title-zh`) in Chinese.
    """
    words = _WORDS[lang]
    rule = facets[0]
    title = (rule.title_zh or rule.title) if lang == "zh-CN" else rule.title
    parts = [
        f"# {rule.code} {rule.name}\n",
        f"{title}\n" if title.endswith((".", "。")) or lang == "zh-CN" else f"{title}.\n",
        f"- {words['pack']}: `{rule.pack}` ({rule.source.rsplit('/', 1)[-1]})",
        f"- {words['kind']}: `{'`, `'.join(dict.fromkeys(f.kind for f in facets))}`",
        f"- {words['severity']}: `{rule.severity}`",
        f"- {words['scope']}: `{rule.scope}`\n",
    ]
    if rule.description:
        parts.append(rule.description.strip() + "\n")
    for facet in facets:
        parts.extend(_facet(facet, len(facets) > 1, words))
    parts.append(f"## {words['configuration']}\n")
    parts.append(
        "```toml\n"
        f"{words['config_file']}\n"
        f'ignore = ["{rule.code}"]                      # {words["off"]}\n'
        f'severity = {{ {rule.code} = "info" }}           # {words["change"]}\n'
        "```\n" + words["command_line"].format(code=rule.code) + "\n"
    )
    return "\n".join(parts)
