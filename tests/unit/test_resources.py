"""transom.resources: the instance folder found as Flask finds it (Flask's
``tests/test_instance_config.py`` is the spec), resources and instance
files, and static files sent from Python."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

import pytest

from transom import App
from transom.resources import find_package
from transom.resources import instance_path


def _on_path(monkeypatch: pytest.MonkeyPatch, folder: str) -> None:
    monkeypatch.setattr(sys, "path", [folder, *sys.path])
    importlib.invalidate_caches()


def _module(folder: Path, name: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.py").write_text("VALUE = 1\n", encoding="utf-8")


def _package(folder: Path, name: str) -> None:
    (folder / name).mkdir(parents=True)
    (folder / name / "__init__.py").write_text("VALUE = 1\n", encoding="utf-8")


def test_an_explicit_instance_path_must_be_absolute(tmp_path: Path) -> None:
    with pytest.raises(ValueError) as info:
        App("explicit_app", instance_path="instance")
    assert "instance_path='instance' is relative" in str(info.value)
    assert "pass an absolute path" in str(info.value)
    app = App("explicit_app", instance_path=tmp_path)
    assert app.instance_path == str(tmp_path)


def test_a_script_has_its_instance_folder_next_to_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    main = sys.modules["__main__"]
    monkeypatch.setattr(main, "__file__", str(tmp_path / "app.py"))
    monkeypatch.chdir("/")
    assert App("__main__").instance_path == str(tmp_path / "instance")
    # An interactive session has no script: the current folder.
    monkeypatch.delattr(main, "__file__")
    monkeypatch.chdir(tmp_path)
    assert App("__main__").instance_path == str(tmp_path / "instance")


def test_uninstalled_module(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _module(tmp_path, "config_module_app")
    _on_path(monkeypatch, str(tmp_path))
    app = App("config_module_app")
    assert app.instance_path == str(tmp_path / "instance")
    assert find_package("config_module_app") == (None, str(tmp_path))


def test_uninstalled_package(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _package(tmp_path, "config_package_app")
    _on_path(monkeypatch, str(tmp_path))
    # Next to the package's folder, not inside it; for a submodule too.
    assert App("config_package_app").instance_path == str(tmp_path / "instance")
    expected = str(tmp_path / "instance")
    assert instance_path("config_package_app.views", "x", None) == expected


def test_uninstalled_namespace_package(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for part in ("project_a", "project_b"):
        (tmp_path / part / "namespace_app" / part).mkdir(parents=True)
        (tmp_path / part / "namespace_app" / part / "__init__.py").write_text("")
        _on_path(monkeypatch, str(tmp_path / part))
    for part in ("project_a", "project_b"):
        found = instance_path(f"namespace_app.{part}", "x", None)
        assert found == str(tmp_path / part / "instance")


def test_installed_module(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    site = tmp_path / "lib" / "python3.11" / "site-packages"
    _module(site, "site_app")
    _on_path(monkeypatch, str(site))
    app = App("site_app")
    assert app.instance_path == str(tmp_path / "var" / "site_app-instance")


@pytest.mark.parametrize(
    "parts", [("Lib", "site-packages"), ("site-packages",)], ids=["windows", "other"]
)
def test_installed_package_other_layouts(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, parts: tuple[str, ...]
) -> None:
    site = tmp_path.joinpath(*parts)
    name = f"site_package_{len(parts)}"
    _package(site, name)
    _on_path(monkeypatch, str(site))
    assert App(name).instance_path == str(tmp_path / "var" / f"{name}-instance")


def test_installed_under_the_interpreters_prefix(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _package(tmp_path / "path", "prefix_package")
    _on_path(monkeypatch, str(tmp_path / "path"))
    monkeypatch.setattr(sys, "prefix", str(tmp_path))
    expected = str(tmp_path / "var" / "prefix_package-instance")
    assert App("prefix_package").instance_path == expected


def test_instance_relative_config(tmp_path: Path) -> None:
    (tmp_path / "instance").mkdir()
    (tmp_path / "instance" / "settings.cfg").write_text("WHERE = 'instance'\n")
    (tmp_path / "settings.cfg").write_text("WHERE = 'root'\n")
    instance = str(tmp_path / "instance")
    app = App("rel_app", root_path=tmp_path, instance_path=instance)
    app.config.from_pyfile("settings.cfg")
    assert app.config["WHERE"] == "root"
    app = App(
        "rel_app",
        root_path=tmp_path,
        instance_path=instance,
        instance_relative_config=True,
    )
    app.config.from_pyfile("settings.cfg")
    assert app.config["WHERE"] == "instance"


def test_open_resource(tmp_path: Path) -> None:
    (tmp_path / "schema.sql").write_bytes("CREATE TABLE café;\n".encode())
    app = App("res_app", root_path=tmp_path)
    with app.open_resource("schema.sql") as f:
        assert f.read() == "CREATE TABLE café;\n".encode()
    for mode in ("r", "rt"):
        with app.open_resource("schema.sql", mode, encoding="utf-8") as text:
            assert text.read() == "CREATE TABLE café;\n"
    with app.open_resource("schema.sql", "r", encoding="latin-1") as latin:
        assert latin.read() == "CREATE TABLE cafÃ©;\n"


@pytest.mark.parametrize("mode", ["w", "wb", "a", "r+", "x"])
def test_open_resource_only_reads(tmp_path: Path, mode: str) -> None:
    app = App("res_app", root_path=tmp_path)
    with pytest.raises(ValueError) as info:
        app.open_resource("schema.sql", mode)  # type: ignore[call-overload]
    assert f"not mode={mode!r}" in str(info.value)
    assert "open_instance_resource()" in str(info.value)
    assert not (tmp_path / "schema.sql").exists()


def test_open_instance_resource(tmp_path: Path) -> None:
    app = App("res_app", root_path=tmp_path, instance_path=str(tmp_path / "inst"))
    os.makedirs(app.instance_path)
    with app.open_instance_resource("notes.txt", "w") as f:
        f.write("né\n")
    assert (tmp_path / "inst" / "notes.txt").read_bytes() == "né\n".encode()
    with app.open_instance_resource("notes.txt") as raw:
        assert raw.read() == "né\n".encode()
    with app.open_instance_resource("notes.txt", "a") as more:
        more.write("b\n")
    with app.open_instance_resource("notes.txt", "r") as text:
        assert text.read() == "né\nb\n"
    with app.open_instance_resource("data.bin", "wb") as data:
        data.write(b"\x00")
    assert (tmp_path / "inst" / "data.bin").read_bytes() == b"\x00"


def test_send_static_file(tmp_path: Path) -> None:
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "index.html").write_text("<h1>Hello</h1>\n")
    app = App("res_app", root_path=tmp_path)
    app.config["SEND_FILE_MAX_AGE_DEFAULT"] = 3600
    with app.test_request_context():
        response = app.send_static_file("index.html")
        assert response.status_code == 200
        assert response.mimetype == "text/html"
        assert response.cache_control.max_age == 3600
        response.direct_passthrough = False
        assert response.get_data() == b"<h1>Hello</h1>\n"
        response.close()


def test_send_static_file_without_a_folder(tmp_path: Path) -> None:
    app = App("res_app", root_path=tmp_path, static_folder=None)
    assert not app.has_static_folder
    assert App("res_app", root_path=tmp_path).has_static_folder
    with app.test_request_context():
        with pytest.raises(RuntimeError, match="static_folder is None"):
            app.send_static_file("index.html")
