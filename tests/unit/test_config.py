"""transom.config: the Config dict and its loaders."""

from __future__ import annotations

import pytest

from transom.config import DEFAULTS
from transom.config import Config


def test_starts_from_a_copy_of_the_defaults() -> None:
    config = Config()
    assert config == DEFAULTS
    assert config["SECRET_KEY_FALLBACKS"] is not DEFAULTS["SECRET_KEY_FALLBACKS"]
    config["DEBUG"] = True
    assert DEFAULTS["DEBUG"] is False


def test_own_defaults() -> None:
    assert Config({"A": [1]}) == {"A": [1]}


def test_from_mapping_keeps_upper_case_keys_only() -> None:
    config = Config({})
    assert config.from_mapping({"A": 1, "b": 2}, C=3, d=4) is True
    assert config == {"A": 1, "C": 3}
    config.from_mapping()
    assert config == {"A": 1, "C": 3}


def test_from_object() -> None:
    class Settings:
        A = 1
        b = 2

    config = Config({})
    config.from_object(Settings)
    assert config == {"A": 1}


def test_from_object_import_string() -> None:
    config = Config({})
    config.from_object("http.HTTPStatus")
    assert config["NOT_FOUND"] == 404


@pytest.mark.parametrize(
    ("raw", "value"),
    [("1", 1), ("true", True), ("null", None), ('"s"', "s"), ("{bad", "{bad")],
)
def test_from_prefixed_env_values(raw: str, value: object) -> None:
    config = Config({})
    config.from_prefixed_env(environ={"TRANSOM_X": raw})
    assert config["X"] == value


def test_from_prefixed_env_nesting() -> None:
    config = Config({"DB": {"PORT": 1}})
    config.from_prefixed_env(environ={"TRANSOM_DB__HOST": "h", "TRANSOM_A__B__C": "1"})
    assert config["DB"] == {"PORT": 1, "HOST": "h"}
    assert config["A"] == {"B": {"C": 1}}


def test_get_namespace() -> None:
    config = Config({"DB_HOST": "h", "DB_PORT": 1, "OTHER": 0})
    assert config.get_namespace("DB_") == {"host": "h", "port": 1}


def test_repr() -> None:
    assert repr(Config({"A": 1})) == "<Config {'A': 1}>"
