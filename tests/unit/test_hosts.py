"""transom.hosts: a request's subdomain, and domain checks at registration."""

from __future__ import annotations

from pathlib import Path

import pytest
from werkzeug.test import EnvironBuilder

from transom.exceptions import RouteError
from transom.exceptions import TransomError
from transom.hosts import check_domain
from transom.hosts import check_static_host
from transom.hosts import request_subdomain


@pytest.mark.parametrize(
    ("server_name", "base_url", "expected"),
    [
        ("example.com", "http://example.com", ""),
        ("Example.COM:80", "http://example.com", ""),
        ("example.com:443", "https://example.com", ""),
        ("example.com", "http://api.example.com", "api"),
        ("example.com", "http://a.b.example.com", "a.b"),
        ("example.com:8080", "http://api.example.com:8080", "api"),
        ("example.com", "http://example.com:8080", "default"),
        ("example.com", "http://notexample.com", "default"),
        ("example.com", "http://10.0.0.1", "default"),
        (None, "http://api.example.com", None),
    ],
)
def test_request_subdomain(
    server_name: str | None, base_url: str, expected: str | None
) -> None:
    environ = EnvironBuilder(base_url=base_url).get_environ()
    assert request_subdomain(environ, server_name, "default") == expected


def test_check_domain_accepts_what_the_mode_matches() -> None:
    check_domain("/", None, None, subdomain_matching=False, host_matching=False)
    check_domain("/", "", None, subdomain_matching=False, host_matching=False)
    check_domain("/", "api", None, subdomain_matching=True, host_matching=False)
    check_domain("/", None, "a.test", subdomain_matching=False, host_matching=True)
    with pytest.raises(RouteError, match="subdomain_matching=True"):
        check_domain("/", "api", None, subdomain_matching=False, host_matching=False)


def test_check_static_host(tmp_path: Path) -> None:
    folder = str(tmp_path)
    check_static_host("app", folder, "a.test", host_matching=True)
    check_static_host("app", None, None, host_matching=True)
    check_static_host("app", str(tmp_path / "missing"), None, host_matching=True)
    with pytest.raises(TransomError, match="static_host="):
        check_static_host("app", folder, None, host_matching=True)
    with pytest.raises(TransomError, match="only applies with host_matching"):
        check_static_host("app", None, "a.test", host_matching=False)
