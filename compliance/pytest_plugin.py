"""The pytest plugin (entry point `pytest11: complint`), documented in docs/api.md.

`pytest --complint` collects report files as test items, one per file; the `complint`
fixture and the `complint` marker serve hand-written tests. Files that passed and have not
changed since — nor have the rules, the configuration or the threshold — are skipped
through pytest's cache, as pytest-mypy and pytest-ruff do.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pytest

from compliance import api
from compliance.api import (
    ComplintError,
    Result,
    RuleSet,
    Severity,
    Source,
    StrPath,
    check,
    check_many,
    discover_config,
    load_rules,
)
from compliance.config import Config, split_codes

CACHE_KEY = "complint/passed"  # {node id: key of the run it passed}
_KEY_PROPERTY = "complint_key"  # carries the key from xdist workers to the controller
_MARKER = "complint(select=None, ignore=None): the rules the complint fixture runs in this test"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("complint", "report linting with complint")
    group.addoption(
        "--complint",
        action="store_true",
        help="lint report files (.txt .md .docx .pdf, Word's other suffixes, .doc/.wps)"
        " with complint, one test item per file",
    )
    group.addoption(
        "--complint-fail-on",
        choices=api.SEVERITIES,
        default=None,
        help="fail a report with findings at or above this severity (default: error)",
    )
    parser.addini(
        "complint_paths",
        type="paths",
        help="files or folders (relative to the ini file) whose reports --complint collects;"
        " by default every report file pytest visits",
    )
    parser.addini(
        "complint_suffixes",
        type="args",
        default=sorted(api.SUPPORTED_SUFFIXES),
        help="file suffixes --complint collects (default: .txt .md .docx and Word's others)",
    )
    parser.addini("complint_fail_on", default="error", help="as --complint-fail-on")


@dataclasses.dataclass(eq=False)  # registered as a plugin: pytest hashes it
class _State:
    """Per pytest process: the project's complint settings and compiled rules."""

    config: pytest.Config
    _settings: Config | None = None
    _rulesets: dict[tuple[tuple[str, ...], tuple[str, ...]], RuleSet] = dataclasses.field(
        default_factory=dict
    )
    _fingerprint: str | None = None
    passed: dict[str, str] | None = None  # node id → key, as read from the cache and updated
    _stored: dict[str, str] = dataclasses.field(default_factory=dict)

    @property
    def settings(self) -> Config:
        if self._settings is None:
            self._settings = discover_config(self.config.rootpath)
        return self._settings

    @property
    def fail_on(self) -> Severity:
        option = self.config.getoption("complint_fail_on")
        name = option if option is not None else str(self.config.getini("complint_fail_on"))
        try:
            return api.severity_named(name)
        except ComplintError as err:
            raise pytest.UsageError(f"complint_fail_on: {err}") from None

    def ruleset(self, select: Sequence[str] | None = None, ignore: Sequence[str] = ()) -> RuleSet:
        """The project's rules; `select` replaces the configured one, `ignore` adds (as the CLI)."""
        key = (tuple(select) if select is not None else self.settings.select, tuple(ignore))
        if key not in self._rulesets:
            settings = dataclasses.replace(
                self.settings, select=key[0], ignore=self.settings.ignore + key[1]
            )
            self._rulesets[key] = load_rules(config=settings)
        return self._rulesets[key]

    def fingerprint(self) -> str:
        """What a file's verdict depends on besides its content."""
        if self._fingerprint is None:
            self._fingerprint = api.rules_fingerprint(self.settings, self.fail_on)
        return self._fingerprint

    def cache_get(self) -> dict[str, str]:
        if self.passed is None:
            cache = getattr(self.config, "cache", None)  # absent under -p no:cacheprovider
            stored: Any = cache.get(CACHE_KEY, {}) if cache is not None else {}
            self._stored = dict(stored) if isinstance(stored, dict) else {}
            self.passed = dict(self._stored)
        return self.passed

    def wanted(self, file: Path) -> bool:
        suffixes = {s.lower() for s in self.config.getini("complint_suffixes")}
        if file.suffix.lower() not in suffixes or file.name.startswith(("~$", ".")):
            return False
        roots: list[Path] = self.config.getini("complint_paths")
        return not roots or any(file == root or root in file.parents for root in roots)

    # Hooks, as methods: the state is registered as a plugin of its own session.
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        # Runs in the controller for every report, xdist workers' included.
        key = next((v for k, v in report.user_properties if k == _KEY_PROPERTY), None)
        if key is None or report.when != "call":
            return
        if report.passed:
            self.cache_get()[report.nodeid] = str(key)
        else:
            self.cache_get().pop(report.nodeid, None)

    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        # A skip mark, not pytest.skip() in setup: the report then names the file.
        passed = self.cache_get()
        for item in items:
            if isinstance(item, ComplintItem):
                key = item.key()
                # Reports carry it to the controller (xdist's too), which records passes.
                item.user_properties.append((_KEY_PROPERTY, key))
                if passed.get(item.nodeid) == key:
                    item.add_marker(pytest.mark.skip(reason="complint: unchanged since it passed"))

    def pytest_sessionfinish(self) -> None:
        cache = getattr(self.config, "cache", None)
        # xdist workers report to the controller, which alone writes the cache.
        if (
            cache is not None
            and self.passed is not None
            and self.passed != self._stored
            and not hasattr(self.config, "workerinput")
        ):
            cache.set(CACHE_KEY, self.passed)


