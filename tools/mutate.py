#!/usr/bin/env python3
"""Mutation testing: how many small wrong changes to kc's rules do the tests notice?

    .venv/bin/python tools/mutate.py                                  # the modules in MODULES, one worker
    .venv/bin/python tools/mutate.py --modules rules --lines 240-260  # one module, a range of lines
    .venv/bin/python tools/mutate.py --mutant rules:251:1 --tests tests/test_boundaries.py
    .venv/bin/python tools/mutate.py --modules dates --list           # the mutants, without running them

1. The project is copied to a scratch folder (one per worker). The copy's `src` comes first on PYTHONPATH,
   so the tests, and every `kc` process they start (the venv's console script, `python -m kc_tracker`),
   import the copy. The working tree is never written.
2. Mutants come from each module's syntax tree: comparisons flipped (< ↔ <=, == ↔ !=, in ↔ not in …),
   arithmetic swapped (+ ↔ -, * ↔ // …), integer constants ±1, True ↔ False, and ↔ or, `not x` → `x`,
   conditions negated, `return x` → `return None`, statements deleted. Docstrings, annotations,
   decorators, `if TYPE_CHECKING:` and strings (message keys, patterns) are left alone. A mutant is the
   module written back from its mutated tree (`ast.unparse`: the same code, without comments).
3. One run of the whole suite under coverage, each test in a context of its own (the `kc` processes a
   test starts too, through coverage's start-up hook), maps every line to the tests that execute it.
   A mutant runs only those tests, fastest first, stopping at the first failure. Killed: one a test fails
   on, one that runs ten times longer than those tests took, one that keeps pytest from collecting them (a
   deleted constant another module imports). One killed only after LATE_KILL seconds runs again and is
   killed only if a test fails again: with two workers, a slow test can fail now and then under load, and
   a survivor would pass for killed. What runs at import (module constants, class fields,
   default values) is mapped to the tests that run the lines using its name. A test that fails under
   coverage itself (one that lists a process's imports, or limits its file size) is named and left out.
   `--coverage-file F` keeps that map and reuses it while F exists (delete F after changing the tests).
4. Survivors listed in tools/mutation-equivalents.txt (mutants no input can tell apart from the code)
   are left out of the score; the others are printed, so that a new one stands out.

Prints a Markdown table of the score per module, then the survivors. To add a module, add its name to
MODULES (a module under src/kc_tracker, dotted for a subpackage: `cli.common`).
"""

import argparse
import ast
import copy
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import tokenize
import warnings
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from queue import Queue
from typing import Any

MODULES = ("money", "tally", "rules", "dates", "report", "cli.projects")
ROOT = Path(__file__).resolve().parents[1]
PACKAGE = Path("src") / "kc_tracker"
EQUIVALENTS = Path(__file__).with_name("mutation-equivalents.txt")
CONTEXT_VAR = "KC_MUTATION_TEST"  # the test a `kc` process runs for, as its coverage context
NOT_COPIED = {".git", ".venv", "__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".hypothesis", "dist",
              "build"}  # fmt: skip
PYTEST = ["-x", "-q", "-p", "no:cacheprovider", "-p", "no:randomly"]
TIMEOUT_FACTOR, TIMEOUT_MIN, UNTIMED = 10, 60.0, 30.0  # seconds; UNTIMED: a --tests argument, not measured
LATE_KILL = 10.0  # seconds: a mutant killed later than this is run again, and killed only if it fails again

# --- mutants ------------------------------------------------------------------------------------

SYMBOLS: dict[type, str] = {
    ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=", ast.In: "in",
    ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not", ast.Add: "+", ast.Sub: "-", ast.Mult: "*",
    ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%", ast.Pow: "**", ast.LShift: "<<", ast.RShift: ">>",
    ast.BitOr: "|", ast.BitAnd: "&", ast.And: "and", ast.Or: "or",
}  # fmt: skip
COMPARISONS: dict[type, type] = {
    ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq, ast.NotEq: ast.Eq,
    ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is,
}  # fmt: skip
ARITHMETIC: dict[type, type] = {
    ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.FloorDiv, ast.FloorDiv: ast.Mult, ast.Div: ast.Mult,
    ast.Mod: ast.FloorDiv, ast.Pow: ast.Mult, ast.LShift: ast.RShift, ast.RShift: ast.LShift,
    ast.BitOr: ast.BitAnd, ast.BitAnd: ast.BitOr,
}  # fmt: skip
DELETED = (ast.Expr, ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Raise, ast.Continue, ast.Break)

