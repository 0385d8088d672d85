"""The app the load test serves: pages, sessions, forms, 404s and static files.

Every dynamic answer echoes the request's id as it arrived by each route it
can travel (the path, a form field, a header, ``g``, the session), so the
client can tell a response that belongs to another request or another
client's session from a right one.

Serve it with any WSGI server: ``gunicorn loadtest.app:app``.
"""

from __future__ import annotations

import os

from transom import App
from transom import View
from transom import g
from transom import render_template_string
from transom import request
from transom import session
from transom.typing import JSONValue

app = App(
    __name__,
    static_folder=os.path.join(os.path.dirname(os.path.abspath(__file__)), "static"),
    static_url_path="/static",
)
app.secret_key = "loadtest-secret-not-for-production"

_PAGE = """<!doctype html>
<title>Page {{ n }}</title>
<ul>{% for i in range(20) %}<li>item {{ i }} of page {{ n }}</li>{% endfor %}</ul>
<p id="rid">{{ rid }}</p>
"""


@app.before_request
def remember_the_id() -> None:
    g.rid = request.headers.get("X-Request-Id", "")


@app.route("/page/<n>")
def page(n: int) -> str:
    return render_template_string(_PAGE, n=n, rid=g.rid)


@app.route("/session/<client>/<seq>")
class Counter(View):
    """Each client counts up in its own session; the previous value must be
    the one this client stored, never another client's."""

    def post(self, client: str, seq: int) -> dict[str, JSONValue]:
        previous = session.get("seq")
        owner = session.get("client")
        session["client"] = client
        session["seq"] = seq
        return {
            "client": client,
            "seq": seq,
            "previous": previous,
            "owner": owner,
            "header": g.rid,
        }


@app.route("/form/<rid>", methods=["POST"])
def form(rid: str) -> dict[str, JSONValue]:
    return {
        "path": rid,
        "form": request.form.get("rid"),
        "header": request.headers.get("X-Request-Id"),
        "g": g.rid,
        "size": len(request.form.get("payload", "")),
    }


@app.route("/health")
def health() -> str:
    return "ok"
