"""transom with class views, as its design document writes them."""

from __future__ import annotations

import dataclasses
import typing as t

from benchmarks import shared
from transom import App
from transom import Body
from transom import Length
from transom import Range
from transom import View
from transom import abort
from transom import render_template
from transom import request
from transom import session


@dataclasses.dataclass
class Step:
    """A step of :class:`NewTask`."""

    name: str
    minutes: t.Annotated[int, Range(ge=0)]


@dataclasses.dataclass
class NewTask:
    """The typed-body workload's document, as transom declares it; the other
    frameworks check the same rules by hand (:func:`check_task`)."""

    title: t.Annotated[str, Length(min=1, max=200)]
    priority: t.Annotated[int, Range(ge=1, le=5)]
    done: bool
    owner: str
    steps: list[Step]


def new_app() -> App:
    """An app with the benchmark's key and templates, and no static route."""
    app = App(__name__, template_folder=shared.TEMPLATE_DIR, static_folder=None)
    app.secret_key = shared.SECRET_KEY
    return app


def make_app() -> App:
    app = new_app()

    @app.route("/")
    class Hello(View):
        def get(self) -> str:
            return "Hello, World!"

    @app.route("/post/<post_id>")
    class Post(View):
        def get(self, post_id: int) -> str:
            return f"Post {post_id}"

    @app.route("/api/user/<name>")
    class ApiUser(View):
        def get(self, name: str) -> dict[str, object]:
            return shared.user(name)

    @app.route("/search")
    class Search(View):
        def get(self, q: str, page: int = 1) -> dict[str, object]:
            return {"page": page, "q": q}

    @app.route("/form")
    class Form(View):
        def post(self) -> str:
            form = request.form
            try:
                age = int(form["age"])
            except ValueError:
                abort(400)
            return f"{form['name']} is {age}"

    @app.route("/tasks")
    class Tasks(View):
        def post(self, task: NewTask = Body()) -> dict[str, object]:
            return shared.task_summary(task.title, [s.minutes for s in task.steps])

    @app.route("/session")
    class Session(View):
        def get(self) -> str:
            count = session.get("count", 0) + 1
            session["count"] = count
            return f"count={count}"

    @app.route("/page")
    class Page(View):
        def get(self) -> str:
            return render_template("page.html", title=shared.TITLE, items=shared.ITEMS)

    return app


def _many_get(i: int) -> t.Callable[[View, str], str]:
    def get(self: View, name: str) -> str:
        return f"r{i} {name}"

    return get


def make_many_app() -> App:
    app = new_app()
    for i in range(shared.ROUTES):
        app.add_route(f"/r{i}/<name>", type(f"R{i}", (View,), {"get": _many_get(i)}))
    return app


def session_cookie(app: App, data: dict[str, t.Any]) -> str:
    serializer = app.session_interface.signing_serializer(app)  # type: ignore[attr-defined]
    return t.cast(str, serializer.dumps(data))
