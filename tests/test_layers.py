"""The import graph of compliance/: layers that only look down, and no loops.

A document flows reader → model → outline → engine → findings → output; the code is
layered much the same way (README "Layout"; the one turn: `output` holds the Result the
runner makes, so it sits below `lint`). A module may import its own layer and the layers
below it, never one above: that is what keeps each folder readable on its own.
Imports inside functions and under TYPE_CHECKING count too — they are dependencies
all the same.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "compliance"

# Lowest first. Each entry is one layer: top-level modules or sub-packages of compliance.
LAYERS: tuple[frozenset[str], ...] = tuple(
    frozenset(names.split())
    for names in (
        # What the command line shows before anything heavy loads: suffixes, severities,
        # the version (`complint --version` imports argparse and this alone).
        "constants",
        # Imported by everything: exceptions, atomic writes, the version, the project's
        # address, cache pruning, rule-file option types, patterns compiled on first use,
        # regex's C engine alone (for patterns unpickled from the pack cache), digests
        # without hashlib.
        "errors atomic version project prune schema lazyre regexengine digests",
        # Derived tables kept on disk (compiled packs, the gazetteer's table), and the
        # cache keys (the code's hash is kept there too).
        "packcache",
        # Code Python builds the same in every process (dataclasses' methods, re's
        # programs), kept beside the packs.
        "codecache",
        # Processes and signals: pools whose workers die with the run, private temporary
        # folders, time limits; it shares atomic's test for what a killed run left.
        "lifecycle",
        "model",  # Document, Finding, outline, period, Chinese numerals
        "readers",  # bytes or a path → Document
        "match",  # expression language, matchers, term index, near misses
        "kinds",  # one module per rule kind
        "packs",  # rule files → compiled packs (and their cache), rule checks
        "config",  # complint.toml: which rules, which severities
        "output",  # Result and its forms: formatters, the registry, Word comments, progress
        "lint",  # engine (rules on a document), runner (files, pool, cache), baseline
        "api",  # the one front door
        "compliance",  # the package: `import compliance` re-exports the front door
        # The shells. web, the browser front end, sits just below cli, which starts it
        # (`complint serve`); both use only the front door.
        "web",
        "cli pytest_plugin",
        "__main__",
    )
)
LEVEL = {name: level for level, names in enumerate(LAYERS) for name in names}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "compliance"


def imports(module: str) -> Iterator[str]:
    """The complint modules `module` imports, anywhere in its body."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from compliance.lint import baseline` imports the module compliance.lint.baseline.
            names = [
                f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names
            ]
        else:
            continue
        for name in names:
            while name and name not in MODULES:  # `import compliance.x.y` → the module
                name = name.rpartition(".")[0]
            if name and name != module:
                yield name


GRAPH = {module: sorted(set(imports(module))) for module in MODULES}


def test_every_module_has_a_layer() -> None:
    unplaced = sorted({layer(m) for m in MODULES} - LEVEL.keys())
    assert not unplaced, f"add these to LAYERS in tests/test_layers.py: {unplaced}"


def test_no_import_runs_back_up_the_layers() -> None:
    upward = [
        f"{module} → {target}"
        for module, targets in GRAPH.items()
        for target in targets
        if LEVEL[layer(target)] > LEVEL[layer(module)]
    ]
    assert not upward, "imports running back up:\n" + "\n".join(upward)


def test_top_level_modules_of_one_layer_do_not_import_each_other() -> None:
    # errors, atomic and version are peers; a peer import would make one of them a layer.
    sideways = [
        f"{module} → {target}"
        for module, targets in GRAPH.items()
        for target in targets
        if layer(module) != layer(target) and LEVEL[layer(target)] == LEVEL[layer(module)]
    ]
    assert not sideways, "\n".join(sideways)


def test_no_import_loops() -> None:
    # Tarjan's strongly connected components: any component of two or more is a loop.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    loops: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in GRAPH[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                loops.append(sorted(component))

    for module in GRAPH:
        if module not in index:
            visit(module)
    assert not loops, f"import loops: {loops}"


def test_the_shells_use_only_the_front_door() -> None:
    # The command line, the pytest plugin and the web page are shells over compliance.api
    # (or the package, which re-exports it): they may also format (compliance.output) and
    # read settings (compliance.config), nothing else. `complint serve` starts the web shell.
    allowed = {"api", "compliance", "output", "config", "constants"}
    # The command's Ctrl-C and TERM handling wraps everything it runs, `--version`
    # included, so cli takes it from compliance.lifecycle rather than the heavy front door.
    allowed_cli = {"lifecycle"}
    starts = {"cli": {"web"}}
    shells = [m for m in GRAPH if layer(m) in {"cli", "pytest_plugin", "web"}]
    assert {"compliance.cli", "compliance.pytest_plugin", "compliance.web.app"} <= set(shells)
    for shell in shells:
        own = {layer(shell), *starts.get(layer(shell), ())}
        if layer(shell) == "cli":
            own |= allowed_cli
        others = [t for t in GRAPH[shell] if layer(t) not in allowed | own]
        assert not others, f"{shell} imports {others}"


def test_the_graph_sees_imports() -> None:
    # The parser above must find real edges, or every other test here passes vacuously.
    assert "compliance.model.document" in GRAPH["compliance.readers.text"]
    assert "compliance.kinds" in GRAPH["compliance.lint.engine"]
    assert "compliance.api" in GRAPH["compliance.cli"]