Change = Callable[[Any], ast.AST]  # from a copy of the node, the node that replaces it


@dataclass
class Scope:
    """Where a node is, for its key and for the tests that can tell it changed."""

    function: str = "<module>"  # the enclosing def or class, dotted
    at_call: bool = False  # inside a function's body: runs when it is called, not at import
    names: tuple[str, ...] = ()  # at import: the names whose users run it
    body: tuple[int, int] | None = None  # a def's defaults: the lines of its body
    statement: tuple[int, int] = (0, 0)  # the innermost statement's lines


@dataclass
class Site:
    node: ast.AST
    parent: ast.AST | None
    field: str
    index: int | None
    scope: Scope


def _is_docstring(node: ast.AST, parent: ast.AST | None, field: str, index: int | None) -> bool:
    return (
        index == 0
        and field == "body"
        and isinstance(parent, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )


def _skipped(node: ast.AST, field: str) -> bool:
    """Fields no mutant goes into: annotations, decorators and class bases (they configure, not compute)."""
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and field in ("returns", "decorator_list"):
        return True
    if isinstance(node, ast.ClassDef) and field in ("decorator_list", "bases", "keywords"):
        return True
    return isinstance(node, ast.arg | ast.AnnAssign) and field == "annotation"


def _is_type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _targets(node: ast.stmt) -> tuple[str, ...]:
    targets: list[ast.AST] = []
    if isinstance(node, ast.Assign):
        targets = list(node.targets)
    elif isinstance(node, ast.AnnAssign | ast.AugAssign):
        targets = [node.target]
    elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return (node.name,)
    return tuple(n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name))


def walk(tree: ast.Module) -> Iterator[Site]:
    """Every node a mutant may change, in an order that parsing the same text always gives again."""

    def visit(node: ast.AST, parent: ast.AST | None, field: str, index: int | None, scope: Scope) -> Iterator[Site]:
        if _is_docstring(node, parent, field, index) or _is_type_checking(node):
            return
        if isinstance(node, ast.stmt):
            end = node.end_lineno or node.lineno
            if not scope.at_call and scope.function == "<module>":
                scope = Scope(names=_targets(node), statement=(node.lineno, end))
            else:
                scope = Scope(scope.function, scope.at_call, scope.names, scope.body, (node.lineno, end))
        yield Site(node, parent, field, index, scope)
        for name, value in ast.iter_fields(node):
            if _skipped(node, name):
                continue
            inner = scope
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                dotted = node.name if scope.function == "<module>" else f"{scope.function}.{node.name}"
                if isinstance(node, ast.ClassDef):
                    names = scope.names if scope.at_call else (*scope.names, node.name)
                    inner = Scope(dotted, scope.at_call, names, None, scope.statement)
                elif name == "body":
                    inner = Scope(dotted, True, (), None, scope.statement)
                else:  # defaults run at import; the body's tests use them
                    body = (node.body[0].lineno, node.end_lineno or node.lineno)
                    inner = Scope(dotted, scope.at_call, scope.names, body, scope.statement)
            children = value if isinstance(value, list) else [value]
            for i, child in enumerate(children):
                if isinstance(child, ast.AST):
                    yield from visit(child, node, name, i if isinstance(value, list) else None, inner)

    yield from visit(tree, None, "", None, Scope())


def changes(node: ast.AST, parent: ast.AST | None) -> Iterator[tuple[str, Change]]:
    """(the mutation as the equivalents file names it, how to make it) for each mutant of one node."""
    if isinstance(node, ast.Compare):
        for i, op in enumerate(node.ops):
            if type(op) in COMPARISONS:
                new = COMPARISONS[type(op)]
                yield f"{SYMBOLS[type(op)]} → {SYMBOLS[new]}", _set_compare(i, new)
    elif isinstance(node, ast.BinOp | ast.AugAssign) and type(node.op) in ARITHMETIC:
        new = ARITHMETIC[type(node.op)]
        eq = "=" if isinstance(node, ast.AugAssign) else ""
        yield f"{SYMBOLS[type(node.op)]}{eq} → {SYMBOLS[new]}{eq}", _set_op(new)
    elif isinstance(node, ast.BoolOp):
        new = ast.Or if isinstance(node.op, ast.And) else ast.And
        yield f"{SYMBOLS[type(node.op)]} → {SYMBOLS[new]}", _set_op(new)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not | ast.USub):
        yield ("not x → x" if isinstance(node.op, ast.Not) else "-x → x"), lambda n: n.operand
    elif isinstance(node, ast.Constant) and isinstance(node.value, bool):
        yield f"{node.value} → {not node.value}", lambda n: ast.Constant(not n.value)
    elif isinstance(node, ast.Constant) and type(node.value) is int:
        value = node.value
        yield f"{value} → {value + 1}", lambda n: ast.Constant(n.value + 1)
        yield f"{value} → {value - 1}", lambda n: ast.Constant(n.value - 1)
    if isinstance(node, ast.If | ast.While | ast.IfExp) and not _flips_already(node.test):
        yield "negate condition", _negate
    if isinstance(node, ast.Return) and node.value is not None and not _is_none(node.value):
        yield "return None", lambda n: ast.Return(value=ast.Constant(None))
    if isinstance(node, DELETED) and not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)):
        if not (isinstance(node, ast.AnnAssign) and node.value is None):
            yield "delete statement", lambda n: ast.Pass()


