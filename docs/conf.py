"""Sphinx configuration for transom's documentation (Markdown via MyST)."""

from __future__ import annotations

project = "transom"
author = "The transom authors"
copyright = "2026, The transom authors"
extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
]
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_type_aliases = {"ResponseValue": "transom.typing.ResponseValue"}
nitpicky = False
suppress_warnings = ["myst.xref_missing"]
html_theme = "alabaster"
html_title = "transom"
