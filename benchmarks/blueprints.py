"""The cost of blueprints: the last of 500 routes, on one app and spread
over 10 blueprints that each have a ``before_request`` hook.

A blueprint's hooks are merged into its routes at registration, so a
request pays only for the hooks of its own route's blueprint: the second
app should answer within 15% of the first (the one hook it runs
included). Run with ``python -m benchmarks.blueprints``; it prints both
times (the minimum over rounds of CPU time per request) and exits with 1
when the blueprint app is more than 15% slower.
"""

from __future__ import annotations

import io
import sys
import time
import typing as t

from benchmarks import shared
from benchmarks.frameworks.transom_functions import make_many_app
from benchmarks.frameworks.transom_views import new_app
from transom import App
from transom import Blueprint

BLUEPRINTS: t.Final = 10
"""How many blueprints share the routes."""
LIMIT: t.Final = 1.15
"""How much slower the blueprint app may be."""


def _view(i: int) -> t.Callable[[str], str]:
    def view(name: str) -> str:
        return f"r{i} {name}"

    return view


def make_blueprint_app() -> App:
    """:data:`benchmarks.shared.ROUTES` routes, ``/r{i}/<name>``, spread
    over :data:`BLUEPRINTS` blueprints without prefixes, each with a
    ``before_request`` hook."""
    app = new_app()
    per = shared.ROUTES // BLUEPRINTS
    for b in range(BLUEPRINTS):
        bp = Blueprint(f"bp{b}", __name__)

        @bp.before_request
        def before() -> None:
            return None

        for i in range(b * per, (b + 1) * per):
            bp.add_route(f"/r{i}/<name>", _view(i), endpoint=f"r{i}")
        app.register_blueprint(bp)
    return app


def _environ(path: str) -> dict[str, t.Any]:
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "HTTP_HOST": "localhost",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }


def per_request(app: App, path: str, number: int = 2000, rounds: int = 15) -> float:
    """The least CPU seconds per request of ``path`` over ``rounds``."""
    base = _environ(path)

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        assert status.startswith("200"), status

    best = float("inf")
    for _ in range(rounds):
        began = time.process_time()
        for _ in range(number):
            b"".join(app(dict(base), start_response))
        best = min(best, (time.process_time() - began) / number)
    return best


def main() -> int:
    path = f"/r{shared.ROUTES - 1}/ada"
    one, spread = make_many_app(), make_blueprint_app()
    assert b"".join(one(_environ(path), lambda s, h: None)) == b"".join(
        spread(_environ(path), lambda s, h: None)
    )
    times: dict[str, list[float]] = {"one app": [], "10 blueprints": []}
    for _ in range(3):  # interleaved, so that drift hits both alike
        times["one app"].append(per_request(one, path))
        times["10 blueprints"].append(per_request(spread, path))
    best = {name: min(values) for name, values in times.items()}
    ratio = best["10 blueprints"] / best["one app"]
    for name, value in best.items():
        print(f"{name:>14}: {value * 1e6:6.2f} µs per request")
    print(f"{'ratio':>14}: {ratio:.3f} (limit {LIMIT})")
    return 0 if ratio <= LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
