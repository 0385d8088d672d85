"""Blueprints keep the decorated classes and functions, their hooks take
the same functions as the app's, and url_for accepts every correct call to
their views, by verb method, function, class, dotted and relative name.
Checked by mypy (with and without the plugin) and pyright, never run."""

from __future__ import annotations

import typing as t

from transom import App
from transom import Blueprint
from transom import Response
from transom import View
from transom import url_for
from transom.typing import JSONValue

auth = Blueprint("auth", __name__, url_prefix="/auth")
blog = Blueprint("blog", __name__, url_prefix="/<org>", url_defaults={})


@auth.route("/login")
class Login(View):
    def get(self, next: str | None = None) -> str:
        return ""

    def post(self) -> tuple[str, int]:
        return "", 303


@auth.get("/logout")
def logout() -> str:
    return ""


@auth.post("/token")
def token(scope: str = "read") -> dict[str, str]:
    return {"token": scope}


@blog.route("/post/<post_id>")
class Post(View):
    def get(self, org: str, post_id: int) -> str:
        return f"{org} {post_id}"


@blog.put("/post/<post_id>/title")
def retitle(org: str, post_id: int) -> tuple[str, int]:
    return "", 204


@auth.before_request
def load_user() -> None:
    return None


@auth.after_request
def stamp(response: Response) -> Response:
    return response


@auth.teardown_request
def close(error: BaseException | None) -> None:
    return None


@auth.errorhandler(404)
def not_found(e: Exception) -> tuple[str, int]:
    return "", 404


@auth.app_errorhandler(KeyError)
def key_error(e: KeyError) -> tuple[str, int]:
    return "", 400


@auth.context_processor
def names() -> dict[str, JSONValue]:
    return {"section": "auth"}


@auth.url_value_preprocessor
def pull(endpoint: str | None, values: dict[str, t.Any] | None) -> None:
    return None


@auth.url_defaults
def push(endpoint: str, values: dict[str, t.Any]) -> None:
    return None


@auth.before_app_request
def everywhere() -> None:
    return None


@auth.command()
def create_user(name: str, admin: bool = False) -> None:
    return None


auth.add_url_rule("/again", "again", logout)
blog.register_blueprint(Blueprint("nested", __name__), url_prefix="/nested")

app = App(__name__)
app.register_blueprint(auth)
app.register_blueprint(auth, name="auth2", url_prefix="/auth2")
app.register_blueprint(blog, url_defaults={"org": "acme"}, cli_group=None)

t.assert_type(Login, type[Login])
t.assert_type(logout, t.Callable[[], str])
t.assert_type(app.blueprints, dict[str, Blueprint])
t.assert_type(app.view_functions["auth.login"], object)

url_for(Login.get)
url_for(Login.get, next="/")
url_for(Login)
url_for(logout)
url_for(token, scope="write")
url_for(Post.get, org="acme", post_id=3)
url_for(Post.get, "acme", 3)
url_for(retitle, org="acme", post_id=3)
url_for("auth.login", next="/")
url_for(".login")
url_for("blog.nested.index")
