"""``transom run`` without a real server: options, environment defaults,
the start-up messages and what is handed to werkzeug's ``run_simple``."""

from __future__ import annotations

import argparse
import collections.abc as cabc
import socket
import typing as t

import pytest
from werkzeug.debug import DebuggedApplication
from werkzeug.test import Client

from transom import App
from transom.cli import AppLoadError
from transom.cli import CommandError
from transom.cli import UsageError
from transom.cli import run as run_module
from transom.cli.discovery import AppSpec
from transom.cli.discovery import FoundApp
from transom.cli.run import RunOptions
from transom.cli.run import exposed
from transom.cli.run import options_from


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> t.NoReturn:
        raise UsageError(message)


def _options(*argv: str, **environ: str) -> RunOptions:
    parser = _Parser()
    run_module.add_arguments(parser)
    return options_from(parser.parse_args(argv), environ)


def test_defaults() -> None:
    assert _options() == RunOptions(host="127.0.0.1", port=5000, debug=False)


def test_debug_turns_on_the_reloader_unless_told_otherwise() -> None:
    assert _options("--debug").reload is True
    assert _options("--debug", "--no-reload").reload is False
    assert _options("--reload").debug is False


def test_environment_defaults() -> None:
    options = _options(
        TRANSOM_DEBUG="yes",
        TRANSOM_RUN_HOST="::1",
        TRANSOM_RUN_PORT="8001",
        TRANSOM_RUN_RELOAD="0",
        TRANSOM_RUN_EXTRA_FILES="a.cfg:b.cfg",
        TRANSOM_RUN_EXCLUDE_PATTERNS="*.tmp",
    )
    assert options == RunOptions(
        host="::1",
        port=8001,
        debug=True,
        reload=False,
        extra_files=("a.cfg", "b.cfg"),
        exclude_patterns=("*.tmp",),
    )


def test_command_line_wins_over_the_environment() -> None:
    options = _options(
        "--no-debug",
        "--port",
        "0",
        "--host",
        "localhost",
        "--extra-files",
        "c.cfg",
        TRANSOM_DEBUG="1",
        TRANSOM_RUN_PORT="8001",
        TRANSOM_RUN_HOST="0.0.0.0",
        TRANSOM_RUN_EXTRA_FILES="a.cfg",
    )
    assert (options.debug, options.port, options.host) == (False, 0, "localhost")
    assert options.extra_files == ("c.cfg",)


