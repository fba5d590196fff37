"""Fuzz the rule loader and the expression parser: whatever a rule author writes, the
answer is a RuleFileError with file:line:column (or a loaded pack), never a traceback."""

from __future__ import annotations

import contextlib
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.errors import RuleFileError
from compliance.match.expr import ExprSyntaxError, compile_expr
from compliance.packs.rulefile import load_pack

TOKENS = [
    '"领导小组"',
    '"X次"',
    "/X{1,3}次/",
    "group",
    "~",
    "!",
    "&",
    "|",
    "(",
    ")",
    ",",
    "any(",
    "near(",
    "in(",
    "problems",
    "10",
    " ",
    "\n",
    '"',
    "/",
    "\\",
    '~"意识形态"',
]
VALID = """[terms]
group = ["领导小组", "领导机构"]

[[rule]]
code = "ZZ001"
name = "x"
kind = "require"
severity = "error"
title = "x"
message = "缺少{text}"
match = 'group | near("成立", group, 10)'
examples.bad = ["无"]
examples.good = ["成立领导小组"]
"""
LOCATED = re.compile(r"^.+:\d+:\d+: .+")
BOUNDED = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@BOUNDED
@given(st.lists(st.sampled_from(TOKENS), max_size=12).map("".join))
def test_expressions_compile_or_fail_with_a_position(source: str) -> None:
    try:
        compile_expr(source, {"group": ["领导小组"]})
    except ExprSyntaxError as err:
        assert err.line >= 1 and err.column >= 1
        assert str(err).startswith(f"{err.line}:{err.column}: ")


@BOUNDED
@given(st.text(max_size=40))
def test_arbitrary_text_as_expression(source: str) -> None:
    with contextlib.suppress(ExprSyntaxError):  # any other exception fails the test
        compile_expr(source, {})


@BOUNDED
@given(
    position=st.integers(min_value=0, max_value=len(VALID)),
    cut=st.integers(min_value=0, max_value=8),
    insert=st.text(alphabet="[]=\"'{}\n,.#~|&!()/\\abc领", max_size=4),
)
def test_mutated_rule_files_load_or_fail_with_a_position(
    position: int, cut: int, insert: str
) -> None:
    text = VALID[:position] + insert + VALID[position + cut :]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mutant.toml"
        path.write_text(text, encoding="utf-8")
        try:
            load_pack(path)
        except RuleFileError as err:
            assert LOCATED.match(str(err)), str(err)
            assert "\n" not in str(err)