_STATE = pytest.StashKey[_State]()


def _state(config: pytest.Config) -> _State:
    return config.stash[_STATE]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", _MARKER)
    state = _State(config)
    config.stash[_STATE] = state
    config.pluginmanager.register(state, "complint-state")
    if not config.getoption("complint"):
        return
    try:
        state.ruleset()
    except ComplintError as err:
        raise pytest.UsageError(f"complint: {err}") from None
    roots = [str(p) for p in config.getini("complint_paths")]
    if roots and config.args_source == pytest.Config.ArgsSource.TESTPATHS:
        # `testpaths` rarely names the reports' folders; without this they are never visited.
        config.args.extend(r for r in roots if r not in config.args)


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> ComplintFile | None:
    if parent.config.getoption("complint") and _state(parent.config).wanted(file_path):
        file: ComplintFile = ComplintFile.from_parent(parent, path=file_path)
        return file
    return None


class ComplintFile(pytest.File):
    def collect(self) -> Iterable[ComplintItem]:
        yield ComplintItem.from_parent(self, name="complint")


class ComplintFailure(Exception):
    """Findings at or above the threshold, or an unreadable report."""

    def __init__(self, result: Result) -> None:
        super().__init__(result.to_text())
        self.result = result


class ComplintItem(pytest.Item):
    def _shown(self) -> str:
        try:
            return self.path.relative_to(self.config.rootpath).as_posix()
        except ValueError:
            return str(self.path)

    def key(self) -> str:
        """The file's content and everything its verdict depends on."""
        verdict = _state(self.config).fingerprint()
        return api.cache_key(verdict, self._shown(), self.path.read_bytes())

    def runtest(self) -> None:
        state = _state(self.config)
        shown = self._shown()
        try:
            data = self.path.read_bytes()
        except OSError as err:
            reason = f"cannot read file ({err.strerror or err})"
            raise ComplintFailure(Result(shown, error=api.ReadError(shown, reason))) from None
        # The bytes, named as the report shows them: read once, linted in memory.
        result = check(data, filename=shown, rules=state.ruleset())
        if not result.passed(state.fail_on):
            raise ComplintFailure(result)

    def repr_failure(
        self,
        excinfo: pytest.ExceptionInfo[BaseException],
        style: Any = None,
    ) -> str | Any:
        if isinstance(excinfo.value, ComplintFailure):
            return str(excinfo.value).rstrip("\n")
        return super().repr_failure(excinfo, style)

    def reportinfo(self) -> tuple[Path, int, str]:
        # A line, not None: a skip mark's report is placed at the item's location.
        return self.path, 0, f"complint {self._shown()}"


@dataclasses.dataclass(frozen=True)
class Complint:
    """The `complint` fixture: the project's configuration and rules, and the test's marker."""

    rules: RuleSet = dataclasses.field(repr=False)  # pages of compiled rules in tracebacks

    def check(self, source: Source, *, filename: str | None = None) -> Result:
        return check(source, filename=filename, rules=self.rules)

    def check_many(self, paths: Iterable[StrPath], *, jobs: int | None = 1) -> list[Result]:
        return check_many(paths, rules=self.rules, jobs=jobs)


def _codes(value: object, name: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return split_codes([value])
    if isinstance(value, Sequence) and all(isinstance(v, str) for v in value):
        return split_codes(list(value))
    raise pytest.UsageError(f"@pytest.mark.complint({name}=...) takes codes: 'IW,TX301' or a list")


@pytest.fixture
def complint(request: pytest.FixtureRequest) -> Complint:
    """Lint reports in a test: `complint.check(path).assert_clean(fail_on="warning")`."""
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    for marker in reversed(list(request.node.iter_markers("complint"))):
        # Outer marks first, so the closest (function) mark has the last word.
        select = _codes(marker.kwargs.get("select"), "select") or select
        ignore += _codes(marker.kwargs.get("ignore"), "ignore") or ()
    try:
        rules = _state(request.config).ruleset(select, ignore)
    except ComplintError as err:
        pytest.fail(f"complint: {err}", pytrace=False)
    return Complint(rules)


__all__ = ["Complint", "ComplintFile", "ComplintItem"]
