"""transom: a typed, class-based-views web framework on WSGI.

::

    from transom import App, View

    app = App(__name__)

    @app.route("/post/<post_id>")
    class Post(View):
        def get(self, post_id: int) -> str:     # <post_id> becomes an int
            return f"Post {post_id}"

    app.test_client().get("/post/3").text       # 'Post 3'
"""

# The names below are imported when first used, not with the package: the
# mypy plugin (transom.mypy) lives in this package, and importing werkzeug,
# jinja2 and the whole framework for it would cost every mypy run.
# ``from transom import App`` imports what App needs, as before.

from __future__ import annotations

import builtins
import importlib
import typing as t

if t.TYPE_CHECKING:
    from markupsafe import Markup as Markup
    from markupsafe import escape as escape
    from werkzeug.datastructures import FileStorage as FileStorage
    from werkzeug.utils import secure_filename as secure_filename

    from .app import App as App
    from .blueprints import Blueprint as Blueprint
    from .config import Config as Config
    from .converters import Converter as Converter
    from .converters import ValidationError as ValidationError
    from .ctx import G as G
    from .exceptions import ErrorDetail as ErrorDetail
    from .exceptions import RequestValidationError as RequestValidationError
    from .exceptions import TransomError as TransomError
    from .flashing import flash as flash
    from .flashing import get_flashed_messages as get_flashed_messages
    from .globals import current_app as current_app
    from .globals import g as g
    from .globals import has_app_context as has_app_context
    from .globals import has_request_context as has_request_context
    from .globals import request as request
    from .globals import session as session
    from .globals import typed_current_app as typed_current_app
    from .globals import typed_g as typed_g
    from .globals import typed_session as typed_session
    from .helpers import abort as abort
    from .helpers import after_this_request as after_this_request
    from .helpers import jsonify as jsonify
    from .helpers import make_response as make_response
    from .helpers import redirect as redirect
    from .helpers import url_for as url_for
    from .params import Length as Length
    from .params import PathStr as PathStr
    from .params import Range as Range
    from .request_data import Body as Body
    from .request_data import Cookie as Cookie
    from .request_data import File as File
    from .request_data import Form as Form
    from .request_data import Header as Header
    from .static import send_file as send_file
    from .static import send_from_directory as send_from_directory
    from .static import send_upload as send_upload
    from .status import Accepted as Accepted
    from .status import Created as Created
    from .status import NoContent as NoContent
    from .status import Status as Status
    from .streaming import stream_with_context as stream_with_context
    from .templating import get_template_attribute as get_template_attribute
    from .templating import render_template as render_template
    from .templating import render_template_string as render_template_string
    from .templating import stream_template as stream_template
    from .templating import stream_template_string as stream_template_string
    from .typed_templates import Template as Template
    from .views import View as View
    from .wrappers import Request as Request
    from .wrappers import Response as Response

__version__ = "0.1.0"

_EXPORTS: t.Final[dict[str, str]] = {
    "Markup": "markupsafe",
    "escape": "markupsafe",
    "FileStorage": "werkzeug.datastructures",
    "secure_filename": "werkzeug.utils",
    "App": ".app",
    "Blueprint": ".blueprints",
    "Config": ".config",
    "Converter": ".converters",
    "ValidationError": ".converters",
    "G": ".ctx",
    "ErrorDetail": ".exceptions",
    "RequestValidationError": ".exceptions",
    "TransomError": ".exceptions",
    "flash": ".flashing",
    "get_flashed_messages": ".flashing",
    "current_app": ".globals",
    "g": ".globals",
    "has_app_context": ".globals",
    "has_request_context": ".globals",
    "request": ".globals",
    "session": ".globals",
    "typed_current_app": ".globals",
    "typed_g": ".globals",
    "typed_session": ".globals",
    "abort": ".helpers",
    "after_this_request": ".helpers",
    "jsonify": ".helpers",
    "make_response": ".helpers",
    "redirect": ".helpers",
    "url_for": ".helpers",
    "Length": ".params",
    "PathStr": ".params",
    "Range": ".params",
    "Body": ".request_data",
    "Cookie": ".request_data",
    "File": ".request_data",
    "Form": ".request_data",
    "Header": ".request_data",
    "send_file": ".static",
    "send_from_directory": ".static",
    "send_upload": ".static",
    "Accepted": ".status",
    "Created": ".status",
    "NoContent": ".status",
    "Status": ".status",
    "stream_with_context": ".streaming",
    "get_template_attribute": ".templating",
    "render_template": ".templating",
    "render_template_string": ".templating",
    "stream_template": ".templating",
    "stream_template_string": ".templating",
    "Template": ".typed_templates",
    "View": ".views",
    "Request": ".wrappers",
    "Response": ".wrappers",
}
"""Each public name, with the module it comes from."""

__all__ = [
    "Markup",
    "escape",
    "FileStorage",
    "secure_filename",
    "App",
    "Blueprint",
    "Config",
    "Converter",
    "ValidationError",
    "G",
    "ErrorDetail",
    "RequestValidationError",
    "TransomError",
    "flash",
    "get_flashed_messages",
    "current_app",
    "g",
    "has_app_context",
    "has_request_context",
    "request",
    "session",
    "typed_current_app",
    "typed_g",
    "typed_session",
    "abort",
    "after_this_request",
    "jsonify",
    "make_response",
    "redirect",
    "url_for",
    "Length",
    "PathStr",
    "Range",
    "Body",
    "Cookie",
    "File",
    "Form",
    "Header",
    "send_file",
    "send_from_directory",
    "send_upload",
    "Accepted",
    "Created",
    "NoContent",
    "Status",
    "stream_with_context",
    "get_template_attribute",
    "render_template",
    "render_template_string",
    "stream_template",
    "stream_template_string",
    "Template",
    "View",
    "Request",
    "Response",
]
"""The public names, as in :data:`_EXPORTS` (checkers need the list spelt out)."""

_namespace: t.Final[dict[str, t.Any]] = builtins.globals()
"""This module's names (the submodule ``transom.globals`` shadows the
built-in ``globals`` here)."""

if not t.TYPE_CHECKING:
    # Defined for the run time only: to a type checker, a module with a
    # __getattr__ has every attribute, and a misspelt import would pass.

    def __getattr__(name: str) -> t.Any:
        module = _EXPORTS.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module, __name__), name)
        _namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*_namespace, *_EXPORTS})
