"""The Markdown report of a run."""

from __future__ import annotations

import datetime
import os
import platform
import sys
import typing as t

from benchmarks.frameworks import BY_NAME
from benchmarks.frameworks import TRANSOM

if t.TYPE_CHECKING:
    import collections.abc as cabc

    from benchmarks.inprocess import Case
    from benchmarks.serve import Served
    from benchmarks.typing_cost import MypyRun
    from benchmarks.workloads import Workload

SHORT: t.Final = {
    "raw": "raw WSGI",
    "werkzeug_app": "werkzeug",
    "flask_functions": "Flask",
    "flask_views": "Flask MethodView",
    "falcon_app": "Falcon",
    "bottle_app": "Bottle",
    "transom_views": "transom views",
    "transom_functions": "transom functions",
}
"""Column headings."""

# Which Flask style each transom style is compared with.
_FLASK_PEER: t.Final = {
    "transom_views": ("flask_functions", "flask_views"),
    "transom_functions": ("flask_functions",),
}


def _table(head: list[str], rows: cabc.Iterable[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _us(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    micro = seconds * 1e6
    return f"{micro:.1f}" if micro < 100 else f"{micro:.0f}"


def render(
    *,
    workloads: cabc.Sequence[Workload],
    frameworks: cabc.Sequence[str],
    cases: cabc.Sequence[Case],
    calls: dict[tuple[str, str], float],
    served: cabc.Sequence[Served] | None,
    mypy: cabc.Sequence[MypyRun] | None,
    mypy_large: cabc.Sequence[MypyRun] | None = None,
    plugin_missing: bool,
    imports: dict[str, float | None] | None,
    rounds: int,
    command: str,
    serve_load: str = "unknown",
) -> str:
    """The report as Markdown."""
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    by_case = {(c.framework.name, c.workload.name): c for c in cases}

    def median(framework: str, workload: str) -> float | None:
        case = by_case.get((framework, workload))
        return case.median if case is not None and case.samples else None

    out: list[str] = ["# transom benchmarks", ""]
    out.append(
        f"Written by `{command}` on {datetime.date.today().isoformat()}:"
        f" Python {platform.python_version()} on {platform.system()}"
        f" {platform.machine()}, {os.cpu_count()} cores. Versions: "
        + ", ".join(
            f"{SHORT[f]} {BY_NAME[f].version()}"
            for f in frameworks
            if BY_NAME[f].version() and f not in ("flask_views", "transom_functions")
        )
        + "."
    )
    out += [
        "",
        "Each app is first checked for the same status, content type and body"
        " (JSON compared as parsed values; error pages by status, and a 405 must"
        " list `GET` in `Allow`; the session's cookie is sent back once more and"
        " must count on). Then every app is called in-process with a fresh environ"
        " per request, the body consumed and closed; the cases are interleaved in a"
        f" new random order in each of {rounds} rounds, and each figure is the median"
        " over the rounds of the time per request. Time is the process's CPU time,"
        " so that other processes on a shared machine do not inflate it (load"
        f" average when the report was written: {load}). Lower is better.",
        "",
        "## Microseconds per request (in process, median)",
        "",
    ]
    head = ["workload", *(SHORT[f] for f in frameworks)]
    rows = []
    for w in workloads:
        rows.append([w.title, *(_us(median(f, w.name)) for f in frameworks)])
    out += _table(head, rows)

    present = [f for f in TRANSOM if f in frameworks]
    if present:
        out += [
            "",
            "## transom against Falcon and Flask",
            "",
            "`÷ Falcon` is transom's time over Falcon's (the goal: at most 1.0);"
            " `Flask ×` is how many times faster than Flask transom is (the goal: at"
            " least 10).",
            "",
        ]
        head = ["workload"]
        for f in present:
            head += [SHORT[f] + " µs", "÷ Falcon"]
            head += [f"{SHORT[p]} ×" for p in _FLASK_PEER[f] if p in frameworks]
        rows = []
        for w in workloads:
            row = [w.title]
            for f in present:
                mine = median(f, w.name)
                falcon = median("falcon_app", w.name)
                row.append(_us(mine))
                row.append(f"{mine / falcon:.2f}" if mine and falcon else "–")
                for peer in _FLASK_PEER[f]:
                    if peer not in frameworks:
                        continue
                    theirs = median(peer, w.name)
                    row.append(f"{theirs / mine:.1f}" if mine and theirs else "–")
            rows.append(row)
        out += _table(head, rows)

    if calls:
        out += [
            "",
            "## Python function calls per request",
            "",
            "Counted with `sys.setprofile` (C functions excluded); free of timing"
            " noise. One call per request is the harness's `start_response`.",
            "",
        ]
        head = ["workload", *(SHORT[f] for f in frameworks)]
        rows = []
        for w in workloads:
            row = [w.title]
            for f in frameworks:
                count = calls.get((f, w.name))
                row.append("–" if count is None else f"{count:.0f}")
            rows.append(row)
        out += _table(head, rows)

    if served:
        seconds = max(s.seconds for s in served)
        out += [
            "",
            "## Served by gunicorn (requests per second)",
            "",
            "One sync gunicorn worker on 127.0.0.1, driven by a Python client with"
            f" two connections in flight, a new connection per request, about"
            f" {seconds:.0f} s per case. The client and gunicorn's own cost per"
            " connection weigh on every framework alike, so the differences are"
            " smaller than in process. Errors (a wrong status or a failed"
            " connection) follow the rate when there are any. These are wall-clock"
            " figures: on a machine that others load (load average"
            f" {serve_load} when serving began) they measure the load more than the"
            " frameworks; trust them only from a quiet machine.",
            "",
        ]
        table = {(s.framework, s.workload): s for s in served}
        names = [f for f in frameworks if any(s.framework == f for s in served)]
        rows = []
        for w in workloads:
            row = [w.title]
            for f in names:
                s = table.get((f, w.name))
                if s is None:
                    row.append("–")
                else:
                    row.append(
                        f"{s.rate:.0f}" + (f" ({s.errors} errors)" if s.errors else "")
                    )
            rows.append(row)
        if any(any(c != "–" for c in r[1:]) for r in rows):
            out += _table(["workload", *(SHORT[f] for f in names)], rows)

    if mypy is not None or imports is not None:
        out += ["", "## What typing costs", ""]
    if mypy is not None:
        out += [
            "mypy (strict, the project's `mypy.ini`), in CPU seconds of mypy's"
            " process; cold is an empty cache, warm the same run again, changed"
            " a run after a comment is added to the module, which mypy then"
            " checks again with all it imports loaded from the cache.",
            "",
        ]
        targets = [("`examples/`", mypy)]
        if mypy_large:
            targets.append(("one module of 400 routes", mypy_large))
        rows = [
            [
                title,
                "with `transom.mypy`" if run.plugin else "without the plugin",
                f"{run.cold:.2f}",
                f"{run.warm:.2f}",
                "–" if run.changed is None else f"{run.changed:.2f}",
                "clean" if run.status == 0 else f"errors (exit {run.status})",
            ]
            for title, runs in targets
            for run in runs
        ]
        out += _table(
            ["target", "mypy", "cold s", "warm s", "changed s", "result"], rows
        )
        for title, runs in targets:
            if len(runs) != 2:
                continue
            plain, plugin = runs
            changed = (
                f" and ×{plugin.changed / plain.changed:.2f} changed"
                if plugin.changed is not None and plain.changed
                else ""
            )
            out += [
                "",
                f"Over {title}, the plugin costs ×{plugin.cold / plain.cold:.2f}"
                f" cold, ×{plugin.warm / plain.warm:.2f} warm{changed}.",
            ]
        if plugin_missing:
            out += [
                "",
                "`transom.mypy` does not exist yet, so only the run without it is shown.",
            ]
        out.append("")
    if imports is not None:
        out += [
            "Import time (`python -X importtime -c 'import X'`, cumulative, median of 7,"
            " with the bytecode cached):",
            "",
        ]
        rows = [
            [f"`{name}`", _us(value) if value is None else f"{value * 1e3:.1f} ms"]
            for name, value in imports.items()
        ]
        out += _table(["module", "import time"], rows)
    out += ["", f"Python {sys.version.split()[0]}.", ""]
    return "\n".join(out)
