"""Per-request cost of transom against other WSGI frameworks.

Every framework serves the same workloads (see :mod:`benchmarks.workloads`),
and every app is checked for the same status, body and content type before
it is timed, so that no framework looks fast by doing less::

    python -m benchmarks                 # everything; writes benchmarks/RESULTS.md
    python -m benchmarks --quick         # a tiny run, as the test suite does
    python -m benchmarks --profile transom_views param   # cProfile one case
    python -m benchmarks --check         # the equivalence checks alone

Modules: :mod:`~benchmarks.frameworks` (one app per framework),
:mod:`~benchmarks.check` (equivalence), :mod:`~benchmarks.inprocess`
(timing and call counts), :mod:`~benchmarks.serve` (gunicorn under load),
:mod:`~benchmarks.typing_cost` (mypy and import time) and
:mod:`~benchmarks.report` (the Markdown report).
"""