def _flips_already(test: ast.expr) -> bool:
    """`not x` and `a == b` (in, is) have a mutant that is their negation already."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return True
    complements = (ast.Eq, ast.NotEq, ast.In, ast.NotIn, ast.Is, ast.IsNot)
    return isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], complements)


def _is_none(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _set_compare(i: int, new: type) -> Change:
    def change(node: ast.Compare) -> ast.AST:
        node.ops[i] = new()
        return node

    return change


def _set_op(new: type) -> Change:
    def change(node: ast.BinOp | ast.AugAssign | ast.BoolOp) -> ast.AST:
        node.op = new()
        return node

    return change


def _negate(node: ast.If | ast.While | ast.IfExp) -> ast.AST:
    node.test = ast.UnaryOp(op=ast.Not(), operand=node.test)
    return node


def _shown(node: ast.AST) -> str:
    """A node as one short line: a statement's first line, an `if` by its condition."""
    if isinstance(node, ast.If | ast.While | ast.IfExp):
        node = node.test
    text = ast.unparse(node).splitlines()[0]
    return text if len(text) <= 100 else text[:97] + "…"


@dataclass(frozen=True)
class Mutant:
    module: str
    line: int
    number: int  # the mutant's number among those of its line
    function: str
    mutation: str  # "< → <=", with "#2" when it applies twice on the line
    source: str  # the line as written, spaces collapsed
    before: str
    after: str
    site: int  # the node's place in `walk`
    change: int  # which of the node's `changes`
    scope: Scope = field(compare=False)

    @property
    def id(self) -> str:
        return f"{self.module}:{self.line}:{self.number}"

    @property
    def key(self) -> tuple[str, str, str]:
        """What identifies it across unrelated edits: where, what, and the line's text (not its number)."""
        return f"{self.module}.{self.function}", self.mutation, self.source


def module_path(root: Path, module: str) -> Path:
    return root / PACKAGE / (module.replace(".", "/") + ".py")


def code_lines(text: str) -> list[str]:
    """Each line without its comment, spaces collapsed: what a key quotes, so that editing a comment
    leaves it as it was."""
    lines = text.splitlines()
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type == tokenize.COMMENT:
            row, col = token.start
            lines[row - 1] = lines[row - 1][:col]
    return [" ".join(line.split()) for line in lines]


def mutants_of(module: str, text: str) -> list[Mutant]:
    lines = code_lines(text)
    found: list[Mutant] = []
    per_line: Counter[int] = Counter()
    same: Counter[tuple[int, str]] = Counter()
    for number, site in enumerate(walk(ast.parse(text))):
        for which, (mutation, change) in enumerate(changes(site.node, site.parent)):
            line = getattr(site.node, "lineno", 0)
            same[(line, mutation)] += 1
            per_line[line] += 1
            before = _shown(site.node)
            after = _shown(change(copy.deepcopy(site.node)))
            if same[(line, mutation)] > 1:
                mutation += f" #{same[(line, mutation)]}"
            source = lines[line - 1]
            number_in_line = per_line[line]
            found.append(Mutant(module, line, number_in_line, site.scope.function, mutation, source, before, after,
                                number, which, site.scope))  # fmt: skip
    return found


def mutated(text: str, mutant: Mutant) -> str:
    """The module's text with the one change of `mutant`, from a fresh tree."""
    tree = ast.parse(text)
    site = next(s for i, s in enumerate(walk(tree)) if i == mutant.site)
    _, change = list(changes(site.node, site.parent))[mutant.change]
    new = change(site.node)
    if site.parent is None:
        raise ValueError(mutant.id)
    if site.index is None:
        setattr(site.parent, site.field, new)
    else:
        getattr(site.parent, site.field)[site.index] = new
    return ast.unparse(tree) + "\n"


