"""The ``transom`` command line, also ``python -m transom``.


::

    $ transom --app examples/hello/app.py run --debug
    $ transom --app examples.hello.app routes --sort rule
    $ transom shell                      # finds app.py or wsgi.py here
    $ transom docs --format openapi --output openapi.json

Commands: ``run`` (:mod:`.run`), ``routes`` (:mod:`.routes`), ``shell``
(:mod:`.shell`), ``docs`` (:mod:`.docs`), and the app's own, defined with
``@app.command()`` (:mod:`.commands`). How the app is found is described
in :mod:`.discovery`.

Every expected failure is a :class:`CommandError`: one line on stderr and a
non-zero exit status, never a traceback. The only traceback shown is the
user's own, when their module raises while it is imported.
"""

from __future__ import annotations

from ._errors import AppLoadError as AppLoadError
from ._errors import CommandError as CommandError
from ._errors import UsageError as UsageError
from .commands import Arg as Arg
from .commands import Command as Command
from .commands import CommandDefinitionError as CommandDefinitionError
from .commands import CommandRegistry as CommandRegistry
from .main import main as main
