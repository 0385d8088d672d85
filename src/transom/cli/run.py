"""``transom run``: werkzeug's development server, reloader and debugger.

Each option has an environment default, read when the option is not
given: ``TRANSOM_DEBUG`` for ``--debug``, and ``TRANSOM_RUN_<OPTION>`` for
the others (``TRANSOM_RUN_HOST``, ``TRANSOM_RUN_PORT``, ...).

Debug mode turns on the reloader (unless ``--no-reload``) and werkzeug's
interactive debugger, whose PIN is printed on start. The debugger is never
on without debug mode. The server listens on 127.0.0.1 unless ``--host``
says otherwise, and warns when it can be reached from other machines.
"""

from __future__ import annotations

import argparse
import collections.abc as cabc
import dataclasses
import errno
import importlib.util
import ipaddress
import os
import socket
import sys
import typing as t

from ..config import read_bool
from ..exceptions import ConfigError
from ..security import is_loopback
from ._errors import AppLoadError
from ._errors import CommandError
from ._errors import UsageError

if t.TYPE_CHECKING:
    import ssl

    from ..typing import StartResponse
    from ..typing import WSGIApplication
    from ..typing import WSGIEnvironment
    from .discovery import FoundApp

ENV_DEBUG: t.Final = "TRANSOM_DEBUG"
"""The environment default of ``--debug``."""
ENV_PREFIX: t.Final = "TRANSOM_RUN_"
"""The prefix of the other options' environment defaults."""
DEFAULT_HOST: t.Final = "127.0.0.1"
DEFAULT_PORT: t.Final = 5000


@dataclasses.dataclass(frozen=True, slots=True)
class RunOptions:
    """The settings of ``transom run``, after the environment defaults."""

    host: str = DEFAULT_HOST
    """The interface to listen on."""
    port: int = DEFAULT_PORT
    """The port; ``0`` picks a free one."""
    debug: bool = False
    """Debug mode: the interactive debugger, and the reloader by default."""
    reload: bool = False
    """Restart the server when a Python file changes."""
    cert: str | None = None
    """A certificate file for HTTPS, or ``'adhoc'`` for a throwaway one."""
    key: str | None = None
    """The private key of :attr:`cert`."""
    extra_files: tuple[str, ...] = ()
    """More files whose changes restart the server."""
    exclude_patterns: tuple[str, ...] = ()
    """``fnmatch`` patterns of files the reloader ignores."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of ``transom run``."""
    env = ENV_PREFIX
    parser.add_argument(
        "--host",
        help=f"the interface to listen on; 0.0.0.0 is every interface, which"
        f" exposes the app to the network (env {env}HOST, default {DEFAULT_HOST})",
    )
    parser.add_argument(
        "--port",
        type=_port,
        help=f"the port, 0 for any free one (env {env}PORT, default {DEFAULT_PORT})",
    )
    parser.add_argument(
        "--debug",
        action=argparse.BooleanOptionalAction,
        help=f"debug mode: the reloader and werkzeug's interactive debugger"
        f" (env {ENV_DEBUG}, default off)",
    )
    parser.add_argument(
        "--reload",
        action=argparse.BooleanOptionalAction,
        help=f"restart when a Python file changes (env {env}RELOAD, default: on in"
        " debug mode)",
    )
    parser.add_argument(
        "--cert",
        metavar="FILE|adhoc",
        help=f"serve HTTPS with this certificate; 'adhoc' makes a throwaway one"
        f" (needs the cryptography package) (env {env}CERT)",
    )
    parser.add_argument(
        "--key", metavar="FILE", help=f"the private key of --cert (env {env}KEY)"
    )
    parser.add_argument(
        "--extra-files",
        action="append",
        metavar="PATHS",
        help=f"more files that restart the server when they change, separated by"
        f" {os.pathsep!r} (env {env}EXTRA_FILES)",
    )
    parser.add_argument(
        "--exclude-patterns",
        action="append",
        metavar="PATTERNS",
        help=f"fnmatch patterns of files the reloader ignores, separated by"
        f" {os.pathsep!r} (env {env}EXCLUDE_PATTERNS)",
    )


def options_from(
    namespace: argparse.Namespace, environ: cabc.Mapping[str, str]
) -> RunOptions:
    """Combine the command line with the environment defaults and check them.

    :raises UsageError: a bad environment value or option combination.
    """

    def env(name: str) -> str | None:
        value = environ.get(ENV_PREFIX + name)
        return value if value else None

    host: str = namespace.host or env("HOST") or DEFAULT_HOST
    port: int | None = namespace.port
    if port is None:
        text = env("PORT")
        port = DEFAULT_PORT if text is None else _env_value(_port, "PORT", text)
    debug: bool | None = namespace.debug
    if debug is None:
        debug = _boolean(ENV_DEBUG, environ.get(ENV_DEBUG, ""))
    reload: bool | None = namespace.reload
    if reload is None:
        text = env("RELOAD")
        reload = debug if text is None else _boolean(ENV_PREFIX + "RELOAD", text)
    cert: str | None = namespace.cert or env("CERT")
    key: str | None = namespace.key or env("KEY")
    _check_tls(cert, key)
    return RunOptions(
        host=host,
        port=port,
        debug=debug,
        reload=reload,
        cert=cert,
        key=key,
        extra_files=_paths(namespace.extra_files, env("EXTRA_FILES")),
        exclude_patterns=_paths(namespace.exclude_patterns, env("EXCLUDE_PATTERNS")),
    )


