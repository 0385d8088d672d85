"""Finding the app: --app forms, TRANSOM_APP, app.py/wsgi.py, and the
rules inside a module, each failure with a message that says what to do."""

from __future__ import annotations

import collections.abc as cabc
import importlib
import os
import sys
import textwrap
from pathlib import Path

import pytest

from transom import App
from transom.cli import AppLoadError
from transom.cli import UsageError
from transom.cli.discovery import AppSpec
from transom.cli.discovery import FoundApp
from transom.cli.discovery import find_spec
from transom.cli.discovery import load
from transom.cli.discovery import user_traceback

APP_MODULE = """
from transom import App
app = App(__name__)
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> cabc.Iterator[Path]:
    """An empty current folder, not yet importable, whose modules are
    forgotten after the test."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(
        sys, "path", [p for p in sys.path if p not in ("", os.getcwd(), str(tmp_path))]
    )
    before = set(sys.modules)
    yield tmp_path
    for name in set(sys.modules) - before:
        del sys.modules[name]


def _write(root: Path, relative: str, source: str = APP_MODULE) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(source))
    importlib.invalidate_caches()
    return path


def _load(text: str, root: Path) -> FoundApp:
    return load(AppSpec.parse(text, "--app"), str(root))


@pytest.mark.parametrize(
    ("text", "target", "attribute"),
    [
        ("hello", "hello", None),
        ("pkg.hello:app", "pkg.hello", "app"),
        ("hello:create_app('a:b')", "hello", "create_app('a:b')"),
        ("examples/hello/app.py", "examples/hello/app.py", None),
        ("examples/hello/app.py:make()", "examples/hello/app.py", "make()"),
        ("C:\\site\\app.py", "C:\\site\\app.py", None),
        ("C:\\site\\app.py:app", "C:\\site\\app.py", "app"),
        ("  hello : app ", "hello ", "app"),
    ],
)
def test_spec_parse(text: str, target: str, attribute: str | None) -> None:
    spec = AppSpec.parse(text, "--app")
    assert (spec.target.strip(), spec.attribute) == (target.strip(), attribute)


