"""What an editor shows through pyright's language server: the signature
help of ``url_for`` lists the view's own parameters as they are typed.

The test speaks the Language Server Protocol to ``pyright-langserver``
over its standard input and output, as an editor does.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import typing as t
from pathlib import Path

import pytest

_SOURCE = """\
from transom import App, View, url_for

app = App(__name__)


@app.route("/post/<post_id>")
class Post(View):
    def get(self, post_id: int, page: int = 1) -> str:
        return f"Post {post_id}"


@app.route("/hello/<name>")
def hello(name: str, loud: bool = False) -> str:
    return name


url_for(Post.get, )
url_for(hello, )
url_for(Post, )
"""


class _Server:
    """A language server on pipes: requests, notifications, and answers
    to the server's own requests (its configuration)."""

    def __init__(self, command: list[str], root: Path) -> None:
        self.process = subprocess.Popen(
            command,
            cwd=root,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.next_id = 0

    def send(self, message: dict[str, t.Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def receive(self) -> dict[str, t.Any]:
        assert self.process.stdout is not None
        length = 0
        while line := self.process.stdout.readline().strip():
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        if not length:
            raise EOFError("the language server stopped")
        message: dict[str, t.Any] = json.loads(self.process.stdout.read(length))
        return message

    def request(self, method: str, params: dict[str, t.Any]) -> t.Any:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        while True:
            message = self.receive()
            if message.get("id") == self.next_id and "method" not in message:
                if "error" in message:
                    raise AssertionError(message["error"])
                return message.get("result")
            if "id" in message and "method" in message:
                self._answer(message)

    def _answer(self, message: dict[str, t.Any]) -> None:
        result: t.Any = None
        if message["method"] == "workspace/configuration":
            result = [
                {"pythonPath": sys.executable}
                if item.get("section") == "python"
                else {"typeCheckingMode": "strict"}
                if item.get("section") == "python.analysis"
                else {}
                for item in message["params"]["items"]
            ]
        self.send({"id": message["id"], "result": result})

    def close(self) -> None:
        try:
            self.request("shutdown", {})
            self.send({"method": "exit"})
            self.process.wait(timeout=30)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            for pipe in (self.process.stdin, self.process.stdout):
                if pipe is not None:
                    pipe.close()


@pytest.fixture(scope="module")
def signatures(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The active signature pyright's server shows after ``url_for(X, ``,
    for each X of the source."""
    server_path = shutil.which(
        "pyright-langserver", path=os.path.dirname(sys.executable)
    )
    if server_path is None:
        pytest.fail("pyright is not installed; install the project with '.[dev]'")
    root = tmp_path_factory.mktemp("editor")
    source = root / "links.py"
    source.write_text(_SOURCE, "utf-8")
    server = _Server([server_path, "--stdio"], root)
    try:
        server.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": root.as_uri(),
                "capabilities": {
                    "workspace": {"configuration": True},
                    "textDocument": {
                        "signatureHelp": {
                            "signatureInformation": {
                                "parameterInformation": {"labelOffsetSupport": True}
                            }
                        }
                    },
                },
            },
        )
        server.send({"method": "initialized", "params": {}})
        uri = source.as_uri()
        server.send(
            {
                "method": "textDocument/didOpen",
                "params": {
                    "textDocument": {
                        "uri": uri,
                        "languageId": "python",
                        "version": 1,
                        "text": _SOURCE,
                    }
                },
            }
        )
        shown: dict[str, str] = {}
        for number, line in enumerate(_SOURCE.splitlines()):
            if not line.startswith("url_for("):
                continue
            help_ = server.request(
                "textDocument/signatureHelp",
                {
                    "textDocument": {"uri": uri},
                    "position": {"line": number, "character": line.index(")")},
                },
            )
            assert help_ is not None, line
            active = help_["signatures"][help_.get("activeSignature") or 0]
            shown[line.split("(", 1)[1].split(",")[0]] = active["label"]
        return shown
    finally:
        server.close()


@pytest.mark.parametrize(
    ("endpoint", "parameters"),
    [
        ("Post.get", "post_id: int, page: int = 1"),
        ("hello", "name: str, loud: bool = False"),
        ("Post", "post_id: int, page: int = 1"),
    ],
)
def test_signature_help_shows_the_views_parameters(
    signatures: dict[str, str], endpoint: str, parameters: str
) -> None:
    """``url_for(Post.get, |`` shows ``post_id: int, page: int = 1``, after
    the endpoint, as the values to give. For a verb method, pyright shows
    the function form of url_for, whose parameters start with the method's
    ``self`` (the method form first would show a function route's first
    parameter as ``self``; see the comment at url_for's overloads)."""
    label = signatures[endpoint]
    values = label.split(", /, ", 1)[1].rsplit(") -> ", 1)[0]
    if endpoint == "Post.get":
        assert values.startswith("self: Post, "), label
        values = values.removeprefix("self: Post, ")
    assert values == parameters, label
