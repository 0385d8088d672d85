"""Unit tests of transom.static: where the static route goes."""

from __future__ import annotations

from pathlib import Path

import pytest

from transom import App
from transom import url_for


@pytest.mark.parametrize(
    ("folder", "url_path", "expected"),
    [
        ("static", None, "/static/a.css"),
        ("public/", None, "/public/a.css"),
        ("static", "/assets", "/assets/a.css"),
        ("static", "/assets/", "/assets/a.css"),
        ("static", "assets", "/assets/a.css"),
        ("static", "/a/b", "/a/b/a.css"),
        ("static", "", "/a.css"),
        ("static", "/", "/a.css"),
    ],
)
def test_static_url_path(
    tmp_path: Path, folder: str, url_path: str | None, expected: str
) -> None:
    (tmp_path / folder).mkdir()
    app = App(
        "unit_static",
        root_path=tmp_path,
        static_folder=folder,
        static_url_path=url_path,
    )
    with app.test_request_context():
        assert url_for("static", filename="a.css") == expected


def test_static_folder_is_absolute(tmp_path: Path) -> None:
    (tmp_path / "static").mkdir()
    app = App("unit_static", root_path=tmp_path)
    assert app.static_folder == str(tmp_path / "static")


def test_filenames_may_contain_slashes(tmp_path: Path) -> None:
    (tmp_path / "static").mkdir()
    app = App("unit_static", root_path=tmp_path)
    with app.test_request_context():
        assert url_for("static", filename="css/a b.css") == "/static/css/a%20b.css"
