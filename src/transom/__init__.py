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
from .helpers import abort as abort
from .helpers import after_this_request as after_this_request
from .helpers import jsonify as jsonify
from .helpers import make_response as make_response
from .helpers import redirect as redirect
from .helpers import url_for as url_for
from .params import Length as Length
from .params import PathStr as PathStr
from .params import Range as Range
from .static import send_file as send_file
from .static import send_from_directory as send_from_directory
from .static import send_upload as send_upload
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
