"""The cost of transom's JSON checks (strict UTF-8, depth, lone
surrogates, non-finite numbers) over ``json.loads`` alone, on documents
made to be hard for them: one long string, deep nesting around it,
escapes, many small values.

A check that matched strings with a pattern once cost hundreds of times
parsing such a document; the checks must stay within a small factor of
parsing, however the text is made. Run with ``python -m
benchmarks.json_checks``; it prints, for each document, the best time of
``json.loads`` and of transom's ``loads`` and their ratio, and the same
for a request through the test client against one that reads the body
without parsing it, and exits with 1 when a ratio is over
:data:`LIMIT`.
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
import typing as t

from transom import App
from transom import request
from transom.json import default_provider

LIMIT: t.Final = 10.0
"""How many times ``json.loads`` the checked parse may cost."""


def documents(size: int = 1_000_000) -> dict[str, str]:
    """The hard documents, by name; ``size`` is the length of their long
    parts."""
    half = size // 2
    return {
        "string": '["' + "a" * size + '"]',
        "deep string": "[" * 300 + '"' + "a" * size + '"' + "]" * 300,
        "escaped quotes": "[" * 300 + '"' + '\\"' * half + '"' + "]" * 300,
        "escaped backslashes": "[" * 300 + '"' + "\\\\" * half + '"' + "]" * 300,
        "pairs": "[" * 300 + '"' + "\\ud83d\\ude00" * (size // 12) + '"' + "]" * 300,
        "many pairs": "[" * 250
        + ",".join(['"\\ud83d\\ude00"'] * (size // 20))
        + "]" * 250,
        "many arrays": "[" * 250 + ",".join(["[1]"] * (size // 12)) + "]" * 250,
    }


def fastest(work: t.Callable[[], object], rounds: int = 7) -> float:
    """The best wall time of ``rounds`` calls of ``work``."""
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def parse_ratio(text: str, rounds: int = 7) -> tuple[float, float]:
    """The best times of ``json.loads`` and of transom's checked ``loads``
    on ``text``'s UTF-8 bytes."""
    data = text.encode()

    def checked() -> None:
        with contextlib.suppress(ValueError):
            default_provider.loads(data)

    return fastest(lambda: json.loads(data), rounds), fastest(checked, rounds)


def request_ratio(text: str, rounds: int = 7) -> tuple[float, float]:
    """The best times of a POST of ``text`` to a view that reads the body
    and parses it with ``json.loads``, and to one that reads
    ``request.get_json()``."""
    app = App(__name__, static_folder=None)

    @app.route("/parsed", methods=["POST"])
    def parsed() -> str:
        return str(len(request.get_json(silent=True) or ""))

    @app.route("/read", methods=["POST"])
    def read() -> str:
        return str(len(json.loads(request.get_data())))

    client = app.test_client()
    body = text.encode()
    kind = "application/json"
    return (
        fastest(lambda: client.post("/read", data=body, content_type=kind), rounds),
        fastest(lambda: client.post("/parsed", data=body, content_type=kind), rounds),
    )


def report(size: int = 1_000_000, rounds: int = 7) -> tuple[str, bool]:
    """The report's lines, and whether every ratio is within the limit."""
    lines = [
        "| document | json.loads | checked | x | request, plain | request, checked | x |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    ok = True
    for name, text in documents(size).items():
        plain, checked = parse_ratio(text, rounds)
        read, parsed = request_ratio(text, rounds)
        ok = ok and checked <= LIMIT * plain and parsed <= LIMIT * read
        lines.append(
            f"| {name} | {plain * 1e3:.2f} ms | {checked * 1e3:.2f} ms"
            f" | ×{checked / plain:.1f} | {read * 1e3:.2f} ms"
            f" | {parsed * 1e3:.2f} ms | ×{parsed / read:.1f} |"
        )
    return "\n".join(lines), ok


def main() -> int:
    text, ok = report()
    print(text)
    if not ok:
        print(f"a checked parse costs more than ×{LIMIT:g} json.loads", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
