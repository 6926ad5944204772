"""The shipped JSON Schema of an article record, and a validator for it."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files

import jsonschema_rs
from jsonschema import Draft202012Validator, FormatChecker, ValidationError

SCHEMA_VERSION = "1.1.0"
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
def _quick_check() -> jsonschema_rs.Validator:
    """A compiled yes/no validator (jsonschema-rs, Rust): a few µs a record."""
    return jsonschema_rs.validator_for(article_schema(), validate_formats=True)


def schema_errors(record: dict) -> list[str]:
    """Human-readable schema violations of ``record`` (empty when valid).

    Every record crosses this in the crawl's reactor thread, where
    ``jsonschema`` cost about 1 ms. A valid record (nearly all) is recognised
    by jsonschema-rs in microseconds; only a record it doubts is walked by
    ``jsonschema``, whose verdict and messages (the contract's wording) are
    the ones reported. jsonschema-rs may be the stricter of the two (its
    ``\\d`` is ASCII, its ``$`` ignores a final newline), never the laxer:
    ``tests/test_schema_fast.py`` compares them on mutated records.
    """
    if _quick_check().is_valid(record):
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
