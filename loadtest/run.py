"""Run the load test and write a report.

For each server: start it, warm it up, then run the workload in equal
segments and sample the server's memory after each. The report gives the
requests, errors, mismatches, latency percentiles and the memory series;
the run fails (exit status 1) on any error or mismatch, or when memory
grew by more than ``--max-growth-mib`` over the second half of the soak
(the first half includes the allocator settling: arenas, caches, one
connection buffer per thread).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import typing as t
from pathlib import Path

from loadtest.client import KINDS
from loadtest.client import Stats
from loadtest.client import run_clients
from loadtest.servers import HOST
from loadtest.servers import SERVERS
from loadtest.servers import Server

MiB: t.Final = 1024 * 1024


@dataclasses.dataclass
class ServerReport:
    """The outcome for one server."""

    server: str
    command: str
    threads: int
    seconds: float
    requests: int
    errors: int
    mismatches: int
    requests_by_kind: dict[str, int]
    latency_ms: dict[str, float]
    rss_mib: list[float | None]
    """Memory after the warm-up, then after each soak segment."""
    rss_growth_mib: float | None
    """From the end of the warm-up to the end of the soak."""
    rss_late_growth_mib: float | None
    """Over the second half of the soak, once the allocator has settled: a
    leak keeps growing here, fragmentation and caches do not."""
    problems: list[str]
    server_log: str
    """The end of what the server wrote to stderr (tracebacks of 500s)."""

    @property
    def passed(self) -> bool:
        return self.errors == 0 and self.mismatches == 0 and self.requests > 0


def run_server(
    name: str,
    *,
    duration: float,
    threads: int,
    warmup: float,
    segments: int,
    workers: int,
    seed: int = 0,
) -> ServerReport:
    """Serve the app with ``name`` and run the workload against it."""
    with Server(name, workers=workers, threads=threads) as server:
        warm = run_clients(
            HOST, server.port, threads=threads, duration=warmup, seed=seed
        )
        samples = [server.rss()]
        total = Stats()
        total.merge(warm)
        soak = Stats()
        for segment in range(segments):
            stats = run_clients(
                HOST,
                server.port,
                threads=threads,
                duration=duration / segments,
                seed=seed + segment + 1,
            )
            soak.merge(stats)
            samples.append(server.rss())
        total.merge(soak)
        command = " ".join(server.command[1:])
        log = server.log()[-4000:] if total.errors or total.mismatches else ""
    mib = [None if s is None else round(s / MiB, 1) for s in samples]
    first, middle, last = samples[0], samples[len(samples) // 2], samples[-1]
    growth = None if first is None or last is None else round((last - first) / MiB, 1)
    late = None if middle is None or last is None else round((last - middle) / MiB, 1)
    return ServerReport(
        server=name,
        command=command,
        threads=threads,
        seconds=warmup + duration,
        requests=total.requests,
        errors=total.errors,
        mismatches=total.mismatches,
        requests_by_kind={k: total.by_kind.get(k, 0) for k in KINDS},
        latency_ms={f"p{p}": round(soak.percentile(p), 2) for p in (50, 90, 99, 99.9)}
        | {"max": round(max(soak.latencies, default=0) * 1000, 2)},
        rss_mib=mib,
        rss_growth_mib=growth,
        rss_late_growth_mib=late,
        problems=total.problems,
        server_log=log,
    )


def format_report(reports: list[ServerReport]) -> str:
    """The reports as readable text."""
    lines: list[str] = []
    for r in reports:
        rate = r.requests / r.seconds if r.seconds else 0.0
        lines += [
            f"== {r.server}: {r.command}",
            f"   {r.requests} requests in {r.seconds:.0f} s ({rate:.0f}/s) from"
            f" {r.threads} client threads: "
            + ", ".join(f"{k} {n}" for k, n in r.requests_by_kind.items()),
            f"   errors {r.errors}, mismatches {r.mismatches}",
            "   latency ms: " + ", ".join(f"{k} {v}" for k, v in r.latency_ms.items()),
            f"   memory MiB (after warm-up, then per segment): {r.rss_mib};"
            f" growth {r.rss_growth_mib}, over the second half"
            f" {r.rss_late_growth_mib}",
        ]
        lines += [f"   problem: {p}" for p in r.problems[:10]]
        if r.server_log:
            lines += [
                "   server log (end):",
                *("   | " + x for x in r.server_log.splitlines()),
            ]
        lines.append("   PASS" if r.passed else "   FAIL")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m loadtest", description=(__doc__ or "").split("\n\n")[0]
    )
    parser.add_argument(
        "--server", choices=[*SERVERS, "all"], default="all", help="default: all"
    )
    parser.add_argument(
        "--duration", type=float, default=60, help="soak seconds per server"
    )
    parser.add_argument(
        "--warmup", type=float, default=5, help="seconds before the first memory sample"
    )
    parser.add_argument(
        "--segments", type=int, default=6, help="memory samples during the soak"
    )
    parser.add_argument(
        "--threads", type=int, default=16, help="client threads (and server threads)"
    )
    parser.add_argument(
        "--workers", type=int, default=2, help="gunicorn worker processes"
    )
    parser.add_argument(
        "--max-growth-mib",
        type=float,
        default=4,
        help="memory growth over the second half of the soak that fails the run",
    )
    parser.add_argument(
        "--report", type=Path, help="also write the report as JSON here"
    )
    args = parser.parse_args(argv)
    names = SERVERS if args.server == "all" else (args.server,)
    reports = [
        run_server(
            name,
            duration=args.duration,
            threads=args.threads,
            warmup=args.warmup,
            segments=max(1, args.segments),
            workers=args.workers,
        )
        for name in names
    ]
    print(format_report(reports))
    if args.report is not None:
        payload = [dataclasses.asdict(r) | {"passed": r.passed} for r in reports]
        args.report.write_text(json.dumps(payload, indent=2) + "\n")
        print(f"report written to {args.report}")
    grew = [
        r
        for r in reports
        if r.rss_late_growth_mib is not None
        and r.rss_late_growth_mib > args.max_growth_mib
    ]
    return 0 if all(r.passed for r in reports) and not grew else 1
