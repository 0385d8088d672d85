"""Finding and importing the app the command line works on.

Where the app comes from, first match wins:

1. ``--app``, then the ``TRANSOM_APP`` environment variable, each one of
   ``MODULE``, ``MODULE:NAME``, ``MODULE:factory()`` (literal arguments
   allowed: ``MODULE:create_app("dev", debug=True)``), or a path to a
   ``.py`` file or a package folder, optionally followed by ``:NAME`` or
   ``:factory()``;
2. else ``app.py``, then ``wsgi.py``, in the current folder.

The current folder is importable. A path is imported under its full
package name: ``examples/hello/app.py`` is ``examples.hello.app`` when
``examples/`` and ``examples/hello/`` are packages.

Inside the module, without a ``:NAME``: the :class:`~transom.App` named
``app`` or ``application``, else the only App in the module, else the App
that ``create_app()`` or ``make_app()`` returns.

Every failure is an :class:`~transom.cli.AppLoadError` saying what was
tried and why it failed; an error raised by the user's own code carries its
traceback, trimmed of importlib's and transom's frames.
"""

from __future__ import annotations

import ast
import collections.abc as cabc
import dataclasses
import difflib
import importlib
import inspect
import os
import re
import sys
import traceback
import types
import typing as t

import typing_extensions as te

from ..app import App
from ..exceptions import TransomError
from ._errors import AppLoadError
from ._errors import UsageError

ENV_APP: t.Final = "TRANSOM_APP"
"""The environment variable naming the app when ``--app`` is not given."""
DEFAULT_FILES: t.Final = ("app.py", "wsgi.py")
"""The files looked for in the current folder, in order."""
_APP_NAMES: t.Final = ("app", "application")
_FACTORY_NAMES: t.Final = ("create_app", "make_app")
_DRIVE_RE: t.Final = re.compile(r"^[A-Za-z]:[\\/]")
_CLI_DIR: t.Final = os.path.dirname(os.path.abspath(__file__))
_IMPORTLIB_DIR: t.Final = os.path.dirname(os.path.abspath(importlib.__file__))
_TRANSOM_DIR: t.Final = os.path.dirname(_CLI_DIR)


@dataclasses.dataclass(frozen=True, slots=True)
class AppSpec:
    """Where to look for the app, as the user gave it."""

    text: str
    """The whole value, as given."""
    target: str
    """The module name or path before ``:``."""
    attribute: str | None
    """What follows ``:`` (a name, or a factory call), or ``None`` to search."""
    origin: str
    """Where the value came from, for messages: ``'--app'``, ``'TRANSOM_APP'``
    or ``'app.py in the current folder'``."""

    @classmethod
    def parse(cls, text: str, origin: str) -> AppSpec:
        """Split ``MODULE_OR_PATH[:ATTRIBUTE]``.

        :raises UsageError: an empty module or attribute.
        """
        value = text.strip()
        # A Windows drive ("C:\\app.py") is not the separator, nor is a colon
        # inside a factory's arguments: look before the first parenthesis.
        start = 2 if _DRIVE_RE.match(value) else 0
        paren = value.find("(")
        colon = value.rfind(":", start, paren if paren != -1 else len(value))
        if colon == -1:
            target, attribute = value, None
        else:
            target, attribute = value[:colon], value[colon + 1 :].strip()
            if not attribute:
                raise UsageError(
                    f"{_source(origin, text)} names nothing after ':'; write"
                    f" {target}:app, or leave out the ':'"
                )
        if not target:
            raise UsageError(
                f"{_source(origin, text)} names no module or file; write MODULE,"
                " MODULE:NAME"
                " or a path such as app.py"
            )
        return cls(text, target, attribute, origin)

    @property
    def source(self) -> str:
        """Where the value came from, with the value, for messages:
        ``--app 'hello'``, ``TRANSOM_APP='hello'``, ``app.py in the current folder``."""
        return _source(self.origin, self.text)

    @property
    def is_path(self) -> bool:
        """Whether :attr:`target` is a file or folder path, not a module name."""
        target = self.target
        return target.endswith(".py") or "/" in target or os.sep in target