@pytest.mark.parametrize(
    ("text", "message"),
    [("hello:", "names nothing after ':'"), (":app", "names no module or file")],
)
def test_spec_parse_errors(text: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        AppSpec.parse(text, "--app")


@pytest.mark.parametrize(
    ("text", "is_path"),
    [("hello", False), ("a.b.c", False), ("app.py", True), ("src/app", True)],
)
def test_spec_is_path(text: str, is_path: bool) -> None:
    assert AppSpec.parse(text, "--app").is_path is is_path


def test_option_wins_over_environment_and_files(project: Path) -> None:
    _write(project, "app.py")
    spec = find_spec("mod", {"TRANSOM_APP": "other"}, str(project))
    assert (spec.target, spec.origin) == ("mod", "--app")


def test_environment_wins_over_files(project: Path) -> None:
    _write(project, "app.py")
    spec = find_spec(None, {"TRANSOM_APP": "other:make()"}, str(project))
    assert (spec.target, spec.attribute, spec.origin) == (
        "other",
        "make()",
        "TRANSOM_APP",
    )


def test_app_py_before_wsgi_py(project: Path) -> None:
    _write(project, "wsgi.py")
    assert find_spec(None, {}, str(project)).target == "wsgi.py"
    _write(project, "app.py")
    spec = find_spec(None, {"TRANSOM_APP": "  "}, str(project))
    assert (spec.target, spec.origin) == ("app.py", "app.py in the current folder")


def test_nothing_to_find(project: Path) -> None:
    with pytest.raises(AppLoadError, match="no app to load: pass --app") as info:
        find_spec(None, {}, str(project))
    assert info.value.user_traceback is None


def test_module_in_the_current_folder_is_importable(project: Path) -> None:
    _write(project, "hello.py")
    found = _load("hello", project)
    assert isinstance(found.app, App)
    assert str(found) == "hello:app"


def test_path_gets_its_package_name_and_relative_imports_work(project: Path) -> None:
    _write(project, "web/__init__.py", "")
    _write(project, "web/blog/__init__.py", "")
    _write(project, "web/blog/names.py", "NAME = 'blog'\n")
    _write(
        project,
        "web/blog/app.py",
        """
        from transom import App
        from .names import NAME
        app = App(NAME)
        """,
    )
    found = _load("web/blog/app.py", project)
    assert found.module == "web.blog.app"
    assert found.app.import_name == "blog"


def test_path_outside_the_current_folder(project: Path, tmp_path: Path) -> None:
    _write(project, "elsewhere/standalone.py")
    found = load(AppSpec.parse("standalone.py", "--app"), str(project / "elsewhere"))
    assert found.module == "standalone"


def test_package_folder_and_init_file(project: Path) -> None:
    _write(project, "shop/__init__.py")
    assert _load("shop/", project).module == "shop"
    assert _load("shop/__init__.py", project).module == "shop"


def test_app_named_application(project: Path) -> None:
    _write(project, "w.py", "from transom import App\napplication = App('w')\n")
    assert str(_load("w", project)) == "w:application"


def test_the_only_app_under_any_name(project: Path) -> None:
    _write(project, "m.py", "from transom import App\nsite = App('m')\nalias = site\n")
    assert _load("m", project).name in ("site", "alias")


def test_app_wins_over_factory(project: Path) -> None:
    _write(
        project,
        "m.py",
        """
        from transom import App
        app = App('named')
        def create_app():
            return App('made')
        """,
    )
    assert _load("m", project).app.import_name == "named"


@pytest.mark.parametrize("factory", ["create_app", "make_app"])
def test_factory(project: Path, factory: str) -> None:
    _write(
        project,
        "m.py",
        f"from transom import App\ndef {factory}():\n    return App('made')\n",
    )
    found = _load("m", project)
    assert (found.app.import_name, found.name) == ("made", f"{factory}()")


def test_named_object_and_dotted_name(project: Path) -> None:
    _write(
        project,
        "m.py",
        """
        from transom import App
        first = App('first')
        second = App('second')
        class Holder:
            app = second
        """,
    )
    assert _load("m:second", project).app.import_name == "second"
    assert _load("m:Holder.app", project).app.import_name == "second"


def test_factory_call_with_literal_arguments(project: Path) -> None:
    _write(
        project,
        "m.py",
        """
        from transom import App
        def create_app(name, *, debug=False):
            app = App(name)
            app.debug = debug
            return app
        """,
    )
    found = _load("m:create_app('given', debug=True)", project)
    assert (found.app.import_name, found.app.debug) == ("given", True)


@pytest.mark.parametrize(
    ("source", "text", "message"),
    [
        ("x = 1\n", "m", "'m' .* has no transom App: create one with"),
        ("app = 1\n", "m", r"has no transom App \('app' is a int\)"),
        (
            "from transom import App\na = App('a')\nb = App('b')\n",
            "m",
            "holds several apps: a, b; choose one with --app m:a",
        ),
        (
            "from transom import App\nsite = App('a')\n",
            "m:sight",
            "'m' has no attribute 'sight'.*did you mean 'site'",
        ),
        (
            "def make():\n    pass\n",
            "m:make",
            "m:make is a function, not a transom App; to call it as a factory,"
            r" write --app 'm:make\(\)'",
        ),
        ("thing = 3\n", "m:thing()", "m:thing is a int, which cannot be called"),
        ("thing = 3\n", "m:thing", "m:thing is a int, not a transom App"),
        (
            "def create_app(config):\n    pass\n",
            "m:create_app()",
            r"cannot call m:create_app\(\) .*missing a required argument: 'config'",
        ),
        (
            "def create_app(config):\n    pass\n",
            "m",
            r"cannot call m:create_app\(\) .*give its arguments in --app",
        ),
        (
            "def create_app():\n    return 'no'\n",
            "m:create_app()",
            r"m:create_app\(\) returned str, not a transom App",
        ),
    ],
)
def test_no_app_errors(project: Path, source: str, text: str, message: str) -> None:
    _write(project, "m.py", source)
    with pytest.raises(AppLoadError, match=message) as info:
        _load(text, project)
    assert info.value.user_traceback is None


@pytest.mark.parametrize(
    "attribute",
    ["1app", "app(", "create_app(x)", "create_app(*args)", "create_app(**kw)", "a[0]"],
)
def test_attribute_must_be_a_name_or_a_literal_call(
    project: Path, attribute: str
) -> None:
    _write(project, "m.py")
    with pytest.raises(UsageError, match="is not a name or a call"):
        _load(f"m:{attribute}", project)


def test_module_that_does_not_exist(project: Path) -> None:
    with pytest.raises(AppLoadError) as info:
        _load("nosuch.mod", project)
    assert str(info.value) == (
        "could not import 'nosuch.mod' (--app 'nosuch.mod'): there is no module"
        " 'nosuch' in the current folder or on the Python path"
    )
    assert info.value.user_traceback is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("nosuch.py", "--app 'nosuch.py': no such file"),
        ("data.txt/", "--app 'data.txt/': no such file"),
        ("notes.txt", "is not a .py file"),
        ("folder/", "is a folder without __init__.py"),
        ("my-app.py", "'my-app' is not a valid Python name"),
        ("json.py", "would be the module 'json', but the name 'json' is already"),
        ("site/app.py", "would be the module 'site.app', but the name 'site' is"),
        ("bad name", "is neither a module name nor a path"),
    ],
)
def test_path_errors(project: Path, text: str, message: str) -> None:
    (project / "notes.txt").write_text("")
    (project / "folder").mkdir()
    _write(project, "my-app.py")
    _write(project, "json.py")
    _write(project, "site/__init__.py", "")
    _write(project, "site/app.py")
    with pytest.raises(AppLoadError, match=message):
        _load(text, project)