def run(load: cabc.Callable[[], FoundApp], options: RunOptions) -> int:
    """Load the app and serve it until interrupted.

    In the reloader's server process, an app that no longer imports (a
    mistake made while editing) is reported and answered with a 500 page,
    and the reloader keeps watching, so that saving the fix restarts it.

    :raises CommandError: the app does not load, the address cannot be
        used, or the certificate does not load.
    """
    from werkzeug.serving import is_running_from_reloader
    from werkzeug.serving import run_simple

    restarted = is_running_from_reloader()
    application: WSGIApplication
    try:
        found = load()
    except AppLoadError as e:
        if not restarted:
            raise
        from .main import report

        report(e)
        application = _failed_app(e, options.debug)
    else:
        found.app.debug = options.debug
        application = found.app
        if not restarted:
            _check_address(options.host, options.port)
            _announce(found, options)
    ssl_context = _ssl_context(options.cert, options.key)
    if options.debug:
        debugged = _debugger(application, options, announce_pin=not options.reload)
        application = (
            _loopback_only(debugged, application) if exposed(options.host) else debugged
        )
    run_simple(
        options.host,
        options.port,
        application,
        use_reloader=options.reload,
        use_debugger=False,  # wrapped above, so the PIN is shown without the reloader too
        threaded=True,
        ssl_context=ssl_context,
        extra_files=options.extra_files or None,
        exclude_patterns=options.exclude_patterns or None,
    )
    return 0


def exposed(host: str) -> bool:
    """Whether listening on ``host`` lets other machines connect."""
    if host.startswith("unix://") or host == "localhost" or host.endswith(".localhost"):
        return False
    try:
        return not ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return True  # a host name, which may resolve to a public address


def _announce(found: FoundApp, options: RunOptions) -> None:
    lines = [f" * Serving transom app '{found}'"]
    if options.debug:
        reloader = "reloader on" if options.reload else "reloader off (--no-reload)"
        lines.append(
            f" * Debug mode: on ({reloader}; werkzeug's interactive debugger on, its"
            " PIN is below)"
        )
    else:
        reloader = "; reloader on" if options.reload else ""
        lines.append(
            f" * Debug mode: off{reloader} (--debug turns on the reloader and the"
            " interactive debugger)"
        )
    if exposed(options.host):
        where = (
            "every network interface of this machine"
            if options.host in ("0.0.0.0", "::", "[::]")
            else f"{options.host}, an address other machines can reach"
        )
        lines.append(
            f" * WARNING: --host {options.host} listens on {where}: anyone who can"
            f" reach it on {f'port {options.port}' if options.port else 'its port'}"
            " can use the app."
            " Use the default, 127.0.0.1, to keep it to this machine."
        )
        if options.debug:
            lines.append(
                " * The interactive debugger answers requests from this machine only;"
                " other machines get a plain 500 page when the app fails."
            )
    print("\n".join(lines), file=sys.stderr, flush=True)


def _debugger(
    application: WSGIApplication, options: RunOptions, *, announce_pin: bool
) -> WSGIApplication:
    from werkzeug.debug import DebuggedApplication

    debugged = DebuggedApplication(application, evalex=True)
    # Like run_simple(use_debugger=True): the debugger's console answers
    # requests for the host it listens on, besides localhost.
    debugged.trusted_hosts.append(options.host)
    # werkzeug prints the PIN only in the reloader's server process.
    if announce_pin:
        pin = debugged.pin
        if pin is None:
            message = (
                " * Debugger PIN disabled (WERKZEUG_DEBUG_PIN=off): anyone can use it!"
            )
        else:
            message = f" * Debugger is active! Debugger PIN: {pin}"
        print(message, file=sys.stderr, flush=True)
    return debugged


def _loopback_only(
    debugged: WSGIApplication, plain: WSGIApplication
) -> WSGIApplication:
    """Serve the interactive debugger to clients on this machine only.

    On an address other machines can reach, a remote client's error is a
    plain 500 from the server, never a traceback or a console.
    """

    def application(
        environ: WSGIEnvironment, start_response: StartResponse
    ) -> cabc.Iterable[bytes]:
        if is_loopback(str(environ.get("REMOTE_ADDR", ""))):
            return debugged(environ, start_response)
        return plain(environ, start_response)

    return application


