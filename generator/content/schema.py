"""JSON Schema export so editors (VS Code + YAML extension) autocomplete and check as the user types."""

from __future__ import annotations

import json
from pathlib import Path

from .models import Activity, SiteConfig

SCHEMAS = {"activity.schema.json": Activity, "site.schema.json": SiteConfig}


def schema_text(model) -> str:
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    from ..engine.atomic import write_text

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        path = folder / name
        write_text(path, schema_text(model))
        written.append(path)
    return written
