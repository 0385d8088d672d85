"""The typing suite: what mypy (with and without transom's plugin) and
pyright say about code that uses transom.

Two kinds of input:

- ``tests/type_check/*.py`` and ``examples/`` must pass all three checkers
  (their ``assert_type`` calls are the assertions).
- ``tests/mypy/*.test`` hold cases that must fail, each with the exact
  output expected from each checker::

      [case verb_returns_int] A verb method returns what is not a response
      from transom import App, View
      ...
      [out mypy]
      main:7: error: Signature of "get" incompatible with supertype ...  [override]
      [out plugin]
      ...
      [out pyright]
      main:7: error: Method "get" overrides class "View" ...  [reportIncompatibleMethodOverride]

  ``main`` stands for the case's file. ``[out plugin]`` may be left out when
  the plugin adds nothing to plain mypy's output; an empty section means
  "no diagnostics". mypy's lines are its output as printed, notes included;
  pyright's are the first line of each error's message, then its rule.
  The text after a case's name says the mistake, for the table of
  docs/typing.md, which tests/typing_table.py builds from the cases.

Each checker runs once over every case, at the same time as the others,
so the suite costs three checker runs however many cases there are. Plain
mypy keeps its cache in ``.mypy_cache/transom-typing/`` so that only what
changed is checked again on the next run. The plugin runs twice on one
cache of its own: first cold, then warm, after a comment is added to every
case, so each case module is checked again against modules (transom, the
must-pass files) that mypy now loads from its cache, which keeps far less
of them than their syntax tree. Both runs must say the same.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import types
import typing as t
from pathlib import Path

import pytest

from transom import TransomError

ROOT = Path(__file__).resolve().parent.parent
CASES_DIR = ROOT / "tests" / "mypy"
MUST_PASS = [ROOT / "tests" / "type_check", ROOT / "examples"]
CHECKERS = ("mypy", "plugin", "pyright")
WORKDIR = ROOT / ".mypy_cache" / "transom-typing"
"""Where the cases are written and checked, and mypy's caches for them."""

_MYPY_SETTINGS = """\
[mypy]
python_version = 3.11
strict = True
warn_unreachable = True
enable_error_code = ignore-without-code, possibly-undefined, redundant-expr, truthy-bool
cache_dir = {cache_dir}
{plugins}
"""
"""What a strict user's mypy configuration says; the plugin run adds the
plugin, without settings (tests/test_typing_plugin.py tries them)."""

_MYPY_LINE = re.compile(
    r"^(?P<path>[^:\s][^:]*):(?P<line>\d+): (?P<rest>(error|note): .*)$"
)


@dataclasses.dataclass(frozen=True)
class Case:
    """One must-fail case of a ``tests/mypy/*.test`` file."""

    name: str
    source: str
    expected: dict[str, list[str]]
    where: str
    """``file.test:line``, for failure messages."""
    mistake: str
    """What the case gets wrong, in words (the row of the docs' table)."""

    @property
    def module(self) -> str:
        return f"case_{self.name}"


def parse_cases(path: Path) -> list[Case]:
    """Read the cases of one ``.test`` file."""
    cases: list[Case] = []
    name: str | None = None
    mistake = ""
    start = 0
    section = "source"
    sections: dict[str, list[str]] = {}

    def finish() -> None:
        if name is None:
            return
        outputs = {k: v for k, v in sections.items() if k != "source"}
        missing = {"mypy", "pyright"} - set(outputs)
        if missing:
            raise ValueError(
                f"{path.name}:{start}: case {name!r} has no [out {min(missing)}]"
            )
        outputs.setdefault("plugin", outputs["mypy"])
        cases.append(
            Case(
                name,
                "\n".join(sections["source"]) + "\n",
                {k: [line for line in v if line.strip()] for k, v in outputs.items()},
                f"{path.relative_to(ROOT)}:{start}",
                mistake,
            )
        )

    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        header = re.fullmatch(r"\[(case|out) ([a-z_0-9]+)\](?: (.+))?", line.strip())
        if header is not None and header[1] == "case":
            finish()
            name, start, section = header[2], number, "source"
            if not header[3]:
                raise ValueError(f"{path.name}:{number}: case {name!r} says no mistake")
            mistake = header[3]
            sections = {"source": []}
        elif header is not None:
            if header[2] not in CHECKERS or header[3]:
                raise ValueError(f"{path.name}:{number}: unknown checker {header[2]!r}")
            section = header[2]
            sections[section] = []
        elif name is not None:
            sections[section].append(line.rstrip())
        elif line.strip() and not line.startswith("--"):
            raise ValueError(f"{path.name}:{number}: text before the first [case]")
    finish()
    return cases


