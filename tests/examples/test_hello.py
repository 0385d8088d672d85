"""examples/hello: the README's default app, end to end through the test client."""

from __future__ import annotations

from examples.hello.app import Hello
from examples.hello.app import app
from examples.hello.app import square

from transom import url_for


def test_index_links_to_a_greeting() -> None:
    response = app.test_client().get("/")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert '<a href="/hello/World">/hello/World</a>' in response.text


def test_greeting_with_a_typed_query_flag() -> None:
    client = app.test_client()
    assert client.get("/hello/Ada").text == "Hello, Ada!"
    assert client.get("/hello/Ada?shout=yes").text == "HELLO, ADA!"
    response = client.get("/hello/Ada?shout=loud")
    assert response.status_code == 400
    assert "&#39;shout&#39;" in response.text


def test_square_is_json_and_needs_a_number() -> None:
    client = app.test_client()
    assert client.get("/api/square/12").json == {"n": 12, "square": 144}
    assert client.get("/api/square/twelve").status_code == 404


def test_urls_are_built_from_the_views() -> None:
    with app.test_request_context():
        assert url_for(Hello.get, name="World", shout=True) == "/hello/World?shout=true"
        assert url_for(square, n=3) == "/api/square/3"
