"""examples/blog: register, log in, post with a picture, flashes, end to end.

The fixtures are a factory-made app's: each test gets an app from
``create_app()`` with its own instance folder and a fresh database, a
client, and a command runner.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import examples.blog.app
import pytest
from examples.blog.app import create_app
from examples.blog.db import get_db
from examples.blog.db import init_db

from transom import App
from transom import session
from transom.cli.testing import CliRunner
from transom.testing import TestClient

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def blog(tmp_path: Path) -> App:
    app = create_app({"TESTING": True, "SECRET_KEY": "test"}, instance_path=tmp_path)
    with app.app_context():
        init_db()
    return app


@pytest.fixture
def blog_client(blog: App) -> TestClient:
    return blog.test_client()


@pytest.fixture
def runner(blog: App) -> CliRunner:
    return blog.test_cli_runner()


@pytest.fixture
def uploads(blog: App) -> Path:
    return Path(blog.config["UPLOAD_FOLDER"])


def _stored(uploads: Path) -> list[str]:
    """The names of the uploaded files (the folder is made by the first)."""
    return sorted(p.name for p in uploads.iterdir()) if uploads.exists() else []


def _register(
    client: TestClient, name: str = "ada", password: str = "analytical"
) -> None:
    response = client.post("/register", data={"username": name, "password": password})
    assert response.status_code == 303, response.text


def test_index_starts_empty(blog_client: TestClient) -> None:
    page = blog_client.get("/").text
    assert "No posts yet." in page
    assert 'href="/login"' in page
    assert 'href="/static/style.css"' in page


def test_static_stylesheet(blog_client: TestClient) -> None:
    response = blog_client.get("/static/style.css")
    assert response.status_code == 200
    assert response.mimetype == "text/css"
    response.close()


def test_register_logs_in_and_flashes(blog_client: TestClient) -> None:
    response = blog_client.post(
        "/register",
        data={"username": "ada", "password": "analytical"},
        follow_redirects=True,
    )
    assert response.request.path == "/"
    assert '<p class="flash message">Welcome, ada!</p>' in response.text
    assert "New post" in response.text
    # A flash is shown once.
    assert "Welcome, ada!" not in blog_client.get("/").text


def test_register_refuses_a_taken_name_and_short_passwords(
    blog_client: TestClient,
) -> None:
    _register(blog_client)
    blog_client.post("/logout")
    response = blog_client.post(
        "/register", data={"username": "ada", "password": "different1"}
    )
    assert response.status_code == 409
    assert "The name &#39;ada&#39; is taken." in response.text
    response = blog_client.post(
        "/register", data={"username": "bob", "password": "short"}
    )
    assert response.status_code == 400
    assert 'value="bob"' in response.text  # the form keeps what was typed


def test_login_and_logout(blog: App) -> None:
    _register(blog.test_client())
    client = blog.test_client()
    response = client.post("/login", data={"username": "ada", "password": "wrong"})
    assert response.status_code == 401
    assert "Wrong name or password." in response.text
    response = client.post(
        "/login",
        data={"username": "ada", "password": "analytical"},
        follow_redirects=True,
    )
    assert "Welcome back, ada!" in response.text
    assert "<span>ada</span>" in response.text
    response = client.post("/logout", follow_redirects=True)
    assert "You are logged out." in response.text
    assert 'href="/login"' in response.text


def test_logout_needs_post(blog_client: TestClient) -> None:
    assert blog_client.get("/logout").status_code == 405


def test_writing_needs_a_login(blog_client: TestClient) -> None:
    response = blog_client.get("/posts/new")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=/posts/new"
    response = blog_client.post(
        "/posts/new", data={"title": "t", "body": "b"}, follow_redirects=True
    )
    assert "Log in to write a post." in response.text
    assert "No posts yet." in blog_client.get("/").text


def test_publish_a_post_with_a_picture(blog_client: TestClient, uploads: Path) -> None:
    _register(blog_client)
    assert "<h1>New post</h1>" in blog_client.get("/posts/new").text
    response = blog_client.post(
        "/posts/new",
        data={
            "title": "Notes <on> engines",
            "body": "It weaves algebraic patterns.",
            "picture": (io.BytesIO(PNG), "../../engine.PNG"),
        },
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/posts/1"
    page = blog_client.get("/posts/1").text
    assert "Your post is published." in page
    assert "<h1>Notes &lt;on&gt; engines</h1>" in page  # escaped
    (src,) = re.findall(r'<img src="(/pictures/[0-9a-f]{32}\.png)"', page)
    assert _stored(uploads) == [src.rsplit("/", 1)[1]]
    picture = blog_client.get(src)
    assert picture.data == PNG
    assert picture.mimetype == "image/png"
    # Shown, but never run as a page of the site.
    assert picture.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in picture.headers["Content-Security-Policy"]
    assert picture.headers["Content-Disposition"].startswith("inline;")
    picture.close()
    index = blog_client.get("/").text
    assert 'href="/posts/1"' in index
    assert "by ada on " in index


def test_publish_without_a_picture(blog_client: TestClient, uploads: Path) -> None:
    _register(blog_client)
    response = blog_client.post(
        "/posts/new",
        data={"title": "Plain", "body": "Text only."},
        follow_redirects=True,
    )
    assert "<h1>Plain</h1>" in response.text
    assert "<img" not in response.text
    assert _stored(uploads) == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "", "body": "b"}, "A post needs a title and some text."),
        ({"title": "t", "body": " "}, "A post needs a title and some text."),
        (
            {"title": "t", "body": "b", "picture": (io.BytesIO(b"MZ"), "run.exe")},
            "Pictures must be PNG, JPEG, GIF or WebP files.",
        ),
    ],
)
def test_bad_posts_are_refused(
    blog_client: TestClient, uploads: Path, data: dict[str, object], message: str
) -> None:
    _register(blog_client)
    response = blog_client.post("/posts/new", data=data)
    assert response.status_code == 400
    assert message in response.text
    assert _stored(uploads) == []


def test_missing_pages_use_the_blog_layout(blog_client: TestClient) -> None:
    for path in ("/posts/7", "/posts/seven", "/pictures/nothing.png", "/nowhere"):
        response = blog_client.get(path)
        assert response.status_code == 404
        assert "<title>Not found - transom blog</title>" in response.text


def test_an_uploaded_page_cannot_run_as_part_of_the_blog(
    blog_client: TestClient, uploads: Path
) -> None:
    # Pictures are checked on the way in; a file that got there another way
    # (an older version, another tool) is still served sandboxed.
    uploads.mkdir()
    (uploads / "evil.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    )
    response = blog_client.get("/pictures/evil.svg")
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    policy = response.headers["Content-Security-Policy"]
    assert policy.split("; ")[-1] == "sandbox"
    assert "default-src 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    response.close()


def test_pictures_cannot_escape_their_folder(blog_client: TestClient) -> None:
    assert blog_client.get("/pictures/..%2F..%2Fetc%2Fpasswd").status_code == 404


def test_too_large_upload_is_413(blog: App) -> None:
    blog.config["MAX_CONTENT_LENGTH"] = 1024
    client = blog.test_client()
    _register(client)
    response = client.post(
        "/posts/new",
        data={"title": "t", "body": "b", "picture": (io.BytesIO(b"x" * 4096), "a.png")},
    )
    assert response.status_code == 413


def test_session_cookie_is_signed(blog: App) -> None:
    client = blog.test_client()
    _register(client)
    cookie = client.get_cookie("session")
    assert cookie is not None
    assert cookie.http_only
    assert cookie.same_site == "Lax"
    # The same data under another key: the cookie is not valid there.
    other = create_app(
        {"TESTING": True, "SECRET_KEY": "another key"},
        instance_path=blog.instance_path,
    ).test_client()
    other.set_cookie("session", cookie.value)
    assert 'href="/login"' in other.get("/").text


@pytest.mark.parametrize(
    ("target", "location"),
    [
        ("/posts/new", "/posts/new"),
        ("//evil.example/", "/"),
        ("https://evil.example/", "/"),
        ("", "/"),
    ],
)
def test_login_returns_only_to_this_site(blog: App, target: str, location: str) -> None:
    _register(blog.test_client())
    client = blog.test_client()
    assert client.get("/posts/new").headers["Location"] == "/login?next=/posts/new"
    response = client.post(
        "/login",
        query_string={"next": target},
        data={"username": "ada", "password": "analytical"},
    )
    assert response.status_code == 303
    assert response.headers["Location"] == location


def test_the_factory_registers_the_blueprints(blog: App, tmp_path: Path) -> None:
    assert set(blog.blueprints) == {"auth", "posts"}
    assert {"auth.login", "auth.register", "posts.index", "posts.picture"} <= set(
        blog.view_functions
    )
    assert blog.config["DATABASE"] == str(tmp_path / "blog.sqlite")
    assert blog.config["UPLOAD_FOLDER"] == str(tmp_path / "uploads")
    # Each app the factory builds has its own instance folder, same routes.
    other = create_app({"TESTING": True}, instance_path=tmp_path / "other")
    assert other.view_functions.keys() == blog.view_functions.keys()
    assert other.config["DATABASE"] == str(tmp_path / "other" / "blog.sqlite")
    assert not (tmp_path / "other").exists()  # building an app makes no folder
    # By default the instance folder is the blog's own, not the repository's.
    default = Path(create_app().instance_path)
    assert default == Path(examples.blog.app.__file__).parent / "instance"


def test_the_instance_config_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "config.py").write_text("SECRET_KEY = 'from the instance'\n")
    assert create_app(instance_path=tmp_path).config["SECRET_KEY"] == (
        "from the instance"
    )
    # Test settings replace the file.
    app = create_app({"SECRET_KEY": "test"}, instance_path=tmp_path)
    assert app.config["SECRET_KEY"] == "test"


def test_posts_are_kept_in_the_database(blog: App, blog_client: TestClient) -> None:
    _register(blog_client)
    blog_client.post("/posts/new", data={"title": "Kept", "body": "In SQLite."})
    with blog.app_context():
        (row,) = get_db().execute("SELECT title, author_id FROM post").fetchall()
    assert tuple(row) == ("Kept", 1)
    with blog_client:
        blog_client.get("/")
        assert session["user_id"] == 1


def test_init_db_command_starts_the_data_over(
    blog: App, runner: CliRunner, blog_client: TestClient, tmp_path: Path
) -> None:
    _register(blog_client)
    result = runner.invoke(["init-db"])
    assert result.exit_code == 0, result.output
    database = tmp_path / "blog.sqlite"
    assert result.output == f"Initialized the database in {database}.\n"
    with blog.app_context():
        assert get_db().execute("SELECT * FROM user").fetchall() == []
    assert 'href="/login"' in blog_client.get("/").text  # ada is gone


def test_init_db_command_makes_the_instance_folder(tmp_path: Path) -> None:
    instance = tmp_path / "instance"
    app = create_app({"TESTING": True}, instance_path=instance)
    result = app.test_cli_runner().invoke(["init-db"])
    assert result.exit_code == 0, result.output
    assert (instance / "blog.sqlite").is_file()
    assert "No posts yet." in app.test_client().get("/").text


def test_a_missing_database_names_the_command(tmp_path: Path) -> None:
    app = create_app({"TESTING": True}, instance_path=tmp_path)
    with pytest.raises(
        RuntimeError,
        match="create it with 'transom --app examples/blog/app.py init-db'",
    ):
        app.test_client().get("/")
    assert not (tmp_path / "blog.sqlite").exists()
