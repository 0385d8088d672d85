"""In-process measurement: time each app on each workload, count the Python
function calls per request, and profile one case.

Time is this process's CPU time (``time.process_time``), so that other
processes on a shared machine do not inflate the figures. Each request gets
a fresh environ (a shallow copy of one built per
workload) and a fresh ``wsgi.input``; the body is consumed and closed, as a
server does. Cases are interleaved and repeated in rounds, in a new random
order each round, so that drift of the machine hits every framework alike.
"""

from __future__ import annotations

import cProfile
import dataclasses
import gc
import io
import pstats
import random
import statistics
import sys
import time
import typing as t

from benchmarks import check

if t.TYPE_CHECKING:
    from wsgiref.types import WSGIApplication

    from benchmarks.frameworks import Framework
    from benchmarks.workloads import Workload


@dataclasses.dataclass
class Case:
    """One framework on one workload, ready to call."""

    framework: Framework
    workload: Workload
    app: WSGIApplication
    environ: dict[str, t.Any]
    body: bytes
    number: int = 1
    """Requests per timed batch, found by :func:`calibrate`."""
    samples: list[float] = dataclasses.field(default_factory=list[float])
    """Seconds per request, one per batch."""

    @classmethod
    def build(
        cls,
        framework: Framework,
        workload: Workload,
        app: WSGIApplication,
        session_cookie: t.Callable[..., str],
    ) -> Case:
        cookie = None
        if workload.session is not None:
            cookie = session_cookie(app, workload.session)
        return cls(framework, workload, app, workload.environ(cookie), workload.body)

    @property
    def median(self) -> float:
        """The median seconds per request."""
        return statistics.median(self.samples)

    @property
    def spread(self) -> float:
        """The interquartile range relative to the median."""
        if len(self.samples) < 4:
            return 0.0
        q1, _, q3 = statistics.quantiles(self.samples, n=4)
        return (q3 - q1) / self.median


def _start_response(
    status: str, headers: list[tuple[str, str]], exc_info: t.Any = None
) -> t.Any:
    return None


def run(case: Case, number: int) -> float:
    """Serve ``number`` requests; return the seconds per request."""
    app = case.app
    template = case.environ
    body = case.body
    start_response = _start_response
    bytes_io = io.BytesIO
    # CPU time of this process, not wall time: on a shared machine other
    # processes preempt this one, and wall time would charge their work to
    # whichever framework happened to be running.
    clock = time.process_time
    begin = clock()
    for _ in range(number):
        environ = template.copy()
        environ["wsgi.input"] = bytes_io(body)
        iterable = app(environ, start_response)
        for _chunk in iterable:
            pass
        close = getattr(iterable, "close", None)
        if close is not None:
            close()
    return (clock() - begin) / number


def calibrate(case: Case, batch_seconds: float) -> None:
    """Warm the case up and choose a batch size that takes about
    ``batch_seconds``."""
    run(case, 20)
    per_request = run(case, 50)
    case.number = max(10, int(batch_seconds / per_request))


def measure(cases: list[Case], rounds: int, seed: int = 0) -> None:
    """Time every case ``rounds`` times, interleaved, into ``case.samples``."""
    order = list(cases)
    shuffle = random.Random(seed).shuffle
    # Every app is built: move what exists to the permanent generation, so
    # that a collection during a batch walks only what requests allocate,
    # and no framework pays for the heap of all the others.
    gc.collect()
    gc.freeze()
    try:
        for _ in range(rounds):
            shuffle(order)
            for case in order:
                case.samples.append(run(case, case.number))
    finally:
        gc.unfreeze()


def count_calls(case: Case, number: int = 20) -> float:
    """Python function calls per request (a noise-free figure): every
    ``call`` event of the profiler hook, C functions excluded."""
    run(case, 5)
    calls = 0

    def hook(frame: t.Any, event: str, arg: t.Any) -> None:
        nonlocal calls
        if event == "call":
            calls += 1

    sys.setprofile(hook)
    try:
        run(case, number)
    finally:
        sys.setprofile(None)
    # The harness's own call to start_response is one per request.
    return calls / number


def profile(case: Case, number: int = 2000, limit: int = 30) -> str:
    """cProfile ``number`` requests; the report sorted by internal time."""
    run(case, 50)
    profiler = cProfile.Profile()
    profiler.enable()
    run(case, number)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(limit)
    stats.sort_stats("cumulative").print_stats(limit)
    return out.getvalue()


def verify(case: Case, session_cookie: t.Callable[..., str]) -> list[str]:
    """The equivalence problems of this case (see :mod:`benchmarks.check`)."""
    return check.problems(case.app, case.workload, session_cookie)
