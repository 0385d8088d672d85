"""transom.config: the Config dict and its loaders."""

from __future__ import annotations

import json
import re
import tomllib
import types
import typing as t
from pathlib import Path

import pytest

from transom.config import DEFAULTS
from transom.config import Config
from transom.config import KnownConfig
from transom.config import check_secret_keys
from transom.config import read_bool
from transom.exceptions import ConfigError


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


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1", True),
        ("true", True),
        ("True", True),
        (" YES ", True),
        ("on", True),
        ("0", False),
        ("false", False),
        ("False", False),
        ("no", False),
        ("OFF", False),
        ("", False),
    ],
)
def test_read_bool(text: str, value: bool) -> None:
    assert read_bool(text, "X") is value


@pytest.mark.parametrize("text", ["2", "maybe", "nope", "truee", "-1"])
def test_read_bool_refuses_other_text(text: str) -> None:
    with pytest.raises(ConfigError) as info:
        read_bool(text, "TRANSOM_DEBUG")
    assert str(info.value) == (
        f"TRANSOM_DEBUG: {text!r} is not a boolean. Fix: set it to 1, true, yes or"
        " on, or to 0, false, no or off."
    )


@pytest.mark.parametrize("text", ["False", "false", "no", "off", "0", "OFF", ""])
def test_from_prefixed_env_debug_false_in_any_spelling(text: str) -> None:
    config = Config()
    config.from_prefixed_env(environ={"TRANSOM_DEBUG": text})
    assert config["DEBUG"] is False


@pytest.mark.parametrize(
    "key",
    [
        "DEBUG",
        "TESTING",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SESSION_REFRESH_EACH_REQUEST",
        "PROPAGATE_EXCEPTIONS",
        "TEMPLATES_AUTO_RELOAD",
    ],
)
def test_from_prefixed_env_booleans(key: str) -> None:
    config = Config()
    config.from_prefixed_env(environ={f"TRANSOM_{key}": "Yes"})
    assert config[key] is True
    config.from_prefixed_env(environ={f"TRANSOM_{key}": "No"})
    assert config[key] is False
    with pytest.raises(ConfigError, match=f"^TRANSOM_{key}: 'sometimes' is not"):
        config.from_prefixed_env(environ={f"TRANSOM_{key}": "sometimes"})


def test_from_prefixed_env_unset_booleans_may_be_null() -> None:
    config = Config()
    config.from_prefixed_env(
        environ={"TRANSOM_PROPAGATE_EXCEPTIONS": "null", "TRANSOM_DEBUG": "true"}
    )
    assert config["PROPAGATE_EXCEPTIONS"] is None
    with pytest.raises(ConfigError, match="^TRANSOM_TESTING: 'null' is not"):
        config.from_prefixed_env(environ={"TRANSOM_TESTING": "null"})


def test_from_prefixed_env_reads_only_top_level_booleans_as_booleans() -> None:
    config = Config({})
    config.from_prefixed_env(environ={"TRANSOM_DB__DEBUG": "False", "TRANSOM_X": "no"})
    assert config == {"DB": {"DEBUG": "False"}, "X": "no"}


@pytest.mark.parametrize(
    "raw", ["42", "true", "false", "null", "1e3", '"quoted"', "[1]", "{}", " pad "]
)
@pytest.mark.parametrize(
    "key", ["SECRET_KEY", "WTF_CSRF_SECRET_KEY", "SECRET_KEY_SALT", "EXT__SECRET_KEY"]
)
def test_from_prefixed_env_secrets_stay_text(key: str, raw: str) -> None:
    config = Config({})
    config.from_prefixed_env(loads=lambda text: 0, environ={f"TRANSOM_{key}": raw})
    *parents, last = key.split("__")
    value: t.Any = config
    for parent in parents:
        value = value[parent]
    assert value[last] == raw


