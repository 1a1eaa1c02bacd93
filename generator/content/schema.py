"""JSON Schema export so editors (VS Code + YAML extension) autocomplete and check as the user types."""

from __future__ import annotations

import json
from pathlib import Path

from .models import Activity, SiteConfig

SCHEMAS = {"activity.schema.json": Activity, "site.schema.json": SiteConfig}


def schema_text(model) -> str:
    schema = _admit_numbers(model.model_json_schema())
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


_BOUNDS = {"ge": "minimum", "le": "maximum", "gt": "exclusiveMinimum", "lt": "exclusiveMaximum"}


def _admit_numbers(node):
    """Plain text fields also take a bare number (a phone, an id written 13857001234), as the models do."""
    if isinstance(node, dict):
        if node.get("type") == "string" and not {"enum", "const", "pattern", "format"} & node.keys():
            node = {**node, "type": ["string", "number"]}
        # pydantic copies Field(ge=..) under its own name when a type brings its own schema
        return {_BOUNDS.get(key, key): _admit_numbers(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_admit_numbers(item) for item in node]
    return node


def write_schemas(folder: Path) -> list[Path]:
    from ..engine.atomic import write_text

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        path = folder / name
        write_text(path, schema_text(model))
        written.append(path)
    return written
