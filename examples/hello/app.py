"""The smallest transom app: ``python examples/hello/app.py`` serves it."""

from __future__ import annotations

from transom import App
from transom import View
from transom import url_for

app = App(__name__)


@app.route("/")
class Index(View):
    """The home page."""

    def get(self) -> str:
        link = url_for(Hello.get, name="World")
        return f'<p>Hello from transom! Try <a href="{link}">{link}</a>.</p>'


@app.route("/hello/<name>")
class Hello(View):
    """Greets someone by name."""

    def get(self, name: str, shout: bool = False) -> str:
        greeting = f"Hello, {name}!"
        return greeting.upper() if shout else greeting


@app.route("/api/square/<n>")
def square(n: int) -> dict[str, int]:
    """Squares a number, as JSON."""
    return {"n": n, "square": n * n}


if __name__ == "__main__":
    app.run(debug=True)