@pytest.mark.parametrize(
    ("raw", "keys"),
    [
        ("old", ["old"]),
        ("42", ["42"]),
        ("true", ["true"]),
        ('"quoted"', ['"quoted"']),
        ('["a", "b"]', ["a", "b"]),
        ("[]", []),
        ("", []),
    ],
)
def test_from_prefixed_env_secret_key_fallbacks(raw: str, keys: list[str]) -> None:
    config = Config()
    config.from_prefixed_env(environ={"TRANSOM_SECRET_KEY_FALLBACKS": raw})
    assert config["SECRET_KEY_FALLBACKS"] == keys


def test_from_prefixed_env_secret_key_fallbacks_must_be_strings() -> None:
    with pytest.raises(ConfigError) as info:
        Config().from_prefixed_env(
            environ={"TRANSOM_SECRET_KEY_FALLBACKS": '["a", 42]'}
        )
    assert str(info.value) == (
        "TRANSOM_SECRET_KEY_FALLBACKS: each old key in the JSON list must be a"
        " string, not an int. Fix: quote every key in the list."
    )


@pytest.mark.parametrize("key", [42, 64, 10**12, True, 1.5, ["k"]])
def test_loaders_refuse_a_secret_key_that_is_not_text(key: object) -> None:
    class Settings:
        SECRET_KEY = key

    def from_mapping(config: Config) -> None:
        config.from_mapping(SECRET_KEY=key)

    def from_object(config: Config) -> None:
        config.from_object(Settings)

    for load in (from_mapping, from_object):
        with pytest.raises(ConfigError) as info:
            load(Config())
        message = str(info.value)
        assert message.startswith(
            "SECRET_KEY: a secret key must be text (str or bytes), not a"
        )
        assert "secrets.token_hex()" in message
        assert repr(key) not in message  # a key's value stays out of logs


@pytest.mark.parametrize(
    ("fallbacks", "problem"),
    [
        ("old key", "the old keys must be a list, not a str"),
        (b"old key", "the old keys must be a list, not a bytes"),
        (None, "the old keys must be a list, not a NoneType"),
        (["old", 42], "each old key must be text (str or bytes), not an int"),
    ],
)
def test_secret_key_fallbacks_must_be_a_list_of_text(
    fallbacks: object, problem: str
) -> None:
    with pytest.raises(
        ConfigError, match=re.escape(f"SECRET_KEY_FALLBACKS: {problem}")
    ):
        check_secret_keys("key", fallbacks)


@pytest.mark.parametrize("key", [None, "", "text", b"bytes", bytearray(b"ba")])
def test_text_keys_pass(key: object) -> None:
    check_secret_keys(key, ["old", b"older"])
    check_secret_keys(key, ())


def _settings(folder: Path, name: str = "settings.cfg") -> Path:
    path = folder / name
    path.write_text(
        'SECRET_KEY = "config"\nTEST_KEY = "foo"\nlower = "ignored"\n'
        "import os\nDERIVED = TEST_KEY * 2\n",
        encoding="utf-8",
    )
    return path


def _loaded(config: Config) -> None:
    assert config["SECRET_KEY"] == "config"
    assert config["TEST_KEY"] == "foo"
    assert config["DERIVED"] == "foofoo"
    assert "lower" not in config
    assert "OS" not in config and "os" not in config


def test_from_pyfile(tmp_path: Path) -> None:
    config = Config({})
    assert config.from_pyfile(_settings(tmp_path)) is True
    _loaded(config)


def test_from_pyfile_is_relative_to_the_root_path(tmp_path: Path) -> None:
    _settings(tmp_path)
    config = Config({}, root_path=tmp_path)
    assert config.from_pyfile("settings.cfg")
    _loaded(config)
    assert config.root_path == str(tmp_path)
    assert Config().root_path == ""


def test_from_pyfile_knows_its_file(tmp_path: Path) -> None:
    path = tmp_path / "paths.py"
    path.write_text("HERE = __file__\n", encoding="utf-8")
    config = Config({})
    config.from_pyfile(path)
    assert config["HERE"] == str(path)