@pytest.mark.parametrize(
    ("argv", "environ", "message"),
    [
        (["--port", "http"], {}, "'http' is not a port number"),
        (["--port", "70000"], {}, "'70000' is not a port number"),
        (["--port", "-1"], {}, "'-1' is not a port number"),
        ([], {"TRANSOM_RUN_PORT": "x"}, "TRANSOM_RUN_PORT='x': 'x' is not a port"),
        ([], {"TRANSOM_DEBUG": "maybe"}, "TRANSOM_DEBUG: 'maybe' is not a boolean"),
        ([], {"TRANSOM_RUN_RELOAD": "2"}, "TRANSOM_RUN_RELOAD: '2' is not a boolean"),
        (["--key", "k.pem"], {}, "--key needs --cert"),
        (["--cert", "c.pem"], {}, "--cert c.pem needs --key"),
        (["--cert", "adhoc", "--key", "k.pem"], {}, "--cert adhoc makes its own key"),
        (["--debug=1"], {}, "ignored explicit argument"),
    ],
)
def test_bad_values(argv: list[str], environ: dict[str, str], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        _options(*argv, **environ)


@pytest.mark.parametrize(
    ("host", "is_exposed"),
    [
        ("127.0.0.1", False),
        ("127.0.0.2", False),
        ("::1", False),
        ("[::1]", False),
        ("localhost", False),
        ("app.localhost", False),
        ("unix:///tmp/app.sock", False),
        ("0.0.0.0", True),
        ("::", True),
        ("192.168.1.20", True),
        ("example.com", True),
    ],
)
def test_exposed(host: str, is_exposed: bool) -> None:
    assert exposed(host) is is_exposed


class _FakeServer:
    """Records what ``run_simple`` receives, instead of serving."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int, t.Any, dict[str, t.Any]]] = []

    def __call__(
        self, hostname: str, port: int, application: t.Any, **options: t.Any
    ) -> None:
        self.calls.append((hostname, port, application, options))


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> _FakeServer:
    fake = _FakeServer()
    monkeypatch.setattr("werkzeug.serving.run_simple", fake)
    monkeypatch.delenv("WERKZEUG_RUN_MAIN", raising=False)
    return fake


def _loader(app: App) -> cabc.Callable[[], FoundApp]:
    return lambda: FoundApp(app, "site", "app", AppSpec.parse("site", "--app"))


def test_plain_run_has_no_debugger_and_no_reloader(
    server: _FakeServer, capsys: pytest.CaptureFixture[str]
) -> None:
    app = App("site", static_folder=None)
    assert run_module.run(_loader(app), RunOptions(port=0)) == 0
    ((host, port, application, options),) = server.calls
    assert (host, port, application) == ("127.0.0.1", 0, app)
    assert options["use_reloader"] is False
    assert options["use_debugger"] is False
    assert app.debug is False
    err = capsys.readouterr().err
    assert " * Serving transom app 'site:app'" in err
    assert " * Debug mode: off" in err
    assert "WARNING" not in err


def test_debug_wraps_the_app_in_the_debugger_and_shows_the_pin(
    server: _FakeServer,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("WERKZEUG_DEBUG_PIN", "123-456-789")
    app = App("site", static_folder=None)
    run_module.run(_loader(app), RunOptions(port=0, debug=True, reload=False))
    ((_, _, application, options),) = server.calls
    assert isinstance(application, DebuggedApplication)
    assert application.app is app
    assert application.evalex is True
    assert options["use_reloader"] is False
    assert app.debug is True
    err = capsys.readouterr().err
    assert " * Debug mode: on" in err
    assert " * Debugger is active! Debugger PIN: 123-456-789" in err


def test_debug_with_the_reloader_leaves_the_pin_to_werkzeug(
    server: _FakeServer, capsys: pytest.CaptureFixture[str]
) -> None:
    app = App("site", static_folder=None)
    run_module.run(_loader(app), RunOptions(port=0, debug=True, reload=True))
    ((_, _, application, options),) = server.calls
    assert isinstance(application, DebuggedApplication)
    assert options["use_reloader"] is True
    assert "PIN:" not in capsys.readouterr().err


def _no_check(host: str, port: int) -> None:
    pass


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.1"])
def test_exposed_host_warns(
    server: _FakeServer,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    host: str,
) -> None:
    # The address check would fail for an address this machine lacks.
    monkeypatch.setattr(run_module, "_check_address", _no_check)
    app = App("site", static_folder=None)
    run_module.run(_loader(app), RunOptions(host=host, port=5000, debug=True))
    err = capsys.readouterr().err
    assert f" * WARNING: --host {host} listens on" in err
    assert "anyone who can reach it on port 5000 can use the app" in err
    assert "The interactive debugger answers requests from this machine only" in err


def _boom() -> str:
    raise RuntimeError("secret detail")


@pytest.mark.parametrize(
    ("remote_addr", "debugger"),
    [("127.0.0.1", True), ("::1", True), ("192.0.2.7", False)],
)
def test_exposed_host_serves_the_debugger_to_this_machine_only(
    server: _FakeServer,
    monkeypatch: pytest.MonkeyPatch,
    remote_addr: str,
    debugger: bool,
) -> None:
    monkeypatch.setattr(run_module, "_check_address", _no_check)
    app = App("site", static_folder=None)
    app.add_route("/boom", _boom)
    run_module.run(_loader(app), RunOptions(host="0.0.0.0", port=5000, debug=True))
    ((_, _, application, _),) = server.calls
    assert not isinstance(application, DebuggedApplication)
    client = Client(application)
    if debugger:
        response = client.get("/boom", environ_base={"REMOTE_ADDR": remote_addr})
        assert response.status_code == 500
        assert "secret detail" in response.get_data(as_text=True)
    else:
        # A remote client never reaches the debugger: the error propagates to
        # the server, which answers with its own plain 500 page.
        with pytest.raises(RuntimeError, match="secret detail"):
            client.get("/boom", environ_base={"REMOTE_ADDR": remote_addr})


def test_port_in_use(server: _FakeServer) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(CommandError) as info:
            run_module.run(
                _loader(App("site", static_folder=None)), RunOptions(port=port)
            )
    assert str(info.value).startswith(
        f"port {port} on 127.0.0.1 is in use by another program; stop it, or pick"
        " another port with --port"
    )
    assert server.calls == []


def test_address_this_machine_lacks(server: _FakeServer) -> None:
    with pytest.raises(CommandError, match="this machine has no such address"):
        run_module.run(
            _loader(App("site", static_folder=None)),
            RunOptions(host="192.0.2.1", port=5000),
        )


def test_missing_certificate_files(server: _FakeServer) -> None:
    with pytest.raises(CommandError, match="--cert missing.pem: no such file"):
        run_module.run(
            _loader(App("site", static_folder=None)),
            RunOptions(port=0, cert="missing.pem", key="missing.key"),
        )


def test_load_error_outside_the_reloader_ends_the_command(server: _FakeServer) -> None:
    def load() -> FoundApp:
        raise AppLoadError("no app here")

    with pytest.raises(AppLoadError, match="no app here"):
        run_module.run(load, RunOptions(port=0, reload=True))
    assert server.calls == []


@pytest.mark.parametrize("debug", [False, True])
def test_load_error_in_the_reloader_keeps_serving_an_error_page(
    server: _FakeServer,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    debug: bool,
) -> None:
    monkeypatch.setenv("WERKZEUG_RUN_MAIN", "true")

    def load() -> FoundApp:
        raise AppLoadError(
            "importing 'site' raised NameError: x",
            user_traceback="Traceback: the user's frames\n",
        )

    assert run_module.run(load, RunOptions(port=0, debug=debug, reload=True)) == 0
    err = capsys.readouterr().err
    assert err == (
        "Traceback: the user's frames\nError: importing 'site' raised NameError: x\n"
    )
    ((_, _, application, options),) = server.calls
    assert options["use_reloader"] is True
    client = Client(application)
    for remote_addr in ("127.0.0.1", "::1"):
        response = client.get("/", environ_base={"REMOTE_ADDR": remote_addr})
        assert response.status_code == 500
        body = response.get_data(as_text=True)
        assert "The app did not load: importing 'site' raised NameError: x" in body
        assert "Fix the error and save" in body
        # The traceback is the user's code: this machine sees it in debug mode.
        assert ("the user's frames" in body) is debug
    # A remote client (or one the server cannot place) learns nothing: the
    # message and the source lines may hold secrets.
    for environ_base in ({"REMOTE_ADDR": "192.0.2.7"}, {}):
        response = client.get("/", environ_base=environ_base)
        assert response.status_code == 500
        assert response.get_data(as_text=True) == (
            "The app did not load; the server's console says why.\n"
        )
