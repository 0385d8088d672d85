"""A typed JSON API: tasks with typed bodies, filters and headers, and
generated docs.

From the repository root, serve it with
``python -m transom --app examples/api/app.py run`` and open
http://127.0.0.1:5000/docs, or read ``/openapi.json``. Every request body is
a dataclass or ``TypedDict`` declared with ``Body()``, decoded and checked
before the view runs (a 422 lists every problem), and every response shape
is a ``TypedDict``, so the type checker checks the views and the OpenAPI
document describes both exactly, statuses included (``Created[Task]``).

The tasks live in memory, one store per app, to keep the example short; a
real API keeps them in a database (see ``examples/extension``).
"""

from __future__ import annotations

import dataclasses
import itertools
import typing as t

from werkzeug.exceptions import HTTPException
from werkzeug.exceptions import NotFound

from transom import App
from transom import Body
from transom import Created
from transom import ErrorDetail
from transom import Header
from transom import Length
from transom import NoContent
from transom import Range
from transom import RequestValidationError
from transom import View
from transom import current_app
from transom import url_for
from transom.apidocs import serve_docs

Title: t.TypeAlias = t.Annotated[str, Length(min=1, max=200)]


class Step(t.TypedDict):
    """One step of a task."""

    text: Title
    done: bool


class Task(t.TypedDict):
    """A task."""

    id: int
    title: str
    done: bool
    tags: list[str]
    steps: list[Step]


class TaskPage(t.TypedDict):
    """One page of tasks, and how many match in all."""

    items: list[Task]
    total: int


@dataclasses.dataclass
class NewStep:
    """A step of a new task."""

    text: Title
    done: bool = False


@dataclasses.dataclass
class NewTask:
    """A task to create."""

    title: Title
    """Leading and trailing spaces are dropped."""
    tags: list[str] = dataclasses.field(default_factory=list[str])
    steps: list[NewStep] = dataclasses.field(default_factory=list[NewStep])


class TaskChanges(t.TypedDict, total=False):
    """The fields of a task to change; the others stay as they are."""

    title: Title
    done: bool
    tags: list[str]
    steps: list[Step]


class Problem(t.TypedDict):
    """One problem found in a request's body."""

    pointer: str
    """Where, as a JSON pointer: ``/steps/0/text``."""
    message: str
    expected: str


class Error(t.TypedDict):
    """What every error response carries."""

    error: str
    message: str
    problems: t.NotRequired[list[Problem]]
    """For a body that does not fit its type (422): every problem."""


class TaskStore:
    """The tasks of one app, by id."""

    def __init__(self) -> None:
        self.tasks: dict[int, Task] = {}
        self._ids = itertools.count(1)

    def add(self, new: NewTask) -> Task:
        task: Task = {
            "id": next(self._ids),
            "title": new.title,
            "done": False,
            "tags": new.tags,
            "steps": [{"text": s.text, "done": s.done} for s in new.steps],
        }
        self.tasks[task["id"]] = task
        return task

    def get(self, task_id: int) -> Task:
        task = self.tasks.get(task_id)
        if task is None:
            raise NotFound(f"There is no task {task_id}.")
        return task


def store() -> TaskStore:
    """The store of the app serving the request."""
    return t.cast(TaskStore, current_app.extensions["tasks"])


def clean_title(title: str, pointer: str = "/title") -> str:
    """The title without surrounding spaces; a blank one is a 422, reported
    as the decoder reports its own problems."""
    title = title.strip()
    if not title:
        raise RequestValidationError(
            [ErrorDetail("body", pointer, "is blank", "text other than spaces")]
        )
    return title


class TaskList(View):
    """The collection of tasks."""

    def get(
        self,
        done: bool | None = None,
        tag: str | None = None,
        limit: t.Annotated[int, Range(ge=1, le=100)] = 20,
        offset: t.Annotated[int, Range(ge=0)] = 0,
    ) -> TaskPage:
        """List tasks, oldest first.

        :param done: only tasks that are (or are not) done.
        :param tag: only tasks with this tag.
        :param limit: how many tasks to return.
        :param offset: how many matching tasks to skip.
        """
        found = [
            task
            for task in store().tasks.values()
            if (done is None or task["done"] is done)
            and (tag is None or tag in task["tags"])
        ]
        return {"items": found[offset : offset + limit], "total": len(found)}

    def post(
        self,
        task: NewTask = Body(),
        request_id: str | None = Header("X-Request-Id"),
    ) -> Created[Task]:
        """Create a task.

        :param task: the task; it starts not done.
        :param request_id: sent back as it came, to trace the request.
        :returns: the new task; ``Location`` gives its URL.
        """
        task.title = clean_title(task.title)
        created = store().add(task)
        headers = {"Location": url_for(TaskItem.get, task_id=created["id"])}
        if request_id is not None:
            headers["X-Request-Id"] = request_id
        return Created(created, headers=headers)


class TaskItem(View):
    """One task."""

    def get(self, task_id: int) -> Task:
        """Show a task."""
        return store().get(task_id)

    def patch(self, task_id: int, changes: TaskChanges = Body()) -> Task:
        """Change some of a task's fields; the others stay.

        :param changes: the fields to change.
        """
        task = store().get(task_id)
        if "title" in changes:
            task["title"] = clean_title(changes["title"])
        if "done" in changes:
            task["done"] = changes["done"]
        if "tags" in changes:
            task["tags"] = changes["tags"]
        if "steps" in changes:
            task["steps"] = changes["steps"]
        return task

    def delete(self, task_id: int) -> NoContent:
        """Delete a task."""
        del store().tasks[store().get(task_id)["id"]]
        return NoContent()


def json_error(error: HTTPException) -> tuple[Error, int, list[tuple[str, str]]]:
    """Answer every HTTP error as JSON, keeping headers such as ``Allow``;
    a 422 lists every problem of the body."""
    headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
    body: Error = {"error": error.name, "message": error.description or error.name}
    if isinstance(error, RequestValidationError):
        body["message"] = "The body does not fit its type."
        body["problems"] = [
            {"pointer": e.pointer, "message": e.message, "expected": e.expected}
            for e in error.errors
        ]
    return body, error.code or 500, headers


def create_app(settings: dict[str, t.Any] | None = None) -> App:
    """Build the API with a fresh, empty store."""
    app = App(__name__, static_folder=None, template_folder=None)
    app.config.from_mapping(
        API_TITLE="Tasks", API_VERSION="1.0.0", API_DESCRIPTION="A to-do list."
    )
    app.config.update(settings or {})
    app.extensions["tasks"] = TaskStore()
    app.add_route("/tasks", TaskList)
    app.add_route("/tasks/<task_id>", TaskItem)
    app.register_error_handler(HTTPException, json_error)
    serve_docs(app)  # /docs and /openapi.json
    return app


app = create_app()

if __name__ == "__main__":
    app.run(debug=True)
