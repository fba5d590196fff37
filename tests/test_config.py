from __future__ import annotations

from pathlib import Path

import pytest

from compliance.config import find_config, is_enabled, load_config, split_codes
from compliance.errors import RuleFileError


@pytest.mark.parametrize(
    ("code", "select", "ignore", "enabled"),
    [
        ("IW101", (), (), True),
        ("IW101", ("IW",), (), True),
        ("TX301", ("IW",), (), False),
        ("TX301", ("IW", "TX301"), (), True),
        ("IW101", (), ("IW",), False),
        ("IW101", ("IW101",), ("IW",), True),  # the more specific prefix wins
        ("IW102", ("IW101",), ("IW",), False),
        ("TX301", ("TX301",), ("TX301",), False),
    ],
)
def test_select_and_ignore(
    code: str, select: tuple[str, ...], ignore: tuple[str, ...], enabled: bool
) -> None:
    assert is_enabled(code, select, ignore) is enabled


def test_split_codes() -> None:
    assert split_codes(["IW,tx301", " ST "]) == ("IW", "TX301", "ST")


def test_complint_toml_is_found_upwards(tmp_path: Path) -> None:
    (tmp_path / "complint.toml").write_text(
        'select = ["IW"]\nignore = ["IW103"]\nrules = ["extra"]\n'
        'period = "2024年上半年"\nseverity = { IW105 = "warning" }\n',
        encoding="utf-8",
    )
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    found = find_config(nested)
    assert found == (tmp_path / "complint.toml").resolve()
    config = load_config(found)
    assert config.select == ("IW",)
    assert config.ignore == ("IW103",)
    assert config.rules == (found.parent / "extra",)
    assert config.period == "2024年上半年"
    assert config.severity == {"IW105": "warning"}


def test_pyproject_without_tool_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[tool.complint]\nignore = ["TX"]\n', encoding="utf-8")
    assert find_config(inner) == (inner / "pyproject.toml").resolve()
    assert load_config(inner / "pyproject.toml").ignore == ("TX",)


def test_bad_setting_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "complint.toml"
    path.write_text('select = ["IW"]\nseverity = { IW101 = "fatal" }\n', encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_config(path)
    assert info.value.line == 2
    assert "severity" in info.value.message


def test_unknown_setting(tmp_path: Path) -> None:
    path = tmp_path / "complint.toml"
    path.write_text('selct = ["IW"]\n', encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_config(path)
    assert "selct" in info.value.message


def test_per_path_ignores(tmp_path: Path) -> None:
    from compliance.config import path_ignores

    path = tmp_path / "complint.toml"
    path.write_text(
        '[per-path-ignores]\n"archive/**" = ["TX304", "st"]\n"*.md" = ["IW"]\n', encoding="utf-8"
    )
    config = load_config(path)
    assert config.per_path_ignores == (("archive/**", ("TX304", "ST")), ("*.md", ("IW",)))
    root = tmp_path
    rules = config.per_path_ignores
    assert path_ignores(str(tmp_path / "archive" / "2023" / "a.txt"), rules, root) == (
        "TX304",
        "ST",
    )
    assert path_ignores("archive/a.txt", rules, None) == ("TX304", "ST")
    assert path_ignores(str(tmp_path / "docs" / "x.md"), rules, root) == ("IW",)  # bare name
    assert path_ignores(str(tmp_path / "other" / "archive.txt"), rules, root) == ()


def test_bad_per_path_ignores(tmp_path: Path) -> None:
    path = tmp_path / "complint.toml"
    path.write_text('select = ["IW"]\n[per-path-ignores]\n"a/*" = "TX"\n', encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_config(path)
    assert info.value.line == 2
    assert "per-path-ignores" in info.value.message


def test_per_path_ignores_in_pyproject(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text(
        '[tool.complint]\nselect = ["TX"]\n\n[tool.complint.per-path-ignores]\n'
        '"drafts/*.txt" = ["TX301"]\n',
        encoding="utf-8",
    )
    assert load_config(path).per_path_ignores == (("drafts/*.txt", ("TX301",)),)
