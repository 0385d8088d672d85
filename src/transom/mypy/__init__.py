"""transom's mypy plugin. Enable it in the mypy configuration::

    [mypy]
    plugins = transom.mypy

It checks what plain typing cannot, and reports it at the line of the
mistake with its own error codes:

- ``transom-route``, at ``@app.route(...)``: a rule variable a verb method
  does not accept, an annotation with no converter, an explicit converter
  (``<int:id>``) that disagrees with the annotation, verbs that disagree on
  a path parameter, a class that is no View or has no verb, a verb that is
  a static, class or async method, ``methods=`` on a View or misspelt, a
  View whose ``__init__`` needs arguments, a positional-only parameter, a
  method taken from its class, an endpoint already bound in the module
  (tests/test_typing_twins.py lists each check of the run time with its
  twin here);
- ``transom-url-for``: an endpoint name that no route of the build has,
  the verb method of an instance, a ``_method=`` the view does not answer.

Under mypy's own error for an error handler or request hook that does not
take or return what transom needs, it adds a note that says so.

It also checks ``url_for(View, ...)`` and ``url_for("endpoint", ...)``
(an endpoint of the module, or of a module it imports, blueprints'
``"blog.index"`` included) against the verb's parameters, as ``url_for(View.get, ...)`` is checked
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
