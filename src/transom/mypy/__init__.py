"""transom's mypy plugin. Enable it in the mypy configuration::

    [mypy]
    plugins = transom.mypy

It checks what plain typing cannot, and reports it at the line of the
mistake with its own error codes:

- ``transom-route``, at ``@app.route(...)``: a rule variable a verb method
  does not accept, an annotation with no converter, an explicit converter
  (``<int:id>``) that disagrees with the annotation, verbs that disagree on
  a path parameter, a class that is no View or has no verb;
- ``transom-url-for``: an endpoint name that no route of the module has,
  the verb method of an instance.

Under mypy's own error for an error handler or request hook that does not
take or return what transom needs, it adds a note that says so.

It also checks ``url_for(View, ...)`` and ``url_for("endpoint", ...)``
against the verb's parameters, as ``url_for(View.get, ...)`` is checked
without it, and gives mypy's usual messages for every form instead of
"No overload variant".

The plugin reads types only: it never imports the code it checks.
"""

from __future__ import annotations

from mypy.plugin import Plugin

from .main import TransomPlugin


def plugin(version: str) -> type[Plugin]:
    """The entry point mypy calls with its version."""
    return TransomPlugin
