"""One module per framework, each serving every workload.

A framework module provides ``make_app()`` (the app of most workloads),
``make_many_app()`` (the 500-route app) and ``session_cookie(app, data)``
(the cookie value that carries ``data`` as that app's session). gunicorn
serves them as ``benchmarks.frameworks.MODULE:make_app()``.
"""

from __future__ import annotations

import dataclasses
import importlib
import importlib.metadata
import types
import typing as t

if t.TYPE_CHECKING:
    from wsgiref.types import WSGIApplication


@dataclasses.dataclass(frozen=True)
class Framework:
    """A framework (or a style of using one) under test."""

    name: str
    """The module in this package, and the name on the command line."""
    label: str
    """What the report calls it."""
    distribution: str | None
    """The package whose version the report shows."""

    def module(self) -> types.ModuleType:
        """Import the framework's apps.

        :raises ImportError: the framework is not installed.
        """
        return importlib.import_module(f"benchmarks.frameworks.{self.name}")

    def version(self) -> str:
        """The installed version, or ``""``."""
        if self.distribution is None:
            return ""
        try:
            return importlib.metadata.version(self.distribution)
        except importlib.metadata.PackageNotFoundError:
            return ""

    def apps(self) -> tuple[WSGIApplication, WSGIApplication, t.Any]:
        """The main app, the many-routes app, and ``session_cookie``."""
        module = self.module()
        return module.make_app(), module.make_many_app(), module.session_cookie


FRAMEWORKS: t.Final = (
    Framework("raw", "raw WSGI", None),
    Framework("werkzeug_app", "werkzeug (Map + Request + Response)", "werkzeug"),
    Framework("flask_functions", "Flask, function routes", "flask"),
    Framework("flask_views", "Flask, MethodView", "flask"),
    Framework("falcon_app", "Falcon", "falcon"),
    Framework("bottle_app", "Bottle", "bottle"),
    Framework("transom_views", "transom, class views", "transom"),
    Framework("transom_functions", "transom, function routes", "transom"),
)
"""Every framework, in report order."""

BY_NAME: t.Final = {f.name: f for f in FRAMEWORKS}
TRANSOM: t.Final = ("transom_views", "transom_functions")
"""The frameworks the report compares with Falcon and Flask."""
