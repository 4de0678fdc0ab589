"""Check a JSON analysis against the published contract, without a jsonschema dependency.

``analysis.schema.json`` (JSON Schema draft 2020-12) is the contract other tools can use
with any validator. Here a small interpreter covers the keywords that file uses, and then
checks what a schema cannot say: that offsets fall inside the article, that every span's
``text`` is exactly ``article.text[start:end]``, that ids are unique and that a claim's
``attribution`` names an attribution that exists. A stored or hand-edited JSON file that
breaks these would make every report point at the wrong words.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

SCHEMA_PATH = Path(__file__).with_name("analysis.schema.json")

_JSON_TYPES = {
    "object": "object",
    "array": "array",
    "string": "string",
    "integer": "integer",
    "number": "number",
    "boolean": "boolean",
    "null": "null",
}


@cache
def load_schema() -> dict[str, Any]:
    """The JSON Schema of ``Analysis.to_dict()`` (read once, on first use)."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _type_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _is(value: Any, name: str) -> bool:
    t = _type_of(value)
    if name == "number":
        return t in ("integer", "number")
    if name == "integer" and t == "number":
        return float(value).is_integer()
    return t == name


def _check(
    value: Any, schema: dict[str, Any], root: dict[str, Any], path: str, errors: list[str]
) -> None:
    """Apply the subset of draft 2020-12 used by our schema; append one message per problem."""
    if "$ref" in schema:
        ref = schema["$ref"]
        if not ref.startswith("#/$defs/"):
            raise ValueError(f"unsupported $ref {ref!r}")
        _check(value, root["$defs"][ref[len("#/$defs/") :]], root, path, errors)
    if "oneOf" in schema:
        matches = 0
        for option in schema["oneOf"]:
            sub: list[str] = []
            _check(value, option, root, path, sub)
            matches += not sub
        if matches != 1:
            errors.append(f"{path}: must match exactly one allowed shape (matched {matches})")
            return
    if "enum" in schema and value not in schema["enum"]:
        allowed = ", ".join(json.dumps(v) for v in schema["enum"])
        errors.append(f"{path}: {json.dumps(value, default=str)} is not one of {allowed}")
        return
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_is(value, n) for n in names):
            errors.append(f"{path}: expected {' or '.join(names)}, got {_type_of(value)}")
            return
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            errors.append(f"{path}: {value} is below the minimum {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            errors.append(f"{path}: {value} is above the maximum {schema['maximum']}")
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0):
            errors.append(f"{path}: must not be empty")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            errors.append(f"{path}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, dict):
        for key in schema.get("required", ()):
            if key not in value:
                errors.append(f"{path}: missing required field {key!r}")
        for key, sub_schema in schema.get("properties", {}).items():
            if key in value:
                _check(value[key], sub_schema, root, f"{path}.{key}", errors)
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            _check(item, schema["items"], root, f"{path}[{i}]", errors)


def _offsets(
    d: dict[str, Any], text: str | None, path: str, errors: list[str], exact: bool
) -> None:
    start, end = d.get("start"), d.get("end")
    if not (_is(start, "integer") and _is(end, "integer")):
        return  # already reported by the schema pass
    if start > end:
        errors.append(f"{path}: start {start} is after end {end}")
    elif text is not None and end > len(text):
        errors.append(f"{path}: end {end} is past the end of the article ({len(text)} characters)")
    elif text is not None and exact and isinstance(d.get("text"), str):
        if d["text"] != text[int(start) : int(end)]:
            errors.append(f"{path}: text {d['text']!r} is not article.text[{start}:{end}]")


def _semantics(d: dict[str, Any], errors: list[str]) -> None:
    article = d.get("article") if isinstance(d.get("article"), dict) else {}
    text = article.get("text") if isinstance(article.get("text"), str) else None

    def items(key: str) -> list[tuple[int, dict[str, Any]]]:
        v = d.get(key)
        return (
            [(i, x) for i, x in enumerate(v) if isinstance(x, dict)] if isinstance(v, list) else []
        )

    att_ids: set[str] = set()
    for i, a in items("attributions"):
        p = f"$.attributions[{i}]"
        if a.get("id") in att_ids:
            errors.append(f"{p}.id: duplicate id {a.get('id')!r}")
        att_ids.add(a.get("id"))  # type: ignore[arg-type]
        for key in ("source", "cue", "content"):
            if isinstance(a.get(key), dict):
                _offsets(a[key], text, f"{p}.{key}", errors, exact=True)
        for j, h in enumerate(a.get("hedges") or []):
            if isinstance(h, dict):
                _offsets(h, text, f"{p}.hedges[{j}]", errors, exact=True)
    claim_ids: set[str] = set()
    for i, c in items("claims"):
        p = f"$.claims[{i}]"
        if c.get("id") in claim_ids:
            errors.append(f"{p}.id: duplicate id {c.get('id')!r}")
        claim_ids.add(c.get("id"))  # type: ignore[arg-type]
        ref = c.get("attribution")
        if isinstance(ref, str) and ref not in att_ids:
            errors.append(f"{p}.attribution: no attribution has id {ref!r}")
        _offsets(c, text, p, errors, exact=True)
    for key, exact in (("entities", True), ("times", True), ("media", False), ("findings", False)):
        for i, x in items(key):
            _offsets(x, text, f"$.{key}[{i}]", errors, exact=exact)
    for i, f in items("findings"):
        for j, pair in enumerate(f.get("also") or []):
            if isinstance(pair, list) and len(pair) == 2:
                _offsets({"start": pair[0], "end": pair[1]}, text, f"$.findings[{i}].also[{j}]", errors,
                         exact=False)
            else:
                errors.append(f"$.findings[{i}].also[{j}]: not a [start, end] pair")


def validate_analysis_dict(d: Any) -> list[str]:
    """Every way ``d`` breaks the Analysis JSON contract, one message each; [] means valid.

    Messages start with a JSONPath-like location ("$.claims[2].start: ...") so a person can
    find the problem in a large file.
    """
    errors: list[str] = []
    schema = load_schema()
    _check(d, schema, schema, "$", errors)
    if isinstance(d, dict):
        _semantics(d, errors)
    return errors
