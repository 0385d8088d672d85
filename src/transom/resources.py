"""Files that belong to the application: resources next to its code, the
instance folder, and static files.

Resources ship with the code (a SQL schema, a default settings file) and
are read relative to :attr:`App.root_path <transom.App.root_path>`; the
instance folder holds what belongs to one deployment (the database, local
settings) and is not part of the code::

    app = App(__name__, instance_relative_config=True)
    app.config.from_pyfile("settings.cfg", silent=True)  # instance/settings.cfg

    with app.open_resource("schema.sql", "r") as f:
        script = f.read()
    with app.open_instance_resource("app.db", "wb") as f:
        ...

The instance folder is ``instance/`` next to the app's module, or next to
its package's folder; for a module or package installed into a Python
environment it is ``<prefix>/var/<name>-instance``. transom creates no
folder: make it when the app first needs it (``os.makedirs(app.instance_path,
exist_ok=True)``).
"""

from __future__ import annotations

import importlib.util
import os
import pathlib
import sys
import typing as t

from .static import send_from_directory

if t.TYPE_CHECKING:
    from _typeshed import OpenBinaryMode
    from _typeshed import OpenTextMode

    from .wrappers import Response


class Resources:
    """Opening an application's own files: resources, instance files and
    static files. :class:`~transom.App` has these methods."""

    root_path: str
    """The folder of the application's module or package."""
    instance_path: str
    """The instance folder (see :mod:`transom.resources`)."""
    static_folder: str | None
    """The absolute folder of static files, or ``None``."""

    @property
    def has_static_folder(self) -> bool:
        """Whether there is a static folder (``static_folder`` is not ``None``)."""
        return self.static_folder is not None

    @t.overload
    def open_resource(
        self, resource: str, mode: t.Literal["rb"] = "rb", encoding: None = None
    ) -> t.IO[bytes]: ...
    @t.overload
    def open_resource(
        self, resource: str, mode: t.Literal["r", "rt"], encoding: str | None = None
    ) -> t.IO[str]: ...
    def open_resource(
        self, resource: str, mode: str = "rb", encoding: str | None = None
    ) -> t.IO[bytes] | t.IO[str]:
        """Open a file that ships with the application, for reading::

            with app.open_resource("schema.sql", "r") as f:
                db.executescript(f.read())

        :param resource: a path relative to :attr:`root_path`, with ``/``
            as the separator.
        :param mode: ``"rb"`` (bytes) or ``"r"``/``"rt"`` (text).
        :param encoding: the text encoding (``"r"`` only); the locale's
            when not given, as for :func:`open`.
        :raises ValueError: a mode that writes; resources are part of the
            code.
        """
        if mode not in ("r", "rt", "rb"):
            raise ValueError(
                f"open_resource() opens resources for reading, not mode={mode!r};"
                " pass 'rb' or 'r', and write files that change to the instance"
                " folder with open_instance_resource()"
            )
        path = os.path.join(self.root_path, resource)
        if mode == "rb":
            return open(path, "rb")
        return open(path, mode, encoding=encoding)

    @t.overload
    def open_instance_resource(
        self, resource: str, mode: OpenBinaryMode = "rb", encoding: None = None
    ) -> t.IO[bytes]: ...
    @t.overload
    def open_instance_resource(
        self, resource: str, mode: OpenTextMode, encoding: str | None = "utf-8"
    ) -> t.IO[str]: ...
    def open_instance_resource(
        self, resource: str, mode: str = "rb", encoding: str | None = "utf-8"
    ) -> t.IO[bytes] | t.IO[str]:
        """Open a file in the instance folder, in any mode::

            with app.open_instance_resource("settings.cfg", "w") as f:
                f.write("SECRET_KEY = ...\\n")

        :param resource: a path relative to :attr:`instance_path`.
        :param mode: as for :func:`open`.
        :param encoding: the text encoding, UTF-8 unless given; unused in a
            binary mode.
        """
        path = os.path.join(self.instance_path, resource)
        if "b" in mode:
            return open(path, mode)
        return open(path, mode, encoding=encoding)

    def send_static_file(self, filename: str) -> Response:
        """Send ``filename`` from the static folder, as the ``static``
        route does; in a request, like :func:`~transom.send_from_directory`.

        :raises RuntimeError: the app has no static folder
            (``static_folder=None``).
        """
        if self.static_folder is None:
            raise RuntimeError(
                "send_static_file() needs a static folder, but static_folder is"
                " None; pass static_folder='static' (or another folder) to App()"
            )
        return send_from_directory(self.static_folder, filename)


def instance_path(
    import_name: str, name: str, given: str | os.PathLike[str] | None
) -> str:
    """The instance folder of an app: ``given``, which must be absolute, or
    the folder found from ``import_name`` (see :mod:`transom.resources`).

    :param name: the app's name, for an installed app's folder.
    :raises ValueError: ``given`` is relative.
    """
    if given is not None:
        path = os.fspath(given)
        if not os.path.isabs(path):
            raise ValueError(
                f"instance_path={path!r} is relative, but the instance folder"
                " must not depend on the current directory; pass an absolute path,"
                " such as os.path.join(os.path.dirname(__file__), 'instance')"
            )
        return path
    prefix, package_path = find_package(import_name)
    if prefix is None:
        return os.path.join(package_path, "instance")
    return os.path.join(prefix, "var", f"{name}-instance")


def find_package(import_name: str) -> tuple[str | None, str]:
    """Where the module or package ``import_name`` is installed, as Flask
    finds it: the installation prefix (``None`` when it is not installed
    into the interpreter's prefix or a ``site-packages``) and the folder it
    is imported from (for ``__main__``, the script's folder; the current
    directory when it cannot be found)."""
    package_path = _package_path(import_name)
    prefix = os.path.abspath(sys.prefix)
    if pathlib.PurePath(package_path).is_relative_to(prefix):
        return prefix, package_path
    parent, folder = os.path.split(package_path)
    if folder.lower() == "site-packages":
        grandparent, lib = os.path.split(parent)
        if lib.lower() == "lib":  # Windows: <prefix>/Lib/site-packages
            return grandparent, package_path
        if os.path.basename(grandparent).lower() == "lib":
            # <prefix>/lib/pythonX.Y/site-packages
            return os.path.dirname(grandparent), package_path
        return parent, package_path
    return None, package_path


def _package_path(import_name: str) -> str:
    """The folder that holds the top-level module or package of
    ``import_name``."""
    root_name = import_name.partition(".")[0]
    if root_name == "__main__":
        # A script (python app.py): its folder, not the current one, so
        # that the instance folder does not move with where it is run from.
        script: str | None = getattr(sys.modules.get("__main__"), "__file__", None)
        return os.path.dirname(os.path.abspath(script)) if script else os.getcwd()
    try:
        root = importlib.util.find_spec(root_name)
    except (ImportError, ValueError):  # __main__, or an invalid name
        root = None
    if root is None:
        return os.getcwd()
    locations = root.submodule_search_locations
    if not locations:  # a module
        return os.path.dirname(os.path.abspath(root.origin or ""))
    if root.origin is not None and root.origin != "namespace":
        # A package: the folder above its __init__.py's folder.
        return os.path.dirname(os.path.dirname(os.path.abspath(root.origin)))
    # A namespace package: the part of it that holds import_name.
    spec = importlib.util.find_spec(import_name)
    search = list(locations)
    if spec is not None and spec.submodule_search_locations:
        common = pathlib.Path(os.path.commonpath(list(spec.submodule_search_locations)))
        search = [p for p in search if common.is_relative_to(p)] or search
    return os.path.dirname(search[0])
