"""A quick yes/no check of a record against the schema, before the full validator.

``jsonschema`` walks the schema anew for every record and costs about 1 ms
per article in the reactor thread (as much as a third of what the crawl
process spends on a page besides Scrapy itself). Nearly every record is
valid, so ``schema_errors`` first asks a checker compiled here once into
plain Python closures (some 30 µs a record): when it says valid, there is
nothing to report; otherwise ``jsonschema`` runs as before and writes the
messages. The checker may be stricter than ``jsonschema`` (then the slow path
answers), never laxer: it knows only the keywords our schema uses, follows
``jsonschema``'s Draft 2020-12 semantics for them, and refuses to compile a
schema with any other keyword (``Unsupported``), in which case every record
goes to ``jsonschema``. ``tests/test_schema_fast.py`` checks it against
``jsonschema`` on generated and mutated records.
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Callable

from jsonschema import FormatChecker

Check = Callable[[object], bool]
DRAFT = "https://json-schema.org/draft/2020-12/schema"

ANNOTATIONS = frozenset(
    {"$schema", "$id", "$comment", "$defs", "title", "description", "examples", "default"}
)


class Unsupported(ValueError):
    """The schema uses something this checker does not implement."""


def _is_number(value: object) -> bool:
    return type(value) in (int, float)  # bool, Decimal, ...: let jsonschema decide


_TYPES: dict[str, Check] = {
    "string": lambda v: isinstance(v, str),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "null": lambda v: v is None,
    "boolean": lambda v: isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": _is_number,
}


_PLAIN: dict[str, type | tuple[type, ...]] = {
    "string": str,
    "object": dict,
    "array": list,
    "null": type(None),
    "boolean": bool,
}


def _all(checks: list[Check]) -> Check:
    if not checks:
        return lambda v: True
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda v: first(v) and second(v)

    def every(v: object) -> bool:  # a loop, not all(<generator>): twice as fast here
        for check in checks:  # noqa: SIM110
            if not check(v):
                return False
        return True

    return every


def _any(checks: list[Check]) -> Check:
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda v: first(v) or second(v)

    def some(v: object) -> bool:
        for check in checks:  # noqa: SIM110
            if check(v):
                return True
        return False

    return some


def compile_schema(root: dict, format_checker: FormatChecker | None = None) -> Check:
    """A function telling whether an instance is valid against ``root`` (Draft 2020-12)."""
    if root.get("$schema", DRAFT) != DRAFT:
        raise Unsupported(f"$schema {root['$schema']!r}: only Draft 2020-12 is supported")
    refs: dict[str, Check] = {}

    def ref(target: str) -> Check:
        if target not in refs:
            if not target.startswith("#/$defs/") or "/" in target[len("#/$defs/") :]:
                raise Unsupported(f"$ref {target!r}: only #/$defs/<name> is supported")
            name = target[len("#/$defs/") :]
            try:
                sub = root["$defs"][name]
            except (KeyError, TypeError) as exc:
                raise Unsupported(f"$ref {target!r} points nowhere") from exc
            refs[target] = lambda v: compiled(v)  # placeholder while compiling (recursion)
            compiled = build(sub)
            refs[target] = compiled
        return refs[target]

    def build(schema: object) -> Check:
        if schema is True or schema == {}:
            return lambda v: True
        if schema is False:
            return lambda v: False
        if not isinstance(schema, dict):
            raise Unsupported(f"schema {schema!r}")
        checks: list[Check] = []
        for key, value in schema.items():
            if key in ANNOTATIONS:
                continue
            checks.append(keyword(key, value, schema))
        return _all(checks)

    def keyword(key: str, value: object, schema: dict) -> Check:
        if key == "type":
            names = value if isinstance(value, list) else [value]
            if not all(isinstance(name, str) and name in _TYPES for name in names):
                raise Unsupported(f"type {value!r}")
            if all(name in _PLAIN for name in names):  # one isinstance call
                plain = tuple(_PLAIN[name] for name in names)
                return lambda v: isinstance(v, plain)
            return _any([_TYPES[name] for name in names])
        if key == "$ref":
            return ref(str(value))
        if key == "anyOf":
            return _any([build(s) for s in value])  # type: ignore[union-attr]
        if key == "not":
            inner = build(value)
            return lambda v: not inner(v)
        if key == "pattern":
            search = re.compile(str(value)).search
            return lambda v: not isinstance(v, str) or search(v) is not None
        if key == "minLength":
            n = int(value)  # type: ignore[call-overload]
            return lambda v: not isinstance(v, str) or len(v) >= n
        if key == "minItems":
            n = int(value)  # type: ignore[call-overload]
            return lambda v: not isinstance(v, list) or len(v) >= n
        if key == "minimum":
            low = value
            return lambda v: (
                v >= low  # type: ignore[operator]
                if _is_number(v)
                else isinstance(v, bool) or not isinstance(v, numbers.Number)
            )
        if key == "items":
            if "prefixItems" in schema:
                raise Unsupported("prefixItems")
            item = build(value)

            def items(v: object) -> bool:
                if isinstance(v, list):
                    for x in v:
                        if not item(x):
                            return False
                return True

            return items
        if key == "required":
            names = tuple(value)  # type: ignore[arg-type]
            return lambda v: not isinstance(v, dict) or all(map(v.__contains__, names))
        if key == "properties":
            props = {name: build(sub) for name, sub in value.items()}  # type: ignore[union-attr]
            pairs = tuple(props.items())

            def properties(v: object) -> bool:
                if isinstance(v, dict):
                    for name, check in pairs:
                        if name in v and not check(v[name]):
                            return False
                return True

            return properties
        if key == "additionalProperties":
            if "patternProperties" in schema:
                raise Unsupported("patternProperties")
            known = frozenset(schema.get("properties", {}))
            if value is False:
                return lambda v: not isinstance(v, dict) or known.issuperset(v)
            extra = build(value)
            return lambda v: (
                not isinstance(v, dict)
                or all(extra(x) for name, x in v.items() if name not in known)
            )
        if key == "format":
            if format_checker is None:
                return lambda v: True  # formats are annotations without a checker
            fmt = str(value)
            return lambda v: format_checker.conforms(v, fmt)
        raise Unsupported(f"keyword {key!r}")

    return build(root)
