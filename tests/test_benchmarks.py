"""The benchmark harness runs: every framework's app gives the expected
answers, and a tiny run writes a complete report. No figure is asserted;
timing belongs in ``python -m benchmarks``, not in tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _benchmarks(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "benchmarks", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_unknown_names_are_refused() -> None:
    result = _benchmarks("--check", "--frameworks", "transom_views,nope")
    assert result.returncode != 0
    assert "unknown frameworks: nope" in result.stderr


@pytest.mark.slow
def test_quick_run_writes_a_report(tmp_path: Path) -> None:
    output = tmp_path / "RESULTS.md"
    result = _benchmarks("--quick", "--output", str(output))
    assert result.returncode == 0, result.stderr
    assert "80 cases give the expected answers" in result.stderr
    text = output.read_text()
    for heading in (
        "## Microseconds per request",
        "## transom against Falcon and Flask",
        "## Python function calls per request",
        "## Served by gunicorn",
    ):
        assert heading in text
    for label in ("raw WSGI", "Flask MethodView", "Falcon", "Bottle", "transom views"):
        assert f"| {label} |" in text or f"| {label} " in text
    assert "(0 errors)" not in text and "errors)" not in text
