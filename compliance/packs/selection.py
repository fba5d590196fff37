"""Rule selection checked against the rules that exist: a gate must never pass because a
code was misspelt (`--select IW999` selecting nothing would report 0 findings and exit 0).

Codes and prefixes in --select / --ignore, `select`, `ignore` and `[per-path-ignores]`
must match at least one loaded rule; `severity` keys must be whole codes. Each unknown one
is named with the nearest known codes (difflib).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence


def unknown(patterns: Iterable[str], known: Collection[str]) -> list[str]:
    """The codes or prefixes of `patterns` that match no code of `known`, in order."""
    return [p for p in dict.fromkeys(patterns) if not any(code.startswith(p) for code in known)]


_LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def nearest(pattern: str, known: Collection[str], count: int = 3) -> list[str]:
    """The known codes (or families, for a short prefix) closest to `pattern`."""
    import difflib  # only a mistake needs it

    families = sorted({code[:2] for code in known})
    candidates = families if len(pattern) <= 2 else sorted(known)
    close = difflib.get_close_matches(pattern, candidates, n=len(candidates), cutoff=0.5)

    # A letter typed for the digit it looks like (TX3O1, IW1l0) is the likeliest slip.
    folded = pattern.upper().translate(_LOOK_ALIKES)

    def closeness(code: str) -> tuple[bool, float, int]:
        # Equal ratios (TX3O1: TX301 and TX311) go to fewer characters changed in place.
        ratio = difflib.SequenceMatcher(None, pattern, code).ratio()
        changed = sum(a != b for a, b in zip(pattern, code, strict=False))
        return code != folded, -round(ratio, 6), changed + abs(len(pattern) - len(code))

    return sorted(close, key=closeness)[:count]


def describe(patterns: Sequence[str], known: Collection[str], what: str = "rule code") -> str:
    """`unknown rule code IW999 (nearest: IW109, IW101)`; several joined by `; `."""
    parts = []
    for pattern in patterns:
        close = nearest(pattern, known)
        hint = f"nearest: {', '.join(close)}" if close else "`complint rules` lists the codes"
        parts.append(f"unknown {what} {pattern} ({hint})")
    return "; ".join(parts)


def problem(
    option: str, patterns: Iterable[str], known: Collection[str], *, whole: bool = False
) -> str | None:
    """One line naming `option` and its unknown codes, or None when all are known.

    `whole`: each pattern must be a complete code (severity keys), not a prefix.
    """
    patterns = list(patterns)
    bad = (
        [p for p in dict.fromkeys(patterns) if p not in known]
        if whole
        else unknown(patterns, known)
    )
    if not bad:
        return None
    return f"{option}: {describe(bad, known, 'rule code' if whole else 'rule code or prefix')}"
