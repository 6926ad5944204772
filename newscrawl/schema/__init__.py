"""The shipped JSON Schema of an article record, and a validator for it."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files

from jsonschema import Draft202012Validator, FormatChecker, ValidationError

from newscrawl.schema.fast import Check, Unsupported, compile_schema

SCHEMA_VERSION = "1.0.0"
"""Version of the record contract (docs/record.md, "Compatibility"): MAJOR.MINOR.PATCH.

A patch step changes no record's validity (wording, descriptions); a minor
step only adds optional fields; a major step removes, renames or retypes one.
Every record carries it as ``schemaVersion`` so a consumer can tell which
contract a line was written under without guessing from its fields. Three
parts also keep it a string in pandas and DuckDB ("1.10" would read as the
float 1.1).
"""


@cache
def article_schema() -> dict:
    """The article record schema as a dict."""
    return json.loads(files(__package__).joinpath("article.schema.json").read_text("utf-8"))


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(article_schema(), format_checker=FormatChecker())


@cache
def _quick_check() -> Check | None:
    """The compiled yes/no check (``newscrawl.schema.fast``), None if it cannot compile."""
    try:
        return compile_schema(article_schema(), _validator().format_checker)
    except Unsupported:
        return None


def schema_errors(record: dict) -> list[str]:
    """Human-readable schema violations of ``record`` (empty when valid).

    A valid record (nearly all) is recognised by the compiled check in some
    30 µs; only a record it doubts is walked by ``jsonschema`` for the messages.
    """
    quick = _quick_check()
    if quick is not None and quick(record):
        return []
    errors = sorted(_validator().iter_errors(record), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(map(str, e.absolute_path)) or '<record>'}: {_message(e)}" for e in errors]


def _message(error: ValidationError) -> str:
    """The validator's message, or for a failed pattern what the pattern stands for.

    "'yesterday' is not ISO 8601 with seconds and a UTC offset" tells a reader
    what to fix; the regular expression itself does not.
    """
    described = error.schema.get("description") if isinstance(error.schema, dict) else None
    if error.validator == "pattern" and described and len(described) < 60:
        return f"{error.instance!r} is not {described}"
    return error.message
