"""The plugin's settings, read from the mypy configuration file.

In ``mypy.ini`` or ``setup.cfg``::

    [transom.mypy]
    converters = myapp.geo.Point, decimal.Decimal

In ``pyproject.toml``::

    [tool.transom.mypy]
    converters = ["myapp.geo.Point", "decimal.Decimal"]

``converters`` names the types an app registers a converter for with
``app.register_converter()``. The plugin never runs the app, so it cannot
see those calls, and what it cannot know is never an error: without the
setting, it leaves a parameter of a plain class alone (transom itself
checks it at registration). With it, the list is taken as complete, and
a parameter of a class that is neither listed nor converted by transom is
reported, at the route.
"""

from __future__ import annotations

import configparser
import dataclasses
import tomllib
import typing as t

SECTION: t.Final = "transom.mypy"


@dataclasses.dataclass(frozen=True, slots=True)
class PluginConfig:
    """The settings of one mypy run."""

    converters: frozenset[str] | None = None
    """Full names of all the types with a registered converter; ``None``
    when the configuration does not say (then any plain class may have one)."""

    def to_json(self) -> dict[str, t.Any]:
        """The settings as JSON, for mypy's cache: a change rechecks every module."""
        return {
            "converters": None if self.converters is None else sorted(self.converters)
        }


class PluginConfigError(ValueError):
    """A setting the plugin cannot read."""


def load_config(config_file: str | None) -> PluginConfig:
    """Read the settings from mypy's configuration file (none: the defaults).

    :raises PluginConfigError: a setting has the wrong form.
    """
    if config_file is None:
        return PluginConfig()
    if config_file.endswith(".toml"):
        return _from_toml(config_file)
    return _from_ini(config_file)


def _from_ini(path: str) -> PluginConfig:
    parser = configparser.ConfigParser()
    parser.read(path, encoding="utf-8")
    if not parser.has_option(SECTION, "converters"):
        return PluginConfig()
    text = parser.get(SECTION, "converters")
    names = [name.strip() for name in text.replace(",", "\n").splitlines()]
    return PluginConfig(converters=frozenset(_checked(n) for n in names if n))


def _from_toml(path: str) -> PluginConfig:
    with open(path, "rb") as f:
        data: dict[str, t.Any] = tomllib.load(f)
    section = data.get("tool", {}).get("transom", {}).get("mypy", {})
    if not isinstance(section, dict):
        raise PluginConfigError("[tool.transom.mypy] must be a table")
    names: object = t.cast("dict[str, object]", section).get("converters")
    if names is None:
        return PluginConfig()
    if not isinstance(names, list) or not all(
        isinstance(n, str) for n in t.cast("list[object]", names)
    ):
        raise PluginConfigError(
            "[tool.transom.mypy] converters must be a list of full type names,"
            ' such as ["myapp.geo.Point"]'
        )
    return PluginConfig(
        converters=frozenset(_checked(n) for n in t.cast("list[str]", names))
    )


def _checked(name: str) -> str:
    if "." not in name or not all(part.isidentifier() for part in name.split(".")):
        raise PluginConfigError(
            f"[{SECTION}] converters: {name!r} is not the full name of a type;"
            " write it with its module, such as 'myapp.geo.Point'"
        )
    return name
