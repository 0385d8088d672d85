"""The README's tour shows what the checkers really print for its own code."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")

pytestmark = pytest.mark.slow


def _blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", README, re.S | re.M)


@pytest.fixture(scope="module")
def tour(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``app.py`` as a reader saves it: the views, then the link builder."""
    views, link = _blocks("python")[:2]
    views = views.split("\n\nclient = app.test_client()")[0]
    folder = tmp_path_factory.mktemp("tour")
    (folder / "app.py").write_text(f"{views}\n\n{link}", encoding="utf-8")
    (folder / "mypy.ini").write_text(
        "[mypy]\nstrict = True\nplugins = transom.mypy\n", encoding="utf-8"
    )
    return folder


def _shown(command: str) -> list[str]:
    """The lines the README shows after ``$ command``, up to the next prompt."""
    for block in _blocks("console"):
        lines = block.splitlines()
        for i, line in enumerate(lines):
            if line.startswith(f"$ {command}"):
                shown: list[str] = []
                for following in lines[i + 1 :]:
                    if following.startswith("$ "):
                        break
                    shown.append(following)
                assert shown, f"the README shows no output of '$ {command}'"
                return shown
    pytest.fail(f"the README shows no '$ {command}'")


def _run(folder: Path, *args: str) -> str:
    result = subprocess.run(
        args, cwd=folder, capture_output=True, text=True, timeout=600, check=False
    )
    return result.stdout + result.stderr


def test_mypy_output(tour: Path) -> None:
    output = _run(tour, sys.executable, "-m", "mypy", "--no-incremental", "app.py")
    for line in _shown("mypy app.py"):
        assert line in output.splitlines(), output


def test_pyright_output(tour: Path) -> None:
    pyright = shutil.which("pyright", path=os.path.dirname(sys.executable))
    assert pyright is not None, "install the project with '.[dev]'"
    output = _run(tour, pyright, "--pythonpath", sys.executable, "app.py").replace(
        f"{tour}{os.sep}", ""
    )
    for line in _shown("pyright app.py"):
        assert line in output.splitlines(), output


def test_plugin_route_message(tour: Path) -> None:
    """The route mistake the README describes, made in its own code."""
    source = (tour / "app.py").read_text(encoding="utf-8")
    wrong = source.replace("def get(self, post_id: int)", "def get(self, id: int)", 1)
    wrong = wrong.replace('f"Post {post_id}"', 'f"Post {id}"', 1)
    assert wrong != source
    (tour / "wrong.py").write_text(wrong, encoding="utf-8")
    output = _run(tour, sys.executable, "-m", "mypy", "--no-incremental", "wrong.py")
    (shown,) = (
        line
        for block in _blocks("console")
        for line in block.splitlines()
        if "[transom-route]" in line
    )
    assert shown.replace("app.py:", "wrong.py:", 1) in output.splitlines(), output
