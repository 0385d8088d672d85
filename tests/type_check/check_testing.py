"""What type checkers infer for the test client. Checked by mypy and
pyright, never run."""

from __future__ import annotations

import typing as t

from werkzeug.test import TestResponse as WerkzeugResponse

from transom import App
from transom.cli.testing import CliRunner
from transom.cli.testing import Result
from transom.sessions import Session
from transom.testing import EnvironBuilder
from transom.testing import TestClient
from transom.testing import TestResponse

app = App(__name__)
client = app.test_client()
t.assert_type(client, TestClient)
t.assert_type(client.get("/"), TestResponse)
t.assert_type(client.post("/", data={"a": "b"}), TestResponse)

with client.get("/") as response:
    t.assert_type(response, TestResponse)
    t.assert_type(response.text, str)
    t.assert_type(response.status_code, int)

t.assert_type(
    client.get("/", follow_redirects=True).history, tuple[WerkzeugResponse, ...]
)
t.assert_type(client.open("/", method="PATCH", json={"a": 1}), TestResponse)
t.assert_type(
    client.put("/", headers={"X-A": "1"}, query_string={"q": "1"}, buffered=True),
    TestResponse,
)
t.assert_type(client.get("/", base_url="https://example.com/app"), TestResponse)
t.assert_type(client.get("/", url_scheme="https"), TestResponse)
t.assert_type(client.environ_base, dict[str, t.Any])

with client as kept:
    t.assert_type(kept, TestClient)

with client.session_transaction() as sess:
    t.assert_type(sess, Session)
    sess["user"] = "ada"

t.assert_type(EnvironBuilder(app, "/", json=[1]), EnvironBuilder)

runner = app.test_cli_runner()
t.assert_type(runner, CliRunner)
result = runner.invoke(["routes"], input="", env={"A": None}, catch_exceptions=False)
t.assert_type(result, Result)
t.assert_type(result.output, str)
t.assert_type(result.stdout, str)
t.assert_type(result.stderr, str)
t.assert_type(result.exit_code, int)
t.assert_type(result.exception, BaseException | None)
t.assert_type(result.return_value, object)
t.assert_type(runner.invoke("routes --sort rule"), Result)
