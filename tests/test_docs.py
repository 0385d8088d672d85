"""The documentation stays true: every Python snippet in docs/ and the README
runs, and the Sphinx build succeeds with warnings as errors."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])
_block = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def _snippets(page: Path) -> list[tuple[int, str]]:
    text = page.read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start()) + 2, m[1]) for m in _block.finditer(text)]


@pytest.mark.parametrize(
    "page", [p for p in PAGES if _snippets(p)], ids=lambda p: str(p.relative_to(ROOT))
)
def test_snippets_run(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The snippets of a page run in order, in one namespace, as a module
    would (so a page can build an app step by step)."""
    monkeypatch.chdir(tmp_path)
    name = "docs_" + re.sub(r"\W", "_", page.stem)
    module = types.ModuleType(name)
    module.__file__ = str(tmp_path / f"{name}.py")
    monkeypatch.setitem(sys.modules, name, module)
    for line, source in _snippets(page):
        code = compile(source, f"{page.relative_to(ROOT)}:{line}", "exec")
        exec(code, module.__dict__)


def test_sphinx_build(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-q",
            "-b",
            "html",
            str(ROOT / "docs"),
            str(tmp_path / "html"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
