"""Route templates: the ``<converter(args):name>`` placeholders in a rule.

This module only reads rule strings; it does no I/O and imports nothing from
the rest of transom, so the mypy plugin can share it.
"""

from __future__ import annotations

import dataclasses
import re

_variable_re = re.compile(
    r"""
    <
    (?:
        (?P<converter>[a-zA-Z_][a-zA-Z0-9_]*)
        (?:\((?P<args>[^)]*)\))?
        :
    )?
    (?P<name>[^<>:()]*)
    >
    """,
    re.VERBOSE,
)
_name_re = re.compile(r"[a-zA-Z_][a-zA-Z0-9_]*\Z")


@dataclasses.dataclass(frozen=True, slots=True)
class RuleVariable:
    """One ``<...>`` placeholder of a rule."""

    name: str
    """The variable's name, which a verb parameter must accept."""
    converter: str | None
    """The explicit converter name, as in ``<int:id>``, or ``None``."""
    args: str | None
    """The explicit converter's arguments, as in ``<int(min=1):id>``, or ``None``."""
    start: int
    """Offset of the ``<`` in the rule."""
    end: int
    """Offset just past the ``>`` in the rule."""


class RuleSyntaxError(ValueError):
    """A rule whose placeholders cannot be read."""


def parse_rule(rule: str, *, domain: bool = False) -> tuple[RuleVariable, ...]:
    """Return the placeholders of ``rule`` in order.

    :param domain: ``rule`` is a subdomain or host (``"<user>"``,
        ``"<site>.example.com"``), which does not start with ``/``.
    :raises RuleSyntaxError: a placeholder has an invalid name, a name is
        used twice, or a path rule does not start with ``/``.
    """
    if not domain and not rule.startswith("/"):
        raise RuleSyntaxError(f"the rule {rule!r} must start with '/'")
    variables: list[RuleVariable] = []
    seen: set[str] = set()
    for match in _variable_re.finditer(rule):
        name = match["name"]
        if not _name_re.match(name):
            raise RuleSyntaxError(
                f"the placeholder {match[0]!r} in {rule!r} needs a Python identifier"
                " as its name, like '<post_id>'"
            )
        if name in seen:
            raise RuleSyntaxError(f"the variable {name!r} appears twice in {rule!r}")
        seen.add(name)
        variables.append(
            RuleVariable(
                name, match["converter"], match["args"], match.start(), match.end()
            )
        )
    return tuple(variables)


def rewrite_rule(rule: str, converters: dict[str, str], *, domain: bool = False) -> str:
    """Return ``rule`` with each variable named in ``converters`` given that
    converter (``{"id": "int"}`` turns ``<id>`` into ``<int:id>``).

    :param domain: ``rule`` is a subdomain or host, as for :func:`parse_rule`.
    """
    parts: list[str] = []
    last = 0
    for variable in parse_rule(rule, domain=domain):
        parts.append(rule[last : variable.start])
        name = converters.get(variable.name)
        if name is None:
            parts.append(rule[variable.start : variable.end])
        else:
            parts.append(f"<{name}:{variable.name}>")
        last = variable.end
    parts.append(rule[last:])
    return "".join(parts)


def join_rule(prefix: str | None, rule: str) -> str:
    """``rule`` under ``prefix``: ``"/auth"`` and ``"/login"`` give
    ``"/auth/login"``; an empty rule gives the prefix itself."""
    if prefix is None:
        return rule
    if not rule:
        return prefix
    return "/".join((prefix.rstrip("/"), rule.lstrip("/")))


def openapi_path(rule: str) -> str:
    """Return ``rule`` in OpenAPI's ``{name}`` form."""
    return _variable_re.sub(lambda m: "{" + m["name"] + "}", rule)