def test_error_raised_inside_the_module_carries_its_traceback(project: Path) -> None:
    _write(project, "broken.py", "import transom\n\n\nvalue = 1 / 0\n")
    with pytest.raises(AppLoadError) as info:
        _load("broken", project)
    assert str(info.value) == (
        "importing 'broken' (--app 'broken') raised ZeroDivisionError: division by zero"
    )
    trace = info.value.user_traceback or ""
    assert 'broken.py", line 4, in <module>' in trace
    assert "importlib" not in trace
    assert "transom" + os.sep + "cli" not in trace


def test_missing_dependency_is_the_module_s_error(project: Path) -> None:
    _write(project, "needs.py", "import not_installed_anywhere\n")
    with pytest.raises(AppLoadError, match="raised ModuleNotFoundError") as info:
        _load("needs", project)
    assert "import not_installed_anywhere" in (info.value.user_traceback or "")


def test_syntax_error(project: Path) -> None:
    _write(project, "syn.py", "def f(:\n    pass\n")
    with pytest.raises(AppLoadError, match="failed: a syntax error") as info:
        _load("syn.py", project)
    assert "syn.py, line 1" in str(info.value)
    assert "SyntaxError" in (info.value.user_traceback or "")


def test_factory_that_raises_carries_its_traceback(project: Path) -> None:
    _write(
        project,
        "m.py",
        "def create_app():\n    raise RuntimeError('no database')\n",
    )
    with pytest.raises(AppLoadError) as info:
        _load("m", project)
    assert str(info.value) == (
        "calling m:create_app() raised RuntimeError: no database"
    )
    assert "raise RuntimeError('no database')" in (info.value.user_traceback or "")


def test_transom_error_traceback_ends_in_the_user_s_code(project: Path) -> None:
    _write(
        project,
        "routes.py",
        """
        from transom import App, View
        app = App(__name__)
        @app.route("/x/<item>")
        class X(View):
            def get(self) -> str:
                return ""
        """,
    )
    with pytest.raises(AppLoadError, match="does not accept the rule variable") as info:
        _load("routes", project)
    trace = info.value.user_traceback or ""
    last_frame = [line for line in trace.splitlines() if line.startswith("  File")][-1]
    assert "routes.py" in last_frame


def test_user_traceback_keeps_the_user_s_frames() -> None:
    def inner() -> None:
        raise ValueError("deep")

    with pytest.raises(ValueError) as info:
        inner()
    trace = user_traceback(info.value)
    assert "in inner" in trace
    assert trace.endswith("ValueError: deep\n")