def _source(origin: str, text: str) -> str:
    if origin == "--app":
        return f"--app {text!r}"
    if origin == ENV_APP:
        return f"{ENV_APP}={text!r}"
    return origin


@dataclasses.dataclass(frozen=True, slots=True)
class FoundApp:
    """The app, and where it was found."""

    app: App
    """The app."""
    module: str
    """The module it was found in."""
    name: str
    """The attribute or factory call that gave it (``'app'``, ``'create_app()'``)."""
    spec: AppSpec
    """What the user asked for."""

    @te.override
    def __str__(self) -> str:
        return f"{self.module}:{self.name}"


def find_spec(
    option: str | None,
    environ: cabc.Mapping[str, str],
    cwd: str,
) -> AppSpec:
    """Choose where to look: ``--app``, then ``TRANSOM_APP``, then
    ``app.py`` or ``wsgi.py`` in ``cwd``.

    :raises AppLoadError: none of them is there.
    """
    if option is not None:
        return AppSpec.parse(option, "--app")
    from_env = environ.get(ENV_APP, "").strip()
    if from_env:
        return AppSpec.parse(from_env, ENV_APP)
    for name in DEFAULT_FILES:
        if os.path.isfile(os.path.join(cwd, name)):
            return AppSpec.parse(name, f"{name} in the current folder")
    raise AppLoadError(
        f"no app to load: pass --app MODULE (or a path such as --app app.py), set"
        f" {ENV_APP}, or run transom in a folder with {' or '.join(DEFAULT_FILES)}"
    )


def load(spec: AppSpec, cwd: str) -> FoundApp:
    """Import the module ``spec`` names and find the app in it.

    :param cwd: the current folder, which is made importable.
    :raises AppLoadError: the module does not import, or holds no app.
    :raises UsageError: the attribute is not a name or a call.
    """
    if cwd not in sys.path:
        sys.path.insert(0, cwd)
    # "notes.txt" or "mypackage" name files here, not modules elsewhere.
    if spec.is_path or os.path.exists(os.path.join(cwd, spec.target)):
        module_name, root, file = _module_for_path(spec, cwd)
        _check_not_taken(module_name, root, spec)
        if root not in sys.path:
            sys.path.insert(0, root)
    else:
        module_name, file = spec.target, None
        if not all(part.isidentifier() for part in module_name.split(".")):
            raise AppLoadError(
                f"{spec.source}: {module_name!r} is neither a module"
                " name nor a path to a .py file"
            )
    module = _import(module_name, spec)
    if file is not None:
        _check_same_file(module, file, module_name, spec)
    if spec.attribute is None:
        app, name = _search(module, module_name, spec)
    else:
        app, name = _resolve(module, module_name, spec.attribute, spec)
    return FoundApp(app, module_name, name, spec)


def user_traceback(error: BaseException) -> str:
    """Format ``error``'s traceback without importlib's and the command
    line's frames; for a :class:`~transom.TransomError`, also without the
    trailing frames inside transom, which only raised it."""
    formatted = traceback.TracebackException.from_exception(error)
    frames = [f for f in formatted.stack if not _is_machinery(f.filename)]
    if isinstance(error, TransomError):
        while len(frames) > 1 and frames[-1].filename.startswith(_TRANSOM_DIR + os.sep):
            frames.pop()
    formatted.stack = traceback.StackSummary.from_list(frames)
    return "".join(formatted.format())


def _is_machinery(filename: str) -> bool:
    return filename.startswith(
        ("<frozen importlib", _CLI_DIR + os.sep, _IMPORTLIB_DIR + os.sep)
    )


