"""transom.serving: the address, debug mode and threading of ``app.run()``,
checked against what werkzeug's ``run_simple`` is handed."""

from __future__ import annotations

import typing as t

import pytest

from transom import App
from transom.exceptions import ConfigError
from transom.serving import server_address


class _FakeServer:
    """Records what ``run_simple`` receives, instead of serving."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int, dict[str, t.Any]]] = []

    def __call__(
        self, hostname: str, port: int, application: object, **options: t.Any
    ) -> None:
        self.calls.append((hostname, port, options))


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> _FakeServer:
    fake = _FakeServer()
    monkeypatch.setattr("werkzeug.serving.run_simple", fake)
    monkeypatch.delenv("TRANSOM_DEBUG", raising=False)
    return fake


# Flask's Flask.run: the arguments win, then SERVER_NAME, then 127.0.0.1:5000.
@pytest.mark.parametrize(
    ("server_name", "host", "port", "address"),
    [
        (None, None, None, ("127.0.0.1", 5000)),
        (None, "0.0.0.0", 8080, ("0.0.0.0", 8080)),
        (None, "", 0, ("127.0.0.1", 0)),
        ("example.test", None, None, ("example.test", 5000)),
        ("example.test:8000", None, None, ("example.test", 8000)),
        ("example.test:8000", "0.0.0.0", None, ("0.0.0.0", 8000)),
        ("example.test:8000", None, 9000, ("example.test", 9000)),
        ("example.test:8000", None, 0, ("example.test", 0)),
        ("example.test:", None, None, ("example.test", 5000)),
        ("[::1]:8000", None, None, ("[::1]", 8000)),
        ("[::1]", None, None, ("[::1]", 5000)),
        ("", None, None, ("127.0.0.1", 5000)),
    ],
)
def test_server_address(
    server_name: str | None,
    host: str | None,
    port: int | None,
    address: tuple[str, int],
) -> None:
    assert server_address(server_name, host, port) == address


def test_server_address_refuses_a_port_that_is_not_a_number() -> None:
    with pytest.raises(ConfigError) as info:
        server_address("example.test:http", None, None)
    assert str(info.value) == (
        "SERVER_NAME='example.test:http': the port 'http' is not a number. Fix:"
        " write the name as HOST or HOST:PORT, such as 'example.test:8000'."
    )


def test_run_with_none_uses_the_defaults(server: _FakeServer) -> None:
    App("site", static_folder=None).run(None, None)
    assert server.calls == [
        (
            "127.0.0.1",
            5000,
            {"use_reloader": False, "use_debugger": False, "threaded": True},
        )
    ]


def test_run_listens_where_server_name_says(server: _FakeServer) -> None:
    app = App("site", static_folder=None)
    app.config["SERVER_NAME"] = "localhost:8123"
    app.run()
    app.run(port=8124)
    assert [(host, port) for host, port, _ in server.calls] == [
        ("localhost", 8123),
        ("localhost", 8124),
    ]


def test_run_is_threaded_unless_told_otherwise(server: _FakeServer) -> None:
    app = App("site", static_folder=None)
    app.run()
    app.run(threaded=False)
    assert [options["threaded"] for _, _, options in server.calls] == [True, False]


@pytest.mark.parametrize(
    ("flag", "debug"),
    [("False", False), ("no", False), ("OFF", False), ("0", False), ("1", True)],
)
def test_run_reads_transom_debug_as_the_command_line_does(
    server: _FakeServer, monkeypatch: pytest.MonkeyPatch, flag: str, debug: bool
) -> None:
    monkeypatch.setenv("TRANSOM_DEBUG", flag)
    app = App("site", static_folder=None)
    app.config.from_prefixed_env()
    app.run()
    ((_, _, options),) = server.calls
    assert app.debug is debug
    assert options["use_debugger"] is debug
    assert options["use_reloader"] is debug


def test_run_debug_argument_wins_over_the_environment(
    server: _FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRANSOM_DEBUG", "1")
    app = App("site", static_folder=None)
    app.run(debug=False)
    assert app.debug is False
    assert server.calls[0][2]["use_debugger"] is False


def test_run_refuses_a_transom_debug_that_is_not_a_boolean(
    server: _FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRANSOM_DEBUG", "maybe")
    with pytest.raises(ConfigError, match="^TRANSOM_DEBUG: 'maybe' is not a boolean"):
        App("site", static_folder=None).run()
    assert server.calls == []


@pytest.mark.parametrize(("value", "debug"), [("False", False), ("on", True)])
def test_debug_reads_a_string_setting_as_a_boolean(value: str, debug: bool) -> None:
    app = App("site", static_folder=None)
    app.config["DEBUG"] = value
    assert app.debug is debug
