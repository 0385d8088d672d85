"""Parameters read from the request: every checker types them by their
annotation (the markers are typed ``Any``), and ``url_for`` never asks for
them. Checked by mypy (with and without the plugin) and pyright, never run."""

from __future__ import annotations

import dataclasses
import typing as t
from typing import assert_type

from transom import App
from transom import Body
from transom import Cookie
from transom import File
from transom import FileStorage
from transom import Form
from transom import Header
from transom import View
from transom import url_for

app = App(__name__)


@dataclasses.dataclass
class NewTask:
    title: str
    tags: list[str]


@app.route("/tasks")
class Tasks(View):
    def get(self, page: int = 1) -> str:
        return str(page)

    def post(
        self,
        task: NewTask = Body(),
        request_id: str | None = Header("X-Request-Id"),
        theme: t.Literal["light", "dark"] = Cookie(default="light"),
    ) -> str:
        assert_type(task, NewTask)
        assert_type(request_id, str | None)
        assert_type(theme, t.Literal["light", "dark"])
        return task.title


@app.route("/upload", methods=["POST"])
def upload(
    title: str = Form(),
    count: int = Form("n", default=1),
    photo: FileStorage = File(),
    more: list[FileStorage] = File(),
) -> str:
    assert_type(count, int)
    assert_type(photo, FileStorage)
    assert_type(more, list[FileStorage])
    return title


class Signup(t.TypedDict):
    email: str


# What transom accepts at registration, the plugin accepts too: a whole form
# beside a file, list and optional headers and cookies, an optional file.
@app.route("/signup")
class Join(View):
    def post(
        self,
        signup: Signup = Form(unknown="ignore"),
        avatar: FileStorage | None = File("avatar-image"),
        accept: list[str] = Header(default=[]),
        session: int | None = Cookie("session_id", default=None),
    ) -> str:
        assert_type(avatar, FileStorage | None)
        return f"{signup['email']} {accept} {session}"


url_for(Tasks.post)
url_for(Tasks.get, page=2)
url_for(Tasks, _method="POST")
url_for(upload)
url_for("tasks", _method="POST")