def _module_for_path(spec: AppSpec, cwd: str) -> tuple[str, str, str]:
    """The module name of a file or package path, the folder to put on
    ``sys.path`` for it, and the file the module must come from."""
    path = os.path.abspath(os.path.join(cwd, spec.target))
    shown = f"{spec.source}"
    if os.path.basename(path) == "__init__.py":
        path = os.path.dirname(path)  # the package itself
    if os.path.isdir(path):
        file = os.path.join(path, "__init__.py")
        if not os.path.isfile(file):
            raise AppLoadError(
                f"{shown} is a folder without __init__.py; name the .py file that"
                " creates the app, or add __init__.py to make it a package"
            )
    elif os.path.isfile(path):
        if not path.endswith(".py"):
            raise AppLoadError(f"{shown} is not a .py file")
        file = path
    else:
        raise AppLoadError(
            f"{shown}: no such file (looked for {path}); give the path of the .py"
            " file that creates the app, relative to the current folder"
        )
    parts = [os.path.splitext(os.path.basename(path))[0]]
    root = os.path.dirname(path)
    # Walk up through packages so the module gets its full dotted name and
    # its relative imports work.
    while os.path.isfile(os.path.join(root, "__init__.py")):
        parent = os.path.dirname(root)
        if parent == root:
            break
        parts.insert(0, os.path.basename(root))
        root = parent
    for part in parts:
        if not part.isidentifier():
            raise AppLoadError(
                f"{shown} cannot be imported: {part!r} is not a valid Python name;"
                " rename it (letters, digits and underscores, not starting with a"
                " digit)"
            )
    return ".".join(parts), root, file


def _check_not_taken(module_name: str, root: str, spec: AppSpec) -> None:
    """Refuse a path whose top-level package name is already imported from
    elsewhere (a file named ``json.py``, a folder named ``site``)."""
    top = module_name.partition(".")[0]
    existing = sys.modules.get(top)
    if existing is None:
        return
    loaded: str | None = getattr(existing, "__file__", None)
    own = os.path.realpath(os.path.join(root, top))
    if loaded is None or not os.path.realpath(loaded).startswith(own):
        raise AppLoadError(
            f"{spec.source} would be the module {module_name!r}, but"
            f" the name {top!r} is already taken by {loaded or 'a built-in module'};"
            " rename the file or folder"
        )


def _check_same_file(
    module: types.ModuleType, file: str, module_name: str, spec: AppSpec
) -> None:
    loaded: str | None = getattr(module, "__file__", None)
    if loaded is None or os.path.realpath(loaded) != os.path.realpath(file):
        raise AppLoadError(
            f"{spec.source} would be the module {module_name!r}, but"
            f" that name is already taken by {loaded or 'a built-in module'}; rename"
            " the file"
        )


def _import(module_name: str, spec: AppSpec) -> types.ModuleType:
    try:
        return importlib.import_module(module_name)
    except ModuleNotFoundError as e:
        missing = e.name
        if missing is not None and (
            module_name == missing or module_name.startswith(missing + ".")
        ):
            raise AppLoadError(
                f"could not import {module_name!r} ({spec.source}):"
                f" there is no module {missing!r} in the current folder or on the"
                " Python path"
            ) from None
        what = f"importing {module_name!r} ({spec.source})"
        raise _user_error(e, what) from None
    except Exception as e:
        what = f"importing {module_name!r} ({spec.source})"
        raise _user_error(e, what) from None


def _user_error(error: BaseException, what: str) -> AppLoadError:
    if isinstance(error, SyntaxError):
        where = f"{error.filename}, line {error.lineno}" if error.filename else ""
        reason = f"a syntax error, {error.msg}" + (f" ({where})" if where else "")
        return AppLoadError(
            f"{what} failed: {reason}", user_traceback=user_traceback(error)
        )
    reason = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    return AppLoadError(f"{what} raised {reason}", user_traceback=user_traceback(error))


def _search(
    module: types.ModuleType, module_name: str, spec: AppSpec
) -> tuple[App, str]:
    for name in _APP_NAMES:
        value = getattr(module, name, None)
        if isinstance(value, App):
            return value, name
    apps: dict[int, tuple[str, App]] = {}
    for name, value in vars(module).items():
        if isinstance(value, App):
            apps.setdefault(id(value), (name, value))
    if len(apps) == 1:
        ((name, app),) = apps.values()
        return app, name
    if len(apps) > 1:
        names = sorted(name for name, _ in apps.values())
        raise AppLoadError(
            f"{module_name!r} ({spec.source}) holds several apps:"
            f" {', '.join(names)}; choose one with --app {module_name}:{names[0]}"
        )
    for name in _FACTORY_NAMES:
        factory = getattr(module, name, None)
        if callable(factory):
            return _call_factory(
                factory, f"{module_name}:{name}()", (), {}, spec
            ), f"{name}()"
    others = [
        f"{name!r} is a {type(getattr(module, name)).__name__}"
        for name in _APP_NAMES
        if hasattr(module, name)
    ]
    note = f" ({', '.join(others)})" if others else ""
    raise AppLoadError(
        f"{module_name!r} ({spec.source}) has no transom App{note}:"
        " create one with 'app = App(__name__)', define a create_app() factory, or"
        f" name the object with --app {module_name}:NAME"
    )


