"""A bounded load test of transom under real WSGI servers.

It serves :mod:`loadtest.app` with gunicorn (threaded workers) and waitress
on 127.0.0.1, runs a mixed workload (pages, sessions, forms, 404s, static
files) from many threads, and checks every answer: zero errors, zero
mismatches (a response carrying another request's id or another client's
session), and memory that stays level over the soak::

    python -m loadtest                       # both servers, 60 s each
    python -m loadtest --server waitress --duration 300 --report report.json

tests/e2e/test_load.py runs a few-second version in the test suite.
"""
