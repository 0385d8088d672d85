"""The command line: ``python -m benchmarks [options]``.

Without options it checks every app, times every case in process, counts
calls, serves every app under gunicorn, measures what typing costs, and
writes ``benchmarks/RESULTS.md``. ``--quick`` does a tiny version of all
but typing, for the test suite (its figures mean nothing).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import typing as t

from benchmarks import inprocess
from benchmarks import report
from benchmarks import typing_cost
from benchmarks.frameworks import BY_NAME as FRAMEWORKS
from benchmarks.frameworks import FRAMEWORKS as ALL_FRAMEWORKS
from benchmarks.frameworks import TRANSOM
from benchmarks.workloads import BY_NAME as WORKLOADS
from benchmarks.workloads import WORKLOADS as ALL_WORKLOADS

if t.TYPE_CHECKING:
    from benchmarks.frameworks import Framework
    from benchmarks.workloads import Workload

RESULTS: t.Final = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "RESULTS.md"
)


def _names(text: str | None, known: dict[str, t.Any], what: str) -> list[str]:
    if not text:
        return list(known)
    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in known]
    if unknown:
        raise SystemExit(
            f"unknown {what}: {', '.join(unknown)}; known: {', '.join(known)}"
        )
    return names


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a tiny run (smoke test)")
    parser.add_argument(
        "--check", action="store_true", help="run the equivalence checks only"
    )
    parser.add_argument(
        "--profile",
        nargs=2,
        metavar=("FRAMEWORK", "WORKLOAD"),
        help="print a cProfile of one case and exit",
    )
    parser.add_argument("--frameworks", help="comma-separated names (default: all)")
    parser.add_argument("--workloads", help="comma-separated names (default: all)")
    parser.add_argument(
        "--rounds", type=int, default=40, help="timing rounds (default 40)"
    )
    parser.add_argument(
        "--batch-seconds",
        type=float,
        default=0.005,
        help="CPU seconds of one batch of requests (default 0.005)",
    )
    parser.add_argument(
        "--no-serve", action="store_true", help="skip the gunicorn mode"
    )
    parser.add_argument(
        "--serve-seconds",
        type=float,
        default=2.0,
        help="load per served case (default 2)",
    )
    parser.add_argument(
        "--no-typing", action="store_true", help="skip mypy and import times"
    )
    parser.add_argument(
        "--output",
        help=f"where to write the report (default {os.path.relpath(RESULTS)};"
        " '-' prints it)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.quick:
        args.rounds = 1
        args.batch_seconds = 0.0005
        args.serve_seconds = 0.2
        args.no_typing = True
    framework_names = _names(args.frameworks, FRAMEWORKS, "frameworks")
    workload_names = _names(args.workloads, WORKLOADS, "workloads")
    log = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731

    frameworks: list[Framework] = []
    for name in framework_names:
        try:
            FRAMEWORKS[name].module()
        except ImportError as e:
            log(f"skipping {name}: {e} (pip install -e '.[bench]')")
            continue
        frameworks.append(FRAMEWORKS[name])
    workloads: list[Workload] = [WORKLOADS[n] for n in workload_names]

    cases: list[inprocess.Case] = []
    failures: list[str] = []
    for framework in frameworks:
        main_app, many_app, session_cookie = framework.apps()
        for workload in workloads:
            app = main_app if workload.app == "main" else many_app
            case = inprocess.Case.build(framework, workload, app, session_cookie)
            for problem in inprocess.verify(case, session_cookie):
                failures.append(f"{framework.name} {workload.name}: {problem}")
            cases.append(case)
    if failures:
        log("equivalence check failed:\n  " + "\n  ".join(failures))
        return 1
    log(f"equivalence: {len(cases)} cases give the expected answers")
    if args.check:
        return 0

    if args.profile:
        framework_name, workload_name = args.profile
        chosen = [
            c
            for c in cases
            if c.framework.name == framework_name and c.workload.name == workload_name
        ]
        if not chosen:
            raise SystemExit("choose a framework and workload among those selected")
        print(inprocess.profile(chosen[0]))
        return 0

    begin = time.perf_counter()
    for case in cases:
        inprocess.calibrate(case, args.batch_seconds)
    inprocess.measure(cases, args.rounds)
    calls = {
        (c.framework.name, c.workload.name): inprocess.count_calls(
            c, 3 if args.quick else 20
        )
        for c in cases
    }
    log(f"in process: {len(cases)} cases in {time.perf_counter() - begin:.0f} s")
    for case in cases:
        log(
            f"  {case.framework.name:18} {case.workload.name:9}"
            f" {case.median * 1e6:8.1f} µs  ±{case.spread * 100:4.1f}%"
            f"  {calls[(case.framework.name, case.workload.name)]:6.0f} calls"
        )

    served = None
    serve_load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    if not args.no_serve:
        from benchmarks import serve

        served_frameworks = frameworks
        served_workloads = workloads
        if args.quick:
            # One server is enough to show that the mode works.
            served_frameworks = [f for f in frameworks if f.name in TRANSOM][
                :1
            ] or frameworks[:1]
            served_workloads = workloads[:1]
        served = serve.serve_all(
            served_frameworks, served_workloads, args.serve_seconds, log
        )

    mypy = None
    mypy_large = None
    imports = None
    plugin_missing = False
    if not args.no_typing:
        plugin_missing = not typing_cost.plugin_available()
        log(
            "typing: mypy over examples/"
            + (" (no transom.mypy yet)" if plugin_missing else "")
        )
        mypy = typing_cost.mypy_cost()
        log("typing: mypy over one module of 400 routes")
        mypy_large = typing_cost.large_module_cost(400)
        imports = {
            name: typing_cost.import_time(name)
            for name in ("transom", "flask", "falcon", "bottle", "werkzeug")
        }

    command = (
        "python -m benchmarks"
        + (" " + " ".join(argv if argv is not None else sys.argv[1:])).rstrip()
    )
    text = report.render(
        workloads=workloads,
        frameworks=[f.name for f in frameworks],
        cases=cases,
        calls=calls,
        served=served,
        mypy=mypy,
        mypy_large=mypy_large,
        plugin_missing=plugin_missing,
        imports=imports,
        rounds=args.rounds,
        command=command.strip(),
        serve_load=serve_load,
    )
    output = args.output or (None if args.quick else RESULTS)
    if output == "-" or output is None:
        print(text)
    else:
        with open(output, "w") as f:
            f.write(text)
        log(f"wrote {output}")
    return 0


__all__ = ["ALL_FRAMEWORKS", "ALL_WORKLOADS", "main"]
