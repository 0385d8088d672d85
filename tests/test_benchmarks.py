"""The benchmark harness runs: every framework's app gives the expected
answers, and a tiny run writes a complete report. No figure is asserted;
timing belongs in ``python -m benchmarks``, not in tests."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from transom import App

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


def test_report_shows_the_typing_cost_of_a_large_module() -> None:
    from benchmarks.typing_cost import MypyRun

    # Imported by name: mypy.ini leaves benchmarks/ (which drives untyped
    # frameworks) out, and a plain import would make mypy check it.
    render = importlib.import_module("benchmarks.report").render

    def runs(scale: float, changed: float | None) -> list[MypyRun]:
        return [
            MypyRun(False, 2.0, 0.2, 0, "", changed),
            MypyRun(True, 2.0 * scale, 0.3, 0, "", changed and changed * scale),
        ]

    text = render(
        workloads=[],
        frameworks=[],
        cases=[],
        calls={},
        served=None,
        mypy=runs(1.1, None),
        mypy_large=runs(1.25, 0.8),
        plugin_missing=False,
        imports=None,
        rounds=1,
        command="python -m benchmarks",
    )
    assert "| `examples/` | with `transom.mypy` | 2.20 | 0.30 | – | clean |" in text
    assert (
        "| one module of 400 routes | without the plugin | 2.00 | 0.20 | 0.80 |" in text
    )
    assert "Over `examples/`, the plugin costs ×1.10 cold, ×1.50 warm." in text
    assert (
        "Over one module of 400 routes, the plugin costs ×1.25 cold, ×1.50 warm"
        " and ×1.25 changed." in text
    )


def test_the_blueprint_app_answers_as_the_one_app() -> None:
    # Imported by name: the benchmarks are not type-checked (they drive
    # untyped frameworks), and a plain import would make mypy follow them.
    blueprints = importlib.import_module("benchmarks.blueprints")
    routes: int = importlib.import_module("benchmarks.shared").ROUTES
    app: App = blueprints.make_blueprint_app()
    one: App = blueprints.make_many_app()
    assert len(app.blueprints) == blueprints.BLUEPRINTS
    for i in (0, routes - 1):
        answer = app.test_client().get(f"/r{i}/ada")
        assert answer.text == one.test_client().get(f"/r{i}/ada").text == f"r{i} ada"
        owner = i * blueprints.BLUEPRINTS // routes
        assert app.router.route_for_endpoint(f"bp{owner}.r{i}") is not None
    assert blueprints.per_request(app, "/r0/ada", number=5, rounds=1) > 0


def test_the_decoding_benchmark_runs_and_agrees_with_pydantic() -> None:
    decoding = importlib.import_module("benchmarks.decoding")
    assert decoding.main(["--check"]) == 0


def test_the_json_checks_report_times_every_hard_document() -> None:
    json_checks = importlib.import_module("benchmarks.json_checks")
    text, _ = json_checks.report(size=2_000, rounds=1)
    rows = text.splitlines()[2:]
    assert [row.split(" | ")[0].lstrip("| ") for row in rows] == list(
        json_checks.documents(2_000)
    )
    assert all(row.count("×") == 2 for row in rows)
