"""The shipped JSON Schema of an article record, and a validator for it."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files

from jsonschema import Draft202012Validator, FormatChecker

SCHEMA_VERSION = "1.0"
"""Version of the record contract (docs/record.md, "Compatibility"): MAJOR.MINOR.

A minor step only adds optional fields; a major step removes, renames or
retypes one. Every record carries it as ``schemaVersion`` so a consumer can
tell which contract a line was written under without guessing from its fields.
"""


@cache
def article_schema() -> dict:
    """The article record schema as a dict."""
    return json.loads(files(__package__).joinpath("article.schema.json").read_text("utf-8"))


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(article_schema(), format_checker=FormatChecker())


def schema_errors(record: dict) -> list[str]:
    """Human-readable schema violations of ``record`` (empty when valid)."""
    errors = sorted(_validator().iter_errors(record), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(map(str, e.absolute_path)) or '<record>'}: {e.message}" for e in errors]