def _resolve(
    module: types.ModuleType, module_name: str, attribute: str, spec: AppSpec
) -> tuple[App, str]:
    names, args, kwargs = _parse_attribute(attribute, spec)
    value: object = module
    for i, name in enumerate(names):
        try:
            value = getattr(value, name)
        except AttributeError:
            owner = module_name if i == 0 else ".".join(names[:i])
            candidates = [n for n in dir(value) if not n.startswith("_")]
            close = difflib.get_close_matches(name, candidates, n=1)
            suggestion = f"; did you mean {close[0]!r}?" if close else ""
            raise AppLoadError(
                f"{owner!r} has no attribute {name!r} ({spec.source}){suggestion}"
            ) from None
    dotted = ".".join(names)
    if args is not None:
        if not callable(value):
            raise AppLoadError(
                f"{module_name}:{dotted} is a {type(value).__name__}, which cannot be"
                f" called ({spec.source}); write --app"
                f" {module_name}:{dotted} without the parentheses"
            )
        return _call_factory(
            value, f"{module_name}:{attribute}", args, kwargs, spec
        ), attribute
    if isinstance(value, App):
        return value, dotted
    if callable(value) and not isinstance(value, type):
        raise AppLoadError(
            f"{module_name}:{dotted} is a function, not a transom App; to call it"
            f" as a factory, write --app '{module_name}:{dotted}()'"
        )
    raise AppLoadError(
        f"{module_name}:{dotted} is a {type(value).__name__}, not a transom App"
        f" ({spec.source})"
    )


def _parse_attribute(
    attribute: str, spec: AppSpec
) -> tuple[list[str], tuple[object, ...] | None, dict[str, object]]:
    """Parse ``name``, ``a.b`` or ``factory(literal, key=literal)``."""
    bad = UsageError(
        f"{spec.source}: {attribute!r} is not a name or a call such as"
        " create_app() (arguments must be literals: strings, numbers, True, None)"
    )
    try:
        node = ast.parse(attribute, mode="eval").body
    except SyntaxError:
        raise bad from None
    call: ast.Call | None = None
    if isinstance(node, ast.Call):
        call = node
        node = node.func
    names: list[str] = []
    while isinstance(node, ast.Attribute):
        names.insert(0, node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        raise bad
    names.insert(0, node.id)
    if call is None:
        return names, None, {}
    try:
        args = tuple(ast.literal_eval(a) for a in call.args)
        kwargs: dict[str, object] = {}
        for keyword in call.keywords:
            if keyword.arg is None:
                raise ValueError("**kwargs")
            kwargs[keyword.arg] = ast.literal_eval(keyword.value)
    except ValueError:
        raise bad from None
    return names, args, kwargs


def _call_factory(
    factory: cabc.Callable[..., object],
    shown: str,
    args: tuple[object, ...],
    kwargs: dict[str, object],
    spec: AppSpec,
) -> App:
    try:
        inspect.signature(factory).bind(*args, **kwargs)
    except TypeError as e:
        raise AppLoadError(
            f"cannot call {shown} ({spec.source}): {e}; give its"
            " arguments in --app, such as --app 'module:create_app(\"dev\")'"
        ) from None
    except ValueError:
        pass  # no signature to check (a builtin); the call will tell
    try:
        app = factory(*args, **kwargs)
    except Exception as e:
        raise _user_error(e, f"calling {shown}") from None
    if not isinstance(app, App):
        raise AppLoadError(
            f"{shown} returned {type(app).__name__}, not a transom App; return the"
            " app from the factory"
        )
    return app


__all__ = [
    "DEFAULT_FILES",
    "ENV_APP",
    "AppSpec",
    "FoundApp",
    "find_spec",
    "load",
    "user_traceback",
]
