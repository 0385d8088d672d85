"""The blog's data: users and posts, kept in memory.

One :class:`BlogStore` belongs to one app (``app.extensions["blog"]``), so
every app the factory builds, and every test, starts empty. A real blog
keeps them in a database; ``examples/extension`` shows a connection per
request.
"""

from __future__ import annotations

import dataclasses
import datetime
import itertools

from werkzeug.security import check_password_hash
from werkzeug.security import generate_password_hash


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


class BlogStore:
    """Users and posts, by id."""

    def __init__(self) -> None:
        self.users: dict[int, User] = {}
        self.posts: dict[int, Post] = {}
        self._user_ids = itertools.count(1)
        self._post_ids = itertools.count(1)

    def register(self, username: str, password: str) -> User:
        """Add a user; the password is stored hashed (scrypt), never as is.

        :raises UsernameTakenError: the name is taken.
        """
        if self.find_user(username) is not None:
            raise UsernameTakenError(username)
        user = User(next(self._user_ids), username, generate_password_hash(password))
        self.users[user.id] = user
        return user

    def find_user(self, username: str) -> User | None:
        """The user with this name, if any."""
        return next((u for u in self.users.values() if u.username == username), None)

    def authenticate(self, username: str, password: str) -> User | None:
        """The user, when the password is right."""
        user = self.find_user(username)
        if user is None or not check_password_hash(user.password_hash, password):
            return None
        return user

    def publish(
        self, author: User, title: str, body: str, image: str | None = None
    ) -> Post:
        """Add a post, dated now."""
        now = datetime.datetime.now(datetime.UTC)
        post = Post(next(self._post_ids), author, title, body, now, image)
        self.posts[post.id] = post
        return post

    def latest(self) -> list[Post]:
        """Every post, newest first."""
        return sorted(self.posts.values(), key=lambda p: p.id, reverse=True)
