"""A short run of the load test (``python -m loadtest`` is the full one):
gunicorn with threaded workers and waitress serve the mixed workload on
127.0.0.1; no request may fail or receive another request's data."""

from __future__ import annotations

import pytest
from loadtest.run import format_report
from loadtest.run import main
from loadtest.run import run_server
from loadtest.servers import SERVERS


@pytest.mark.slow
@pytest.mark.parametrize("server", SERVERS)
def test_short_load_run(server: str) -> None:
    report = run_server(
        server, duration=2.0, threads=8, warmup=0.5, segments=2, workers=2
    )
    text = format_report([report])
    assert report.problems == [], text
    assert (report.errors, report.mismatches) == (0, 0), text
    assert all(report.requests_by_kind.values()), text
    assert report.passed


def test_the_command_refuses_an_unknown_server(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["--server", "nginx"])
    assert "invalid choice" in capsys.readouterr().err
