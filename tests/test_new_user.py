"""A new user's first hour: the README's two commands, copied from README.md itself (not
retyped here), must work on a fresh clone as written.

The install-and-lint command runs for real in a fresh clone with a fresh virtualenv
(slow: it downloads complint's dependencies from the package index, so it needs the
network; the clone is of the last commit, not of uncommitted changes). The test command
is not run here — it would run this suite inside itself — but `.ci/run`, which CI runs,
must run exactly it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

README = ROOT / "README.md"


def _section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    return text.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def readme_commands() -> tuple[str, str]:
    """(install and lint the sample, install and run the tests), from "Try it"."""
    blocks = re.findall(r"```sh\n(.*?)```", _section("Try it"), flags=re.DOTALL)
    assert len(blocks) == 2, "Try it shows exactly two commands"
    main, test = (block.strip() for block in blocks)
    assert "\n" not in main and "\n" not in test
    return main, test


def readme_output() -> list[str]:
    """The output "What the output looks like" shows, without its `$ complint` line."""
    block = re.search(r"```\n(.*?)```", _section("What the output looks like"), re.DOTALL)
    assert block is not None
    lines = block.group(1).splitlines()
    assert lines[0].startswith("$ complint ")
    return lines[1:]


def test_ci_runs_exactly_the_readme_test_command() -> None:
    _, test = readme_commands()
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    commands = [line for line in script if line.strip() and not line.lstrip().startswith("#")]
    assert commands[-1] == test
    assert "venv" in test and "pytest" in test  # a virtualenv: PEP 668 refuses the rest


def test_the_readme_shows_the_sample_command_it_tells_to_run() -> None:
    main, _ = readme_commands()
    shown = _section("What the output looks like").split("$ complint ", 1)[1].split("\n")[0]
    assert main.endswith(f"complint {shown}")


@pytest.mark.slow
@pytest.mark.skipif(
    not os.environ.get("COMPLINT_TEST_NETWORK"),
    reason="installs from the package index: .ci/run sets COMPLINT_TEST_NETWORK=1, or set it"
    " by hand (the local suite installs nothing)",
)
def test_a_new_user_runs_the_readme_command_in_a_fresh_clone(tmp_path: Path) -> None:
    main, _ = readme_commands()
    clone = tmp_path / "complint"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True, timeout=300)
    # Nothing of this test session leaks in: no import path, no active virtualenv.
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    try:
        run = subprocess.run(
            ["bash", "-c", main],
            cwd=clone,
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            timeout=1800,
        )
        # The sample has errors on purpose: complint's exit code 1 ends the command.
        assert run.returncode == 1, run.stderr[-2000:]
        assert "Traceback" not in run.stderr
        expected = readme_output()
        assert run.stdout.splitlines()[-len(expected) :] == expected
    finally:
        shutil.rmtree(clone, ignore_errors=True)  # a virtualenv is big: leave nothing
