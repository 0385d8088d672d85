"""``transom docs`` in a subprocess: the documents of the sample app, the
same as the golden files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from openapi_spec_validator import validate

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent.parent
GOLDEN = ROOT / "tests" / "golden"


def _docs(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "transom",
            "--app",
            "tests.golden.sample_app",
            "docs",
            *args,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("format", "golden"),
    [("markdown", "bookshop.md"), ("html", "bookshop.html")],
)
def test_writes_the_file(format: str, golden: str, tmp_path: Path) -> None:
    output = tmp_path / golden
    result = _docs("--format", format, "--output", str(output))
    assert result.returncode == 0, result.stderr
    assert output.read_text(encoding="utf-8") == (GOLDEN / golden).read_text(
        encoding="utf-8"
    )


def test_openapi_on_stdout() -> None:
    result = _docs("--format", "openapi")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    validate(document)
    assert result.stdout == (GOLDEN / "bookshop.openapi.json").read_text(
        encoding="utf-8"
    )


def test_unknown_format_is_one_line_and_fails() -> None:
    result = _docs("--format", "pdf")
    assert result.returncode != 0
    assert "pdf" in result.stderr
    assert "Traceback" not in result.stderr


HIDDEN_APP = """
from transom import App, View

app = App(__name__)


@app.route("/books")
class Books(View):
    def get(self) -> list[str]:
        return []


@app.route("/admin", docs=False)
class Admin(View):
    def get(self) -> str:
        return "staff only"


@app.route("/staff")
class Staff(View):
    docs = False

    def get(self) -> str:
        return "staff only"
"""


@pytest.mark.parametrize("format", ["markdown", "html", "openapi"])
def test_routes_kept_out_of_the_docs_stay_out(format: str, tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(HIDDEN_APP)
    result = subprocess.run(
        [sys.executable, "-m", "transom", "docs", "--format", format],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "/books" in result.stdout
    assert "/admin" not in result.stdout
    assert "/staff" not in result.stdout
