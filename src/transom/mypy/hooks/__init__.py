"""One module per checked call: routes and ``url_for``."""
