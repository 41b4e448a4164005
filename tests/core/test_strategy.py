"""The strategy schema documents itself: its JSON schema is the reference strategy authors (and
their editors) read, so every key a file may hold says what it is for."""

from typing import Any

from lighthouse_tui.core.loader import strategy_json_schema


def _sections(schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The top level and each table of the schema, by name."""
    return {"strategy": schema, **schema.get("$defs", {})}


def test_every_key_of_a_strategy_file_has_a_one_line_description() -> None:
    schema = strategy_json_schema()
    undocumented = [
        f"{name}.{key}"
        for name, section in _sections(schema).items()
        for key, prop in section.get("properties", {}).items()
        if not prop.get("description") or "\n" in prop["description"]
    ]
    assert undocumented == []
    tables = [name for name, section in _sections(schema).items() if "properties" in section]
    assert {"strategy", "Capacity", "Criterion", "Horizon", "Review", "Rule", "Thresholds"} <= set(
        tables
    )
    assert all(_sections(schema)[name].get("description") for name in tables)