# --- equivalents --------------------------------------------------------------------------------

EQUIVALENT = re.compile(r"^(?P<where>[\w.<>]+) \| (?P<mutation>.+?) \| `(?P<source>.*)` \| (?P<why>.+)$")


def equivalent_key(mutant: Mutant) -> str:
    where, mutation, source = mutant.key
    return f"{where} | {mutation} | `{source}`"


def read_equivalents(path: Path) -> dict[tuple[str, str, str], str]:
    """`module.function | mutation | `source line` | why`, one per line; # starts a comment."""
    found: dict[tuple[str, str, str], str] = {}
    if not path.exists():
        return found
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = EQUIVALENT.match(line)
        if match is None:
            raise SystemExit(f"{path}:{number}: expected `module.function | mutation | `source` | why`")
        found[(match["where"], match["mutation"], " ".join(match["source"].split()))] = match["why"]
    return found


# --- the scratch copy ---------------------------------------------------------------------------


def copy_project(target: Path) -> Path:
    def ignore(folder: str, names: list[str]) -> set[str]:
        return {n for n in names if n in NOT_COPIED or n.endswith(".egg-info")}

    shutil.copytree(ROOT, target, ignore=ignore, symlinks=True)
    return target


def basetemp(scratch: Path) -> list[str]:
    """The tests' tmp_path under the worker's own folder: no shared pytest counter, and a path shorter than
    pytest's own (a test's ledger path shows in the footer of an 80-column table)."""
    return [f"--basetemp={scratch / 't'}"]


def environment(scratch: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(scratch / "src"), env.get("PYTHONPATH")]))
    for name in ("COVERAGE_PROCESS_START", "COVERAGE_PROCESS_CONFIG", CONTEXT_VAR):
        env.pop(name, None)
    return env


