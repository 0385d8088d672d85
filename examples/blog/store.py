"""The blog's data: users and posts, in the app's SQLite database.

Every function works on the connection of the current app context
(:func:`examples.blog.db.get_db`), and returns typed records that
templates read as ``post.author.username``.
"""

from __future__ import annotations

import dataclasses
import datetime
import sqlite3

from werkzeug.security import check_password_hash
from werkzeug.security import generate_password_hash

from examples.blog.db import get_db


@dataclasses.dataclass(frozen=True, slots=True)
class User:
    """A registered author."""

    id: int
    username: str
    password_hash: str


@dataclasses.dataclass(frozen=True, slots=True)
class Post:
    """A published post."""

    id: int
    author: User
    title: str
    body: str
    created: datetime.datetime
    image: str | None = None
    """The stored file name of the post's picture, if it has one."""


class UsernameTakenError(ValueError):
    """Registration with a name someone already has."""


_POSTS = """
SELECT post.id, title, body, created, image,
       author_id, username, password_hash
FROM post JOIN user ON user.id = post.author_id
"""


def _user(row: sqlite3.Row) -> User:
    return User(row["id"], row["username"], row["password_hash"])


def _post(row: sqlite3.Row) -> Post:
    author = User(row["author_id"], row["username"], row["password_hash"])
    created = datetime.datetime.fromisoformat(row["created"])
    return Post(row["id"], author, row["title"], row["body"], created, row["image"])


def register(username: str, password: str) -> User:
    """Add a user; the password is stored hashed (scrypt), never as is.

    :raises UsernameTakenError: the name is taken.
    """
    password_hash = generate_password_hash(password)
    db = get_db()
    try:
        with db:  # commits, or rolls back on an error
            cursor = db.execute(
                "INSERT INTO user (username, password_hash) VALUES (?, ?)",
                (username, password_hash),
            )
    except sqlite3.IntegrityError:  # the UNIQUE constraint on username
        raise UsernameTakenError(username) from None
    return User(_inserted_id(cursor.lastrowid), username, password_hash)


def _inserted_id(value: int | None) -> int:
    """An id sqlite3 types as optional, which an INSERT always sets."""
    assert value is not None
    return value


def find_user_by_id(user_id: int) -> User | None:
    """The user with this id, if any."""
    row = get_db().execute("SELECT * FROM user WHERE id = ?", (user_id,)).fetchone()
    return None if row is None else _user(row)


def authenticate(username: str, password: str) -> User | None:
    """The user, when the password is right."""
    query = "SELECT * FROM user WHERE username = ?"
    row = get_db().execute(query, (username,)).fetchone()
    if row is None or not check_password_hash(row["password_hash"], password):
        return None
    return _user(row)


def publish(author: User, title: str, body: str, image: str | None = None) -> int:
    """Add a post, dated now.

    :returns: the new post's id.
    """
    now = datetime.datetime.now(datetime.UTC).isoformat()
    db = get_db()
    with db:
        cursor = db.execute(
            "INSERT INTO post (author_id, title, body, created, image)"
            " VALUES (?, ?, ?, ?, ?)",
            (author.id, title, body, now, image),
        )
    return _inserted_id(cursor.lastrowid)


def find_post(post_id: int) -> Post | None:
    """The post with this id, if any."""
    row = get_db().execute(_POSTS + " WHERE post.id = ?", (post_id,)).fetchone()
    return None if row is None else _post(row)


def latest() -> list[Post]:
    """Every post, newest first."""
    rows = get_db().execute(_POSTS + " ORDER BY post.id DESC").fetchall()
    return [_post(row) for row in rows]
