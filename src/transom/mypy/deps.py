"""Dependencies the plugin adds for mypy's daemon.

The daemon rechecks a function when something it depends on changes. A
call ``url_for(Post, ...)`` mentions ``Post`` only, yet the plugin reads the
signature of ``Post.get``: without a dependency on it, changing that
signature would leave the call unchecked until the module changes. (mypy's
cache, without the daemon, rechecks whole modules and needs none of this.)
"""

from __future__ import annotations

import typing as t

from mypy.checker import TypeChecker
from mypy.server.trigger import make_trigger

from . import names

if t.TYPE_CHECKING:
    from mypy.nodes import TypeInfo
    from mypy.plugin import CheckerPluginInterface


def depend_on_verbs(api: CheckerPluginInterface, info: TypeInfo) -> None:
    """Recheck the current function when a verb of ``info`` (its own or
    inherited, added or removed) changes."""
    if not isinstance(api, TypeChecker):
        return
    target = api.tscope.current_target()
    for base in info.mro:
        if base.fullname in (names.VIEW, "builtins.object"):
            break
        for verb in names.VERBS:
            trigger = make_trigger(f"{base.fullname}.{verb}")
            api.tree.plugin_deps.setdefault(trigger, set()).add(target)
