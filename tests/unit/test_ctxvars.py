"""transom._ctxvars: the context variables and the messages of their proxies."""

from __future__ import annotations

from transom import App
from transom._ctxvars import NO_APP
from transom._ctxvars import NO_REQUEST
from transom._ctxvars import app_ctx_var
from transom._ctxvars import current_request_ctx


def test_variables_are_unset_outside_contexts() -> None:
    assert app_ctx_var.get(None) is None
    assert current_request_ctx() is None


def test_variables_hold_the_pushed_contexts(app: App) -> None:
    with app.test_request_context() as ctx:
        assert current_request_ctx() is ctx
        assert app_ctx_var.get() is ctx.app_ctx


def test_messages_say_what_to_do() -> None:
    assert "with app.app_context():" in NO_APP
    assert "with app.test_request_context():" in NO_REQUEST