def all_cases() -> list[Case]:
    cases = [c for path in sorted(CASES_DIR.glob("*.test")) for c in parse_cases(path)]
    names = [c.name for c in cases]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise ValueError(f"case names used twice: {sorted(duplicates)}")
    return cases


CASES = all_cases()


@dataclasses.dataclass
class Results:
    """Each checker's diagnostics, by case module (or must-pass file)."""

    by_checker: dict[str, dict[str, list[str]]]
    raw: dict[str, str]
    """Each checker's whole output, for failure messages."""
    warm_plugin: str
    """The plugin's output on its second run, with a warm cache."""


def _must_pass_files() -> list[Path]:
    return sorted(p for d in MUST_PASS for p in d.rglob("*.py"))


def _start_mypy(
    files: list[Path], plugin: bool, cache_dir: Path
) -> subprocess.Popen[str]:
    name = "plugin" if plugin else "plain"
    config = WORKDIR / f"mypy-{name}.ini"
    settings = _MYPY_SETTINGS.format(
        cache_dir=cache_dir, plugins="plugins = transom.mypy" if plugin else ""
    )
    _write(config, settings)
    return subprocess.Popen(
        [sys.executable, "-m", "mypy", "--config-file", str(config)]
        + ["--no-error-summary", "--hide-error-context", "--no-pretty"]
        + [str(f) for f in files],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _start_pyright(files: list[Path]) -> subprocess.Popen[str]:
    pyright = shutil.which("pyright", path=os.path.dirname(sys.executable))
    if pyright is None:
        pytest.fail("pyright is not installed; install the project with '.[dev]'")
    config = WORKDIR / "pyrightconfig.json"
    settings = {
        "include": [os.path.relpath(f, WORKDIR) for f in files],
        "extraPaths": [os.path.relpath(ROOT, WORKDIR)],  # examples.*, tests.*
        "typeCheckingMode": "strict",
        "pythonVersion": "3.11",
        "reportMissingModuleSource": False,
    }
    _write(config, json.dumps(settings, indent=1))
    # --pythonpath: the environment running the tests, whatever is on PATH.
    return subprocess.Popen(
        [pyright, "--outputjson", "--pythonpath", sys.executable, "-p", str(config)],
        cwd=WORKDIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _key(path: str, modules: dict[Path, str]) -> str:
    resolved = Path(path) if os.path.isabs(path) else ROOT / path
    return modules.get(resolved.resolve(), str(path))


def _parse_mypy(output: str, modules: dict[Path, str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in output.splitlines():
        match = _MYPY_LINE.match(line)
        if match is None:
            raise AssertionError(
                f"mypy printed a line the suite cannot read:\n{output}"
            )
        key = _key(match["path"], modules)
        found.setdefault(key, []).append(f"main:{match['line']}: {match['rest']}")
    return found


def _parse_pyright(output: str, modules: dict[Path, str]) -> dict[str, list[str]]:
    try:
        report: dict[str, t.Any] = json.loads(output)
    except json.JSONDecodeError:
        raise AssertionError(f"pyright printed no JSON report:\n{output}") from None
    found: dict[str, list[str]] = {}
    for diagnostic in report["generalDiagnostics"]:
        if diagnostic["severity"] not in ("error", "warning"):
            continue
        line = diagnostic["range"]["start"]["line"] + 1
        message = diagnostic["message"].splitlines()[0]
        rule = diagnostic.get("rule", "")
        found.setdefault(_key(diagnostic["file"], modules), []).append(
            f"main:{line}: {diagnostic['severity']}: {message}  [{rule}]"
        )
    return found


def _write(path: Path, text: str) -> None:
    """Write ``text`` unless the file holds it already, atomically: another
    test session may be reading the same file."""
    if path.exists() and path.read_text("utf-8") == text:
        return
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_text(text, "utf-8")
    os.replace(partial, path)


@pytest.fixture(scope="module")
def results() -> Results:
    """Run the three checkers, at once, over every case and must-pass file."""
    # The cases live at fixed paths next to mypy's cache: mypy reports a
    # cached module's errors with the path it had, so a fresh directory per
    # run would mix runs up.
    WORKDIR.mkdir(parents=True, exist_ok=True)
    modules: dict[Path, str] = {}
    for case in CASES:
        path = WORKDIR / f"{case.module}.py"
        _write(path, case.source)
        modules[path.resolve()] = case.module
    for stale in set(WORKDIR.glob("case_*.py")) - set(modules):
        stale.unlink(missing_ok=True)
    must_pass = _must_pass_files()
    for path in must_pass:
        modules[path.resolve()] = str(path.relative_to(ROOT))
    files = sorted(modules)
    with tempfile.TemporaryDirectory(dir=WORKDIR, prefix="cache-plugin-") as cache:
        running = {
            "mypy": _start_mypy(files, plugin=False, cache_dir=WORKDIR / "cache-plain"),
            "plugin": _start_mypy(files, plugin=True, cache_dir=Path(cache)),
            "pyright": _start_pyright(files),
        }
        try:
            raw = {c: _finish(c, p) for c, p in running.items()}
        finally:
            for process in running.values():
                if process.poll() is None:
                    process.kill()
                    process.communicate()
        # Every case changes (a comment at its end), so mypy checks it again
        # with what it depends on loaded from the cache of the first run.
        for case in CASES:
            _write(WORKDIR / f"{case.module}.py", case.source + _WARM_COMMENT)
        warm = _finish("plugin", _start_mypy(files, plugin=True, cache_dir=Path(cache)))
    by_checker = {
        checker: _parse_pyright(output, modules)
        if checker == "pyright"
        else _parse_mypy(output, modules)
        for checker, output in raw.items()
    }
    return Results(by_checker, raw, warm)


_WARM_COMMENT = "# checked again, on a warm cache\n"


def _finish(checker: str, process: subprocess.Popen[str]) -> str:
    """The checker's output; mypy's alone, as pyright reports in JSON."""
    stdout, stderr = process.communicate(timeout=600)
    if checker != "pyright" and (
        process.returncode not in (0, 1) or "INTERNAL ERROR" in stdout
    ):
        raise AssertionError(f"{checker} crashed:\n{stdout}{stderr or ''}")
    return stdout


@pytest.mark.parametrize("checker", CHECKERS)
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case: Case, checker: str, results: Results) -> None:
    """The case gives exactly the expected diagnostics."""
    actual = results.by_checker[checker].get(case.module, [])
    expected = case.expected[checker]
    assert actual == expected, (
        f"{case.where}: [out {checker}] differs.\n"
        "expected:\n  " + "\n  ".join(expected) + "\n"
        "actual:\n  " + "\n  ".join(actual)
    )


@pytest.mark.parametrize("checker", CHECKERS)
def test_must_pass(checker: str, results: Results) -> None:
    """tests/type_check/ and examples/ pass every checker."""
    problems = {
        key: lines
        for key, lines in results.by_checker[checker].items()
        if not key.startswith("case_")
    }
    assert problems == {}, results.raw[checker]


def test_plugin_says_the_same_with_a_warm_cache(results: Results) -> None:
    """The plugin's second run, on the cache of the first, with every case
    changed, gives the same output: it reads only what mypy's cache keeps."""
    assert results.warm_plugin == results.raw["plugin"]


ROUTE_CASES = [
    c
    for c in CASES
    if c.where.startswith(("tests/mypy/routes.test", "tests/mypy/registration.test"))
]


@pytest.mark.parametrize("case", ROUTE_CASES, ids=[c.name for c in ROUTE_CASES])
def test_plugin_reports_what_registration_raises(case: Case) -> None:
    """Each route mistake the plugin reports also fails at import, and the
    plugin's first message says what the exception says (up to the fix,
    which for the plugin may name its own settings)."""
    module = types.ModuleType(case.module)
    with pytest.raises(TransomError) as raised:
        exec(compile(case.source, case.module, "exec"), module.__dict__)
    first = case.expected["plugin"][0]
    assert first.endswith("  [transom-route]")
    reported = first.split(": error: ", 1)[1].split(". Fix: ")[0]
    assert str(raised.value).split(". Fix: ")[0] == reported


_VIEWS = """\
from transom import App, View

app = App(__name__)


@app.route("/post/<{name}>")
class Post(View):
    def get(self, {name}: {type}) -> str:
        return f"Post {{{name}}}"
"""
_LINKS = """\
from transom import url_for

from views import Post


def link() -> str:
    return url_for(Post, post_id=3)
"""
_CHANGES: list[tuple[dict[str, str], list[str]]] = [
    ({"name": "post_id", "type": "int"}, []),
    (
        {"name": "slug", "type": "str"},
        [
            'links.py:7: error: Unexpected keyword argument "post_id" for "url_for"'
            "  [call-arg]"
        ],
    ),
    ({"name": "post_id", "type": "int"}, []),
]
"""The views module as it changes, and what the plugin then says of the
other module, whose ``url_for(Post, ...)`` depends on ``Post.get``."""


def _errors(output: str) -> list[str]:
    return [line for line in output.splitlines() if ": error:" in line]


def test_plugin_follows_changes_with_cache() -> None:
    """A module is checked again when a view it builds URLs for changes."""
    project = WORKDIR / "incremental"
    project.mkdir(parents=True, exist_ok=True)
    _write(project / "links.py", _LINKS)
    config = project / "mypy.ini"
    _write(
        config,
        _MYPY_SETTINGS.format(
            cache_dir=WORKDIR / "cache-plugin", plugins="plugins = transom.mypy"
        ),
    )
    for values, expected in _CHANGES:
        _write(project / "views.py", _VIEWS.format(**values))
        result = subprocess.run(
            [sys.executable, "-m", "mypy", "--config-file", str(config)]
            + ["--no-error-summary", "views.py", "links.py"],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert _errors(result.stdout) == expected, result.stdout + result.stderr


def test_plugin_follows_changes_in_daemon(tmp_path: Path) -> None:
    """The same under mypy's daemon, whose fine-grained dependencies the
    plugin extends (links.link depends on Post.get, which it never names)."""
    dmypy = [
        sys.executable,
        "-m",
        "mypy.dmypy",
        "--status-file",
        str(tmp_path / "status"),
    ]
    _write(tmp_path / "links.py", _LINKS)
    _write(
        tmp_path / "mypy.ini",
        _MYPY_SETTINGS.format(
            cache_dir=tmp_path / "cache", plugins="plugins = transom.mypy"
        ),
    )
    try:
        for values, expected in _CHANGES:
            _write(tmp_path / "views.py", _VIEWS.format(**values))
            result = subprocess.run(
                [*dmypy, "run", "--", "--config-file", "mypy.ini"]
                + ["--no-error-summary", "views.py", "links.py"],
                cwd=tmp_path,
                capture_output=True,
                text=True,
                timeout=600,
                check=False,
            )
            assert _errors(result.stdout) == expected, result.stdout + result.stderr
    finally:
        subprocess.run([*dmypy, "stop"], capture_output=True, timeout=60, check=False)


DOCS = ROOT / "docs" / "typing.md"
_DOC_OUTPUT = re.compile(
    r"<!-- typing-output: (?P<case>\w+) (?P<checker>\w+) -->\n\n```text\n(?P<text>.*?)```",
    re.S,
)


def test_docs_table_is_built_from_the_cases() -> None:
    """The table of docs/typing.md is the one tests/typing_table.py builds
    from the cases: a row per case, each checker's error codes."""
    from tests import typing_table

    assert typing_table.documented() == typing_table.table(), (
        "docs/typing.md is stale: run 'python -m tests.typing_table'"
    )


def test_docs_messages_match_the_cases() -> None:
    """The messages docs/typing.md quotes are the cases' exact output."""
    quoted = list(_DOC_OUTPUT.finditer(DOCS.read_text("utf-8")))
    assert quoted
    by_name = {case.name: case for case in CASES}
    for match in quoted:
        expected = by_name[match["case"]].expected[match["checker"]]
        text = match["text"].replace("app.py:", "main:")
        assert text.splitlines() == expected, match["case"]


def test_every_case_fails_somewhere() -> None:
    """A case that no checker flags tests nothing."""
    silent = [c.name for c in CASES if not any(c.expected.values())]
    assert silent == []