@pytest.mark.parametrize("encoding", ["utf-8", "iso-8859-15", "latin-1"])
def test_from_pyfile_honours_the_coding_line(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "settings.py"
    source = f'# -*- coding: {encoding} -*-\nTEST_VALUE = "föö"\n'
    path.write_bytes(source.encode(encoding))
    config = Config({})
    config.from_pyfile(path)
    assert config["TEST_VALUE"] == "föö"


def test_a_missing_file(tmp_path: Path) -> None:
    config = Config({}, root_path=tmp_path)
    with pytest.raises(OSError) as info:
        config.from_pyfile("missing.cfg")
    message = str(info.value)
    assert message.startswith(
        "[Errno 2] Unable to load configuration file (No such file or directory):"
    )
    assert message.endswith("missing.cfg'")
    assert config.from_pyfile("missing.cfg", silent=True) is False
    assert config.from_pyfile(tmp_path, silent=True) is False  # a folder
    with pytest.raises(OSError, match="Unable to load configuration file"):
        config.from_file("missing.json", json.load)
    assert config.from_file("missing.json", json.load, silent=True) is False
    assert config == {}


def test_an_error_in_the_file_is_raised(tmp_path: Path) -> None:
    path = tmp_path / "broken.cfg"
    path.write_text("SECRET_KEY = undefined_name\n", encoding="utf-8")
    with pytest.raises(NameError, match="undefined_name"):
        Config({}).from_pyfile(path, silent=True)


def test_from_file_json(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text(
        '{"SECRET_KEY": "config", "TEST_KEY": "foo", "lower": 1}', encoding="utf-8"
    )
    config = Config({}, root_path=tmp_path)
    assert config.from_file("config.json", load=json.load) is True
    assert config == {"SECRET_KEY": "config", "TEST_KEY": "foo"}


def test_from_file_toml_is_read_as_bytes(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text(
        'TEST_KEY = "foo"\nSECRET_KEY = "config"\n', encoding="utf-8"
    )
    config = Config({}, root_path=tmp_path)
    assert config.from_file("config.toml", load=tomllib.load, text=False)
    assert config == {"SECRET_KEY": "config", "TEST_KEY": "foo"}


def test_from_envvar(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FOO_SETTINGS", raising=False)
    config = Config({})
    with pytest.raises(RuntimeError) as info:
        config.from_envvar("FOO_SETTINGS")
    assert "'FOO_SETTINGS' is not set" in str(info.value)
    assert "or pass silent=True" in str(info.value)
    assert config.from_envvar("FOO_SETTINGS", silent=True) is False

    monkeypatch.setenv("FOO_SETTINGS", str(_settings(tmp_path)))
    assert config.from_envvar("FOO_SETTINGS") is True
    _loaded(config)


def test_from_envvar_names_a_missing_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FOO_SETTINGS", "missing.cfg")
    config = Config({}, root_path=tmp_path)
    with pytest.raises(OSError) as info:
        config.from_envvar("FOO_SETTINGS")
    assert str(info.value).startswith(
        "[Errno 2] Unable to load configuration file (No such file or directory):"
    )
    assert str(info.value).endswith("missing.cfg'")
    assert config.from_envvar("FOO_SETTINGS", silent=True) is False


def _fits(value: object, hint: object) -> bool:
    """Whether a default value has the type KnownConfig gives it."""
    origin = t.get_origin(hint)
    if origin is t.Union or isinstance(hint, types.UnionType):
        return any(_fits(value, arg) for arg in t.get_args(hint))
    if origin is t.Literal:
        return value in t.get_args(hint)
    if origin is list:
        (item,) = t.get_args(hint)
        if not isinstance(value, list):
            return False
        values = t.cast("list[object]", value)
        return all(_fits(v, item) for v in values)
    if hint is type(None):
        return value is None
    assert isinstance(hint, type)
    return isinstance(value, hint)


def test_known_config_types_every_default() -> None:
    """KnownConfig names every setting of DEFAULTS, and each default has
    the type it gives."""
    hints = t.get_type_hints(KnownConfig)
    assert sorted(hints) == sorted(DEFAULTS)
    for key, value in DEFAULTS.items():
        assert _fits(value, hints[key]), (key, value, hints[key])


def test_known_is_the_config_itself() -> None:
    config = Config()
    assert t.cast(object, config.known) is config
    config.known["DEBUG"] = True
    assert config["DEBUG"] is True
