"""A module that declares no route builds URLs for the routes of other
modules: the mypy plugin cannot see those, so it leaves endpoint names
alone here. Checked by mypy (with and without the plugin) and pyright,
never run."""

from __future__ import annotations

import typing as t

from transom import url_for

t.assert_type(url_for("post", post_id=3), str)
t.assert_type(url_for("blog.index", _external=True), str)
