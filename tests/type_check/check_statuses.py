"""Statuses declared in the return annotation: the checkers take
``Created[T]``, ``Accepted[T]``, ``NoContent`` and a user's own
``Status`` subclass as response values, and infer ``T`` from the body.
Checked by mypy (with and without the plugin) and pyright, never run."""

from __future__ import annotations

import dataclasses
import typing as t

from transom import Accepted
from transom import App
from transom import Created
from transom import NoContent
from transom import Status
from transom import View
from transom import make_response
from transom import url_for
from transom.typing import ResponseBody
from transom.typing import ResponseValue

app = App(__name__)


class Task(t.TypedDict):
    id: int
    title: str


@dataclasses.dataclass
class Receipt:
    job: str


BodyT = t.TypeVar("BodyT", bound=ResponseBody)


class PartialContent(Status[BodyT]):
    """A status of the user's own, generic in its body."""

    code = 206


class Teapot(Status[str]):
    """A status of the user's own with a fixed body type."""

    code = 418


@app.route("/tasks")
class Tasks(View):
    def post(self) -> Created[Task]:
        # The dict literal is checked against Task, from the annotation.
        return Created({"id": 1, "title": "Write"}, headers={"Location": "/tasks/1"})

    def get(self) -> Created[Task]:
        task: Created[Task] = Created({"id": 1, "title": "Write"})
        t.assert_type(task.body, Task)
        return task

    def put(self) -> Accepted[Receipt]:
        return Accepted(Receipt("j1"))

    def delete(self) -> NoContent:
        return NoContent(headers=[("X-Removed", "1")])

    def patch(self) -> Created[Task] | NoContent:
        return NoContent()


@app.route("/part")
def part() -> PartialContent[list[int]]:
    return PartialContent([1, 2])


@app.route("/pot")
def pot() -> Teapot:
    return Teapot("short and stout")


@app.errorhandler(404)
def queued(error: Exception) -> Accepted[dict[str, str]]:
    return Accepted({"queued": "yes"})


value: ResponseValue = Created([1, 2])
empty: ResponseValue = NoContent()
t.assert_type(Created([1]), Created[list[int]])
t.assert_type(Accepted("<p>later</p>").body, str)
t.assert_type(NoContent().body, None)
t.assert_type(NoContent.code, int)
t.assert_type(Tasks().post(), Created[Task])
t.assert_type(pot(), Teapot)
t.assert_type(make_response(Created({"id": 1})).status_code, int)
t.assert_type(url_for(Tasks.post), str)