def _failed_app(error: AppLoadError, debug: bool) -> WSGIApplication:
    """The 500 page served while the app does not import. A client on this
    machine reads why (and the traceback, in debug mode); a remote one gets
    a plain page, since the message and the source lines may hold secrets."""
    fix = "\nFix the error and save; the server restarts by itself.\n"
    plain = b"The app did not load; the server's console says why.\n"
    local_text = f"The app did not load: {error}\n"
    if debug and error.user_traceback:
        local_text += "\n" + error.user_traceback
    detailed = (local_text + fix).encode()

    def application(
        environ: WSGIEnvironment, start_response: StartResponse
    ) -> cabc.Iterable[bytes]:
        local = is_loopback(str(environ.get("REMOTE_ADDR", "")))
        body = detailed if local else plain
        start_response(
            "500 INTERNAL SERVER ERROR",
            [
                ("Content-Type", "text/plain; charset=utf-8"),
                ("Content-Length", str(len(body))),
            ],
        )
        return [body]

    return application


def _check_address(host: str, port: int) -> None:
    """Fail with one line before werkzeug tries, and prints several, when the
    address cannot be listened on."""
    if port == 0 or host.startswith("unix://"):
        return
    from werkzeug.serving import get_sockaddr
    from werkzeug.serving import select_address_family

    family = select_address_family(host, port)
    try:
        address = get_sockaddr(host, port, family)
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            if (
                os.name != "nt"
            ):  # as werkzeug's server does; on Windows it means sharing
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
    except socket.gaierror as e:
        raise CommandError(
            f"cannot listen on --host {host!r}: the name does not resolve"
            f" ({e.strerror}); use an IP address such as 127.0.0.1"
        ) from None
    except OSError as e:
        if e.errno == errno.EADDRINUSE:
            other = 5001 if port == 5000 else 5000
            raise CommandError(
                f"port {port} on {host} is in use by another program; stop it, or"
                f" pick another port with --port (for example --port {other}, or"
                " --port 0 for any free one)"
            ) from None
        if e.errno == errno.EACCES:
            raise CommandError(
                f"no permission to listen on port {port} (ports below 1024 need"
                " administrator rights); pick another with --port, such as 5000"
            ) from None
        if e.errno == errno.EADDRNOTAVAIL:
            raise CommandError(
                f"cannot listen on --host {host}: this machine has no such address;"
                " use 127.0.0.1, or 0.0.0.0 for every interface"
            ) from None
        raise CommandError(
            f"cannot listen on {host} port {port}: {e.strerror or e}"
        ) from None


def _check_tls(cert: str | None, key: str | None) -> None:
    if key is not None and cert is None:
        raise UsageError("--key needs --cert, the certificate that goes with it")
    if cert == "adhoc":
        if key is not None:
            raise UsageError(
                "--cert adhoc makes its own key; leave out --key, or give a"
                " certificate file"
            )
        if importlib.util.find_spec("cryptography") is None:
            raise UsageError(
                "--cert adhoc needs the cryptography package: python -m pip install"
                " cryptography (or give a certificate file and --key)"
            )
    elif cert is not None and key is None:
        raise UsageError(
            f"--cert {cert} needs --key, the private key file of the certificate"
        )


def _ssl_context(
    cert: str | None, key: str | None
) -> ssl.SSLContext | t.Literal["adhoc"] | None:
    if cert is None:
        return None
    if cert == "adhoc":
        return "adhoc"
    import ssl

    for option, path in (("--cert", cert), ("--key", key)):
        if path is not None and not os.path.isfile(path):
            raise CommandError(f"{option} {path}: no such file")
    try:
        # What werkzeug's load_ssl_context() does, with the types known.
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
    except (OSError, ssl.SSLError) as e:
        raise CommandError(
            f"cannot load the certificate {cert} with the key {key}: {e}"
        ) from None
    return context


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a port number (0 to 65535; 0 picks a free one)"
        )
    return port


_T = t.TypeVar("_T")


def _env_value(parse: cabc.Callable[[str], _T], name: str, text: str) -> _T:
    try:
        return parse(text)
    except argparse.ArgumentTypeError as e:
        raise UsageError(f"{ENV_PREFIX}{name}={text!r}: {e}") from None


def _boolean(variable: str, text: str) -> bool:
    try:
        return read_bool(text, variable)
    except ConfigError as e:
        raise UsageError(str(e)) from None


def _paths(given: list[str] | None, from_env: str | None) -> tuple[str, ...]:
    texts = given if given is not None else [from_env] if from_env else []
    return tuple(p for text in texts for p in text.split(os.pathsep) if p)


__all__ = [
    "ENV_DEBUG",
    "ENV_PREFIX",
    "RunOptions",
    "add_arguments",
    "exposed",
    "options_from",
    "run",
]
