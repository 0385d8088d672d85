"""A typed JSON API: tasks with typed filters, JSON bodies and generated docs.

From the repository root, serve it with
``python -m transom --app examples/api/app.py run`` and open
http://127.0.0.1:5000/docs, or read ``/openapi.json``. Every request and response shape below is a
``TypedDict``, so the type checker checks the views and the OpenAPI document
describes them exactly.

The tasks live in memory, one store per app, to keep the example short; a
real API keeps them in a database (see ``examples/extension``).
"""

from __future__ import annotations

import itertools
import typing as t

from werkzeug.exceptions import BadRequest
from werkzeug.exceptions import HTTPException
from werkzeug.exceptions import NotFound

from transom import App
from transom import Range
from transom import View
from transom import current_app
from transom import request
from transom import url_for
from transom.apidocs import serve_docs


class Task(t.TypedDict):
    """A task."""

    id: int
    title: str
    done: bool
    tags: list[str]


class TaskPage(t.TypedDict):
    """One page of tasks, and how many match in all."""

    items: list[Task]
    total: int


class Error(t.TypedDict):
    """What every error response carries."""

    error: str
    message: str


class TaskStore:
    """The tasks of one app, by id."""

    def __init__(self) -> None:
        self.tasks: dict[int, Task] = {}
        self._ids = itertools.count(1)

    def add(self, title: str, tags: list[str]) -> Task:
        task: Task = {
            "id": next(self._ids),
            "title": title,
            "done": False,
            "tags": tags,
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


def json_body() -> dict[str, object]:
    """The request's JSON object; anything else is a 400."""
    data = request.get_json()
    if not isinstance(data, dict):
        raise BadRequest("The body must be a JSON object.")
    return t.cast("dict[str, object]", data)


def read_title(data: dict[str, object]) -> str:
    title = data.get("title")
    if not isinstance(title, str) or not 1 <= len(title.strip()) <= 200:
        raise BadRequest("'title' must be a string of 1 to 200 characters.")
    return title.strip()


def read_tags(data: dict[str, object]) -> list[str]:
    tags = data.get("tags", [])
    if not isinstance(tags, list):
        raise BadRequest("'tags' must be a list of strings.")
    items = t.cast("list[object]", tags)
    if not all(isinstance(tag, str) for tag in items):
        raise BadRequest("'tags' must be a list of strings.")
    return [str(tag) for tag in items]


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

    def post(self) -> tuple[Task, int, dict[str, str]]:
        """Create a task from ``{"title": ..., "tags": [...]}``."""
        data = json_body()
        task = store().add(read_title(data), read_tags(data))
        return task, 201, {"Location": url_for(TaskItem.get, task_id=task["id"])}


class TaskItem(View):
    """One task."""

    def get(self, task_id: int) -> Task:
        """Show a task."""
        return store().get(task_id)

    def patch(self, task_id: int) -> Task:
        """Change a task's ``title``, ``done`` or ``tags``; other fields stay."""
        task = store().get(task_id)
        data = json_body()
        if "title" in data:
            task["title"] = read_title(data)
        if "done" in data:
            done = data["done"]
            if not isinstance(done, bool):
                raise BadRequest("'done' must be true or false.")
            task["done"] = done
        if "tags" in data:
            task["tags"] = read_tags(data)
        return task

    def delete(self, task_id: int) -> tuple[str, int]:
        """Delete a task."""
        del store().tasks[store().get(task_id)["id"]]
        return "", 204


def json_error(error: HTTPException) -> tuple[Error, int, list[tuple[str, str]]]:
    """Answer every HTTP error as JSON, keeping headers such as ``Allow``."""
    headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
    body: Error = {"error": error.name, "message": error.description or error.name}
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
