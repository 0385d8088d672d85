"""``transom check``: the app's templates checked against its routes.

::

    $ transom --app blog check
    templates/post.html:7: url_for('post_pgae'): no route has the endpoint 'post_pgae'; did you mean 'post_page'?
    Found 1 problem in 1 template (checked 7 templates)

The checks are :func:`transom.check.check_app`'s.
"""

from __future__ import annotations

import typing as t

from ..check import check_app
from ..check import template_names
from ._errors import CommandError

if t.TYPE_CHECKING:
    from ..app import App


def run_check(app: App, start: str) -> int:
    """Print each problem of ``app``'s templates, then a summary.

    :param start: paths are shown relative to this folder when inside it.
    :returns: the exit status: 1 when a problem other than a warning was
        found, else 0.
    :raises CommandError: the templates cannot be listed.
    """
    try:
        checked = len(template_names(app.jinja_env))
        problems = check_app(app)
    except TypeError as e:
        raise CommandError(f"cannot check the templates: {e}") from None
    for problem in problems:
        print(problem.show(start))
    errors = [problem for problem in problems if not problem.warning]
    warned = len(problems) - len(errors)
    warnings = f", and {_plural(warned, 'warning')}" if warned else ""
    templates = _plural(checked, "template")
    if not errors:
        print(f"No problems found in {templates}{warnings}")
        return 0
    files = len({problem.template for problem in errors})
    print(
        f"Found {_plural(len(errors), 'problem')} in"
        f" {_plural(files, 'template')} (checked {templates}){warnings}"
    )
    return 1


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


__all__ = ["run_check"]
