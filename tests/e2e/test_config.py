"""``app.config`` and the settings that change how the app behaves."""

from __future__ import annotations

import datetime
import logging
import pathlib
import sys
import textwrap

import pytest

from transom import App
from transom import current_app
from transom import url_for
from transom.config import DEFAULTS
from transom.config import Config


class BaseSettings:
    DEBUG = False
    PAGE_SIZE: int = 20
    lower_case = "ignored"


class ProductionSettings(BaseSettings):
    PAGE_SIZE = 50


def test_defaults(app: App) -> None:
    for key in ("DEBUG", "SECRET_KEY", "SERVER_NAME", "PROPAGATE_EXCEPTIONS"):
        assert key in app.config
    assert app.config["APPLICATION_ROOT"] == "/"
    assert app.config["PREFERRED_URL_SCHEME"] == "http"


def test_apps_do_not_share_mutable_defaults() -> None:
    first = App("first", static_folder=None)
    second = App("second", static_folder=None)
    first.config["SECRET_KEY_FALLBACKS"].append("old key")
    assert second.config["SECRET_KEY_FALLBACKS"] == []
    assert DEFAULTS["SECRET_KEY_FALLBACKS"] == []


def test_from_mapping(app: App) -> None:
    assert app.config.from_mapping({"PAGE_SIZE": 5, "lower": 1}, TIMEOUT=3)
    assert app.config["PAGE_SIZE"] == 5
    assert app.config["TIMEOUT"] == 3
    assert "lower" not in app.config


def test_from_object_class_and_inheritance(app: App) -> None:
    app.config.from_object(ProductionSettings)
    assert app.config["PAGE_SIZE"] == 50
    assert app.config["DEBUG"] is False
    assert "lower_case" not in app.config


def test_from_object_instance(app: App) -> None:
    settings = BaseSettings()
    settings.PAGE_SIZE = 7
    app.config.from_object(settings)
    assert app.config["PAGE_SIZE"] == 7


def test_from_object_import_string(
    app: App, tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "site_settings.py").write_text(
        textwrap.dedent(
            """
            GREETING = "hello"

            class Staging:
                GREETING = "staging"
            """
        )
    )
    monkeypatch.setattr(sys, "path", [str(tmp_path), *sys.path])
    try:
        app.config.from_object("site_settings")
        assert app.config["GREETING"] == "hello"
        app.config.from_object("site_settings.Staging")
        assert app.config["GREETING"] == "staging"
        with pytest.raises(ImportError):
            app.config.from_object("site_settings.Missing")
    finally:
        sys.modules.pop("site_settings", None)


def test_from_prefixed_env(app: App) -> None:
    environ = {
        "TRANSOM_SECRET_KEY": "s3cret",
        "TRANSOM_PAGE_SIZE": "25",
        "TRANSOM_DEBUG": "true",
        "TRANSOM_RATIO": "0.5",
        "TRANSOM_NAME": "not json",
        "TRANSOM_DB__HOST": "db.local",
        "TRANSOM_DB__PORT": "5432",
        "OTHER_KEY": "ignored",
    }
    assert app.config.from_prefixed_env(environ=environ)
    assert app.config["SECRET_KEY"] == "s3cret"
    assert app.config["PAGE_SIZE"] == 25
    assert app.config["DEBUG"] is True
    assert app.config["RATIO"] == 0.5
    assert app.config["NAME"] == "not json"
    assert app.config["DB"] == {"HOST": "db.local", "PORT": 5432}
    assert "KEY" not in app.config


def test_from_prefixed_env_custom_prefix_and_loader(app: App) -> None:
    app.config.from_prefixed_env(
        "MYAPP", loads=str.upper, environ={"MYAPP_MODE": "fast", "TRANSOM_X": "1"}
    )
    assert app.config["MODE"] == "FAST"
    assert "X" not in app.config


def test_from_prefixed_env_nested_key_replaces_a_scalar(app: App) -> None:
    app.config["DB"] = "sqlite://"
    app.config.from_prefixed_env(environ={"TRANSOM_DB__HOST": "h"})
    assert app.config["DB"] == {"HOST": "h"}


def test_from_prefixed_env_reads_os_environ(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRANSOM_FROM_OS", "[1, 2]")
    app.config.from_prefixed_env()
    assert app.config["FROM_OS"] == [1, 2]


def test_get_namespace(app: App) -> None:
    app.config.from_mapping(MAIL_HOST="smtp", MAIL_PORT=25, OTHER=1)
    assert app.config.get_namespace("MAIL_") == {"host": "smtp", "port": 25}
    assert app.config.get_namespace("MAIL_", lowercase=False, trim_namespace=False) == {
        "MAIL_HOST": "smtp",
        "MAIL_PORT": 25,
    }


def test_config_is_a_dict_with_a_repr() -> None:
    config = Config({"A": 1})
    assert isinstance(config, dict)
    assert config == {"A": 1}
    assert repr(config) == "<Config {'A': 1}>"


def test_properties_mirror_settings(app: App) -> None:
    app.secret_key = "k"
    assert app.config["SECRET_KEY"] == "k"
    app.config["DEBUG"] = True
    assert app.debug is True
    app.testing = False
    assert app.config["TESTING"] is False
    app.config["PERMANENT_SESSION_LIFETIME"] = 60
    assert app.permanent_session_lifetime == datetime.timedelta(seconds=60)


def test_config_in_a_view(app: App) -> None:
    app.config["GREETING"] = "hey"

    @app.route("/")
    def index() -> str:
        return str(current_app.config["GREETING"])

    assert app.test_client().get("/").text == "hey"


def test_logger_is_named_after_the_app(app: App) -> None:
    assert isinstance(app.logger, logging.Logger)
    assert app.logger.name == "test_app"
    assert app.logger is app.logger


def test_server_name_restricts_no_request() -> None:
    # As Flask 3.1: SERVER_NAME names the host of URLs built; requests for
    # any host are served (the test client's localhost too).
    app = App("hosted", static_folder=None)
    app.config["SERVER_NAME"] = "example.com"

    @app.route("/")
    def index() -> str:
        return url_for(index, _external=True)

    client = app.test_client()
    for base_url in ("http://example.com", "http://other.org", "http://localhost"):
        response = client.get("/", base_url=base_url)
        assert (response.status_code, response.text) == (200, "http://example.com/")
