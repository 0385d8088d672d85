"""The command line as users run it, in a subprocess: both entry points,
the README's path, the interactive shell, a custom command, and errors that
are one line with a non-zero exit status, or the user's own traceback.

The server is in test_cli_run.py; the rest of the command line runs
in-process in tests/unit/test_cli_main.py, which is faster."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

HELLO = """
from transom import App, View

app = App(__name__)


@app.route("/hello/<name>")
class Hello(View):
    def get(self, name: str, shout: bool = False) -> str:
        return name
"""

COMMANDS = '''
from pathlib import Path
from typing import Literal

from transom import App, current_app
from transom.cli import CommandError

app = App(__name__)


@app.command()
def greet(name: str, *, times: int = 1, style: Literal["plain", "loud"] = "plain") -> None:
    """Greet someone.

    :param name: who to greet.
    :param times: how many times.
    """
    text = name.upper() if style == "loud" else name
    print(" ".join([f"hello {text}"] * times), current_app.import_name)


@app.command("check-file")
def check_file(path: Path, *, strict: bool = False) -> int:
    """Check that a file exists."""
    if not path.exists():
        raise CommandError(f"{path} does not exist")
    return 3 if strict else 0
'''


def transom(
    *args: str,
    cwd: Path,
    env: dict[str, str] | None = None,
    stdin: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m transom`` with a clean environment, bounded in time."""
    environ = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TRANSOM_", "WERKZEUG_"))
    }
    environ.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "transom", *args],
        cwd=cwd,
        env=environ,
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def write(folder: Path, name: str, source: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(source))
    return path


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    """The single line a clean failure prints, checked to be alone."""
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    return lines[0]


def test_console_script_and_module_report_the_version(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("transom")
    assert script.exists(), "the 'transom' console script is not installed"
    from_script = subprocess.run(
        [str(script), "--version"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    from_module = transom("--version", cwd=tmp_path)
    assert from_script.returncode == from_module.returncode == 0
    assert from_script.stdout.startswith("transom ")
    assert from_script.stdout == from_module.stdout


def test_readme_path_from_the_repository_root() -> None:
    result = transom("--app", "examples/hello/app.py", "routes", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "examples.hello.app" in result.stdout
    assert "/hello/<name>" in result.stdout


def test_module_that_does_not_exist(tmp_path: Path) -> None:
    line = one_error_line(transom("--app", "nosuch", "routes", cwd=tmp_path))
    assert line == (
        "Error: could not import 'nosuch' (--app 'nosuch'): there is no module"
        " 'nosuch' in the current folder or on the Python path"
    )


def test_error_inside_the_user_s_module_shows_only_their_traceback(
    tmp_path: Path,
) -> None:
    write(
        tmp_path, "broken.py", "import transom\n\nCONFIG = {}\nPORT = CONFIG['port']\n"
    )
    result = transom("--app", "broken.py", "routes", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "Traceback (most recent call last):"
    assert lines[-1] == (
        "Error: importing 'broken' (--app 'broken.py') raised KeyError: 'port'"
    )
    assert 'broken.py", line 4, in <module>' in result.stderr
    assert "importlib" not in result.stderr
    assert f"transom{os.sep}cli" not in result.stderr


def test_bad_option_value(tmp_path: Path) -> None:
    write(tmp_path, "app.py", HELLO)
    result = transom("routes", "--sort", "size", cwd=tmp_path)
    line = one_error_line(result)
    assert result.returncode == 2
    assert "argument --sort: invalid choice: 'size'" in line
    assert "(see 'python -m transom routes --help')" in line


def test_interactive_shell_has_app_and_g(tmp_path: Path) -> None:
    write(tmp_path, "app.py", HELLO)
    result = transom(
        "shell",
        cwd=tmp_path,
        stdin="g.user = 'ada'\nprint(app.import_name, g.user)\n",
    )
    assert result.returncode == 0, result.stderr
    assert "app 'app:app', in an app context" in result.stderr
    assert "app ada" in result.stdout


def test_custom_command_runs_in_an_app_context(tmp_path: Path) -> None:
    write(tmp_path, "app.py", COMMANDS)
    result = transom("greet", "ada", "--times", "2", "--style", "loud", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "hello ADA hello ADA app\n"


def test_custom_command_error_and_exit_status(tmp_path: Path) -> None:
    write(tmp_path, "app.py", COMMANDS)
    (tmp_path / "present.txt").write_text("")
    missing = transom("check-file", "absent.txt", cwd=tmp_path)
    assert one_error_line(missing) == "Error: absent.txt does not exist"
    assert missing.returncode == 1
    strict = transom("check-file", "present.txt", "--strict", cwd=tmp_path)
    assert (strict.returncode, strict.stderr) == (3, "")
