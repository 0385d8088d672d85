"""What type checkers infer for the test client. Checked by mypy and
pyright, never run."""

from __future__ import annotations

import typing as t

from transom import App
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