def check_imports_copy(scratch: Path) -> None:
    found = subprocess.run(
        [sys.executable, "-c", "import kc_tracker; print(kc_tracker.__file__)"],
        env=environment(scratch),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not Path(found).resolve().is_relative_to(scratch.resolve()):
        raise SystemExit(f"kc_tracker is imported from {found}, not from the scratch copy {scratch}")


# --- coverage: which tests run which line -------------------------------------------------------


class ContextPerTest:
    """A pytest plugin for the coverage run: each test in its own coverage context (and the `kc`
    processes it starts, through CONTEXT_VAR), its duration, and whether it failed."""

    def __init__(self, out: Path, rcfile: Path) -> None:
        self.out, self.rcfile = out, rcfile
        self.durations: Counter[str] = Counter()
        self.failed: set[str] = set()

    def pytest_configure(self) -> None:
        os.environ["COVERAGE_PROCESS_START"] = str(self.rcfile)  # for the processes tests start

    def pytest_runtest_logstart(self, nodeid: str) -> None:  # before the test's fixtures are set up
        import coverage

        os.environ[CONTEXT_VAR] = nodeid
        current = coverage.Coverage.current()
        if current is not None:
            current.switch_context(nodeid)

    def pytest_runtest_logreport(self, report: Any) -> None:
        self.durations[report.nodeid] += report.duration
        if report.failed:
            self.failed.add(report.nodeid)

    def pytest_sessionfinish(self) -> None:
        data = {"durations": dict(self.durations), "failed": sorted(self.failed)}
        self.out.write_text(json.dumps(data), encoding="utf-8")


def _contexts_run(out: str, rcfile: str, args: list[str]) -> int:
    """Run inside `coverage run`: the suite with one context per test."""
    import pytest

    plugin = ContextPerTest(Path(out), Path(rcfile))
    return int(pytest.main([*args, "-q", "-p", "no:cacheprovider", *basetemp(Path.cwd())], plugins=[plugin]))


@dataclass
class Coverage:
    """Which tests run which line. Files are named from the project's root (`src/kc_tracker/money.py`)."""

    lines: dict[str, dict[int, set[str]]]  # file → line → tests
    durations: dict[str, float]
    failed: set[str]
    starts: dict[str, dict[int, int]] = field(default_factory=dict)  # file → line → its statement's first
    texts: dict[str, list[str]] = field(default_factory=dict)  # file → its lines
    imports: dict[str, dict[int, "AtImport"]] = field(default_factory=dict)  # file → line run at import → …
    using: dict[str, set[str]] = field(default_factory=dict)  # name → tests (tests_using, once per name)

    def save(self, path: Path) -> None:
        lines = {file: {str(n): sorted(tests) for n, tests in by_line.items()} for file, by_line in self.lines.items()}
        data = {"lines": lines, "durations": self.durations, "failed": sorted(self.failed)}
        path.write_text(json.dumps(data), encoding="utf-8")

    @classmethod
    def load(cls, path: Path, root: Path) -> "Coverage":
        data = json.loads(path.read_text(encoding="utf-8"))
        lines = {file: {int(n): set(tests) for n, tests in by_line.items()} for file, by_line in data["lines"].items()}
        return cls.of(root, lines, data["durations"], set(data["failed"]))

    @classmethod
    def of(cls, root: Path, lines: dict[str, dict[int, set[str]]], durations: dict[str, float], failed: set[str]
           ) -> "Coverage":  # fmt: skip
        files = sorted(p.relative_to(root).as_posix() for p in (root / PACKAGE).rglob("*.py"))
        texts = {file: (root / file).read_text(encoding="utf-8").splitlines() for file in files}
        starts = {file: statement_starts("\n".join(text)) for file, text in texts.items()}
        imports = {file: run_at_import("\n".join(text)) for file, text in texts.items()}
        return cls(lines, durations, failed, starts, texts, imports)

    def tests_on(self, path: str, first: int, last: int) -> set[str]:
        starts, lines = self.starts.get(path, {}), self.lines.get(path, {})
        found: set[str] = set()
        for line in {starts.get(n, n) for n in range(first, last + 1)}:
            found |= lines.get(line, set())
        return found

    def tests_using(self, name: str, seen: set[str] | None = None) -> set[str]:
        """The tests that run a line naming `name` anywhere in the package. A line that runs at import
        passes it on: a constant to the lines naming that constant, a default value to its function's body."""
        if name in self.using:
            return self.using[name]
        first, seen = seen is None, seen or set()
        seen.add(name)
        word = re.compile(rf"\b{re.escape(name)}\b")
        found: set[str] = set()
        for file, lines in self.texts.items():
            for number, text in enumerate(lines, start=1):
                if not word.search(text):
                    continue
                found |= self.tests_on(file, number, number)
                at_import = self.imports[file].get(number)
                if at_import is not None:
                    found |= self.tests_on(file, *at_import.body) if at_import.body else set()
                    for other in set(at_import.names) - seen:
                        found |= self.tests_using(other, seen)
        if first:
            self.using[name] = found
        return found


@dataclass(frozen=True)
class AtImport:
    """A line that runs at import: whose tests run what it defines."""

    names: tuple[str, ...] = ()  # a constant's or a class's: the lines naming them use it
    body: tuple[int, int] | None = None  # a def's signature (its defaults): the lines of its body


def run_at_import(text: str) -> dict[int, AtImport]:
    """Module constants, class fields and defs' signatures, line by line."""
    found: dict[int, AtImport] = {}

    def mark(node: ast.stmt, what: AtImport) -> None:
        for line in range(node.lineno, (node.end_lineno or node.lineno) + 1):
            found[line] = what

    def signature(node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        body = AtImport(body=(node.body[0].lineno, node.end_lineno or node.lineno))
        for line in range(node.lineno, node.body[0].lineno):
            found[line] = body

    for node in ast.parse(text).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            signature(node)
        elif isinstance(node, ast.ClassDef):
            for child in node.body:
                if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                    signature(child)
                else:
                    mark(child, AtImport(names=(node.name,)))
        elif isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            mark(node, AtImport(names=_targets(node)))
    return found


def statement_starts(text: str) -> dict[int, int]:
    """Line → the first line of the innermost statement holding it (what coverage records)."""
    starts: dict[int, int] = {}
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.stmt):
            body = [getattr(node, name, None) for name in ("body", "orelse", "finalbody", "handlers")]
            inner = [child for part in body if isinstance(part, list) for child in part if isinstance(child, ast.AST)]
            last = min((getattr(c, "lineno", 10**9) for c in inner), default=(node.end_lineno or node.lineno) + 1)
            for line in range(node.lineno, max(last, node.lineno + 1)):
                if line not in starts or starts[line] < node.lineno:
                    starts[line] = node.lineno
    return starts


def measure(scratch: Path) -> Coverage:
    """One run of the suite under coverage, every test in its own context."""
    work = Path(tempfile.mkdtemp(prefix="coverage-", dir=scratch))
    rcfile, out = work / "coveragerc", work / "tests.json"
    rcfile.write_text(
        "[run]\n"
        f"data_file = {work / '.coverage'}\n"
        "parallel = true\n"
        f"source = {scratch / PACKAGE}\n"
        f"context = ${{{CONTEXT_VAR}}}\n"
        "disable_warnings = no-data-collected, module-not-imported, module-not-measured\n",
        encoding="utf-8",
    )
    hook = work / "hook"  # the processes tests start measure themselves (again, by coverage's .pth: a no-op)
    hook.mkdir()
    (hook / "sitecustomize.py").write_text("import coverage\n\ncoverage.process_startup()\n", encoding="utf-8")
    env = environment(scratch)
    env["PYTHONPATH"] = os.pathsep.join([str(hook), env["PYTHONPATH"]])
    command = [sys.executable, "-m", "coverage", "run", f"--rcfile={rcfile}", str(Path(__file__).resolve()),
               "--contexts-run", str(out), str(rcfile)]  # fmt: skip
    print("Coverage run of the whole suite (a few minutes) …", file=sys.stderr)
    done = subprocess.run(command, cwd=scratch, env=env, stdout=subprocess.DEVNULL)
    if not out.exists():
        raise SystemExit(f"the coverage run ended without results (exit {done.returncode})")
    import coverage

    combined = coverage.Coverage(data_file=str(work / ".coverage"), config_file=str(rcfile))
    with warnings.catch_warnings():  # the data of a `kc` a test killed with SIGKILL is cut short: left out
        warnings.simplefilter("ignore")
        combined.combine(data_paths=[str(work)], keep=False)
    data = combined.get_data()
    lines: dict[str, dict[int, set[str]]] = {}
    for name in data.measured_files():
        by_line = data.contexts_by_lineno(name)
        file = Path(name).resolve().relative_to(scratch.resolve()).as_posix()
        lines[file] = {n: {c for c in contexts if c} for n, contexts in by_line.items()}
    results = json.loads(out.read_text(encoding="utf-8"))
    shutil.rmtree(work, ignore_errors=True)
    return Coverage.of(scratch, lines, results["durations"], set(results["failed"]))


def chosen_tests(mutant: Mutant, cover: Coverage) -> set[str]:
    path = module_path(Path(), mutant.module).as_posix()
    scope = mutant.scope
    if scope.at_call:
        found = cover.tests_on(path, *scope.statement)
    else:
        found = cover.tests_on(path, *scope.body) if scope.body else set()
        for name in scope.names:
            found |= cover.tests_using(name)
    return found - cover.failed


# --- running mutants ----------------------------------------------------------------------------


@dataclass
class Result:
    mutant: Mutant
    outcome: str  # killed | survived | timeout | untested | error
    seconds: float
    tests: int


def _forget_bytecode(path: Path) -> None:
    """A mutant and the next can have the same size in the same second: never let Python reuse a .pyc."""
    for cached in (path.parent / "__pycache__").glob(f"{path.stem}.*.pyc"):
        cached.unlink(missing_ok=True)


class Running:
    """The test processes running now, so that an interruption ends them and the mutants not begun."""

    def __init__(self) -> None:
        self.lock, self.stopped = threading.Lock(), threading.Event()
        self.processes: set[subprocess.Popen[bytes]] = set()

    def start(self, command: list[str], scratch: Path) -> subprocess.Popen[bytes]:
        with self.lock:
            if self.stopped.is_set():
                raise KeyboardInterrupt
            process = subprocess.Popen(
                command,
                cwd=scratch,
                env=environment(scratch),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # its group holds the `kc` processes a test starts too
            )
            self.processes.add(process)
            return process

    def end(self, process: subprocess.Popen[bytes]) -> None:
        with self.lock:
            self.processes.discard(process)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def stop(self) -> None:
        self.stopped.set()
        with self.lock:
            running = list(self.processes)
        for process in running:
            self.end(process)


def run_mutant(mutant: Mutant, scratch: Path, tests: list[str], budget: float, running: Running) -> Result:
    started = time.monotonic()
    if not tests:
        return Result(mutant, "untested", 0.0, 0)
    path = module_path(scratch, mutant.module)
    original = path.read_bytes()
    try:
        path.write_text(mutated(original.decode("utf-8"), mutant), encoding="utf-8")
        _forget_bytecode(path)
        outcome = _run_tests(scratch, tests, budget, running)
        if outcome == "killed" and time.monotonic() - started > LATE_KILL:  # a test that fails only now and then
            outcome = _run_tests(scratch, tests, budget, running)  # under load must fail again to kill it
    finally:
        path.write_bytes(original)
        _forget_bytecode(path)
    if outcome == "uncollected":  # pytest ran none of the tests: the mutant broke their import, or they are
        outcome = "killed" if _collected(scratch, tests) else "error"  # not tests (a mistyped --tests)
    return Result(mutant, outcome, time.monotonic() - started, len(tests))


def _run_tests(scratch: Path, tests: list[str], budget: float, running: Running) -> str:
    process = running.start([sys.executable, "-m", "pytest", *PYTEST, *basetemp(scratch), *tests], scratch)
    try:
        code = process.wait(timeout=budget)
        return {0: "survived", 4: "uncollected", 5: "uncollected"}.get(code, "killed")
    except subprocess.TimeoutExpired:
        return "timeout"
    finally:
        running.end(process)


def _collected(scratch: Path, tests: list[str]) -> bool:
    """Does pytest find every one of these tests in the copy (as written, no mutant)?"""
    command = [sys.executable, "-m", "pytest", "--collect-only", *PYTEST, *tests]
    return subprocess.run(command, cwd=scratch, env=environment(scratch), capture_output=True).returncode == 0


def run_all(mutants: list[Mutant], scratches: list[Path], plan: dict[str, list[str]], cover: Coverage) -> list[Result]:
    free: Queue[Path] = Queue()
    for scratch in scratches:
        free.put(scratch)
    lock, done, running = threading.Lock(), [0], Running()

    def one(mutant: Mutant) -> Result:
        tests = plan[mutant.id]
        budget = max(TIMEOUT_MIN, TIMEOUT_FACTOR * sum(cover.durations.get(t, UNTIMED) for t in tests))
        scratch = free.get()
        try:
            result = run_mutant(mutant, scratch, tests, budget, running)
        finally:
            free.put(scratch)
        with lock:
            done[0] += 1
            print(f"[{done[0]}/{len(mutants)}] {result.outcome:8} {mutant.id:16} {mutant.mutation:18} "
                  f"{result.tests:4} tests {result.seconds:6.1f} s", file=sys.stderr, flush=True)  # fmt: skip
        return result

    pool = ThreadPoolExecutor(max_workers=len(scratches))
    try:
        return list(pool.map(one, mutants))
    except KeyboardInterrupt:
        running.stop()
        raise
    finally:
        pool.shutdown(cancel_futures=True)


# --- the report ---------------------------------------------------------------------------------


def report(results: list[Result], equivalents: dict[tuple[str, str, str], str], whole: set[str]) -> str:
    rows = ["| module | mutants | killed | survived | equivalent (listed) | score |",
            "|---|---:|---:|---:|---:|---:|"]  # fmt: skip
    by_module: dict[str, list[Result]] = defaultdict(list)
    for result in results:
        by_module[result.mutant.module].append(result)
    totals = Counter[str]()
    for module, found in by_module.items():
        killed = sum(r.outcome in ("killed", "timeout") for r in found)
        listed = sum(r.outcome not in ("killed", "timeout") and r.mutant.key in equivalents for r in found)
        survived = len(found) - killed - listed
        totals.update(mutants=len(found), killed=killed, survived=survived, listed=listed)
        rows.append(f"| {module} | {len(found)} | {killed} | {survived} | {listed} | {_score(killed, survived)} |")
    if len(by_module) > 1:
        rows.append(f"| **all** | {totals['mutants']} | {totals['killed']} | {totals['survived']} | "
                    f"{totals['listed']} | {_score(totals['killed'], totals['survived'])} |")  # fmt: skip
    out = ["\n".join(rows)]
    survivors = [r for r in results if r.outcome in ("survived", "untested") and r.mutant.key not in equivalents]
    if survivors:
        out.append(f"Survivors not in {EQUIVALENTS.relative_to(ROOT)} ({len(survivors)}):")
        for r in survivors:
            m = r.mutant
            untested = "  (no test runs this line)" if r.outcome == "untested" else ""
            out.append(f"- {m.module}:{m.line} {m.mutation} in {m.function} [{m.id}]{untested}\n      {m.source}\n"
                       f"      {m.before}  →  {m.after}\n      {equivalent_key(m)} | WHY")  # fmt: skip
    errors = [r.mutant.id for r in results if r.outcome == "error"]
    if errors:
        out.append(f"Not run (pytest found no test to run; check --tests): {', '.join(errors)}")
    wrongly = [r.mutant for r in results if r.outcome in ("killed", "timeout") and r.mutant.key in equivalents]
    if wrongly:
        out.append("Listed as equivalent, yet a test kills them (remove them from the list):")
        out += [f"- {equivalent_key(m)}" for m in wrongly]
    seen = {r.mutant.key for r in results}
    stale = [key for key in equivalents if any(key[0].startswith(f"{m}.") for m in whole) and key not in seen]
    if stale:
        out.append("Listed as equivalent, but no such mutant any more (remove them from the list):")
        out += [f"- {where} | {mutation} | `{source}`" for where, mutation, source in stale]
    return "\n\n".join(out)


def _score(killed: int, survived: int) -> str:
    counted = killed + survived
    return f"{100 * killed / counted:.1f}%" if counted else "—"


# --- command line -------------------------------------------------------------------------------


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--modules", default=",".join(MODULES), help="comma-separated, e.g. money,rules")
    parser.add_argument("--lines", help="a line or range of lines (A-B) of the one module given")
    parser.add_argument("--mutant", action="append", default=[], help="a mutant id, e.g. rules:251:1 (repeatable)")
    parser.add_argument("--tests", nargs="+", help="run every mutant against these tests (no coverage run)")
    parser.add_argument("--workers", type=int, default=1, help="mutants run at once (default 1)")
    parser.add_argument("--list", action="store_true", help="list the mutants and the key of each; run nothing")
    parser.add_argument(
        "--coverage-file",
        type=Path,
        help="keep the map of which tests run which line in this file, and reuse it while it exists "
        "(delete it after a change to the tests or the code)",
    )
    return parser.parse_args(argv)


def select(args: argparse.Namespace) -> tuple[list[Mutant], set[str]]:
    """The mutants asked for, and the modules whose every mutant is among them (for stale equivalents)."""
    modules = [m.strip() for m in args.modules.split(",") if m.strip()]
    if args.mutant:
        modules = sorted({m.split(":")[0] for m in args.mutant})
    found: list[Mutant] = []
    for module in modules:
        path = module_path(ROOT, module)
        if not path.is_file():
            raise SystemExit(f"no module {module} ({path})")
        found += mutants_of(module, path.read_text(encoding="utf-8"))
    whole = set(modules)
    if args.lines:
        if len(modules) != 1:
            raise SystemExit("--lines needs exactly one module (--modules NAME)")
        first, _, last = args.lines.partition("-")
        found = [m for m in found if int(first) <= m.line <= int(last or first)]
        whole = set()
    if args.mutant:
        wanted = set(args.mutant)
        found = [m for m in found if m.id in wanted]
        if missing := wanted - {m.id for m in found}:
            raise SystemExit(f"no such mutant: {', '.join(sorted(missing))}")
        whole = set()
    return found, whole


def main(argv: Sequence[str]) -> int:
    if argv[:1] == ["--contexts-run"]:
        return _contexts_run(argv[1], argv[2], list(argv[3:]))
    args = parse_args(argv)
    mutants, whole = select(args)
    equivalents = read_equivalents(EQUIVALENTS)
    if args.list:
        for m in mutants:
            print(f"{m.id:16} {m.before}  →  {m.after}\n{'':16} {equivalent_key(m)}")
        return 0
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="kcm-") as folder:  # short: see basetemp
        scratches = [copy_project(Path(folder) / str(n)) for n in range(max(1, args.workers))]
        check_imports_copy(scratches[0])
        if args.tests:
            cover = Coverage({}, {}, set())
            plan = {m.id: list(args.tests) for m in mutants}
        else:
            if args.coverage_file and args.coverage_file.exists():
                cover = Coverage.load(args.coverage_file, scratches[0])
            else:
                cover = measure(scratches[0])
                if args.coverage_file:
                    cover.save(args.coverage_file)
            if cover.failed:
                failed = ", ".join(sorted(cover.failed))
                print(f"Failing under coverage, so run for no mutant: {failed}", file=sys.stderr)
            plan = {m.id: sorted(chosen_tests(m, cover), key=lambda t: (cover.durations.get(t, 0), t)) for m in mutants}
        try:
            results = run_all(mutants, scratches, plan, cover)
        except KeyboardInterrupt:
            print("Interrupted: no score.", file=sys.stderr)
            return 130
    print(report(results, equivalents, whole))
    minutes = (time.monotonic() - started) / 60
    print(f"\n{len(results)} mutants in {minutes:.0f} min with {len(scratches)} worker(s).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
