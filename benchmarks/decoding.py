"""The decode step alone: transom's decoder against pydantic v2's compiled
validator, on the same document of five fields and one nested list of
objects.

Both get the document as ``json.loads`` gives it and build the same
dataclasses (the constraints are annotated-types objects, which both read).
pydantic validates in lax mode (it would take ``"3"`` for an integer);
its strict mode cannot be compared, as it takes no date written as text
in Python input. Run with ``python -m benchmarks.decoding``; it prints the time per
document (the least over rounds) and exits with 1 when transom takes more
than twice pydantic's lax time. ``--check`` runs a few rounds only (for
the test suite).
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import sys
import time
import typing as t

import annotated_types as at

from transom.decoding import decoder_for

LIMIT: t.Final = 2.0
"""How many times pydantic's time transom may take."""


@dataclasses.dataclass
class Step:
    name: t.Annotated[str, at.Len(1, 100)]
    minutes: t.Annotated[int, at.Ge(0)]
    done: bool = False


@dataclasses.dataclass
class NewTask:
    title: t.Annotated[str, at.Len(1, 200)]
    priority: t.Annotated[int, at.Interval(ge=1, le=5)]
    due: datetime.date | None
    tags: list[str]
    steps: list[Step] = dataclasses.field(default_factory=list[Step])


DOCUMENT: t.Final = json.dumps(
    {
        "title": "Write the release notes",
        "priority": 2,
        "due": "2025-06-30",
        "tags": ["docs", "release"],
        "steps": [
            {"name": "Collect the changes", "minutes": 30},
            {"name": "Write", "minutes": 90, "done": False},
            {"name": "Review", "minutes": 20, "done": True},
        ],
    }
)
"""The document, as a client sends it."""


def candidates() -> dict[str, t.Callable[[object], object]]:
    """Each validator, by name, taking the decoded JSON document."""
    import pydantic

    return {
        "transom": decoder_for(NewTask).decode,
        "pydantic": pydantic.TypeAdapter(NewTask).validate_python,
    }


def per_call(
    validate: t.Callable[[object], object],
    data: object,
    number: int = 20000,
    rounds: int = 7,
) -> float:
    """The least CPU seconds per call over ``rounds``."""
    best = float("inf")
    for _ in range(rounds):
        began = time.process_time()
        for _ in range(number):
            validate(data)
        best = min(best, (time.process_time() - began) / number)
    return best


def main(argv: list[str]) -> int:
    check = "--check" in argv
    data = json.loads(DOCUMENT)
    validators = candidates()
    results = {name: validate(data) for name, validate in validators.items()}
    assert results["transom"] == results["pydantic"]
    number, rounds = (200, 1) if check else (20000, 7)
    times: dict[str, list[float]] = {name: [] for name in validators}
    for _ in range(1 if check else 3):  # interleaved, so that drift hits all alike
        for name, validate in validators.items():
            times[name].append(per_call(validate, data, number, rounds))
    best = {name: min(values) for name, values in times.items()}
    for name, value in best.items():
        print(f"{name:>16}: {value * 1e6:6.2f} µs per document")
    ratio = best["transom"] / best["pydantic"]
    print(f"{'transom/pydantic':>16}: {ratio:.2f} (limit {LIMIT})")
    return 0 if check or ratio <= LIMIT else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
