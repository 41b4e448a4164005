"""What the strategy's fields may hold, declared without importing pydantic.

The strategy's tables are plain frozen dataclasses that pydantic validates when a file is
read. Declaring a limit here costs nothing at import: pydantic asks for it (through
`__get_pydantic_core_schema__`) only when it builds its validator. So a strategy read back
from the cache (`core.strategy_file`) never loads pydantic, which is half of what the
stack costs a short command at start-up.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema


class Limits:
    """Keys added to a field's pydantic-core schema (`ge`, `max_length`, `pattern`, `strict`…),
    exactly as pydantic's own `Field(...)` or `StringConstraints(...)` would add them."""

    def __init__(self, **keys: object) -> None:
        self.keys = keys

    def __get_pydantic_core_schema__(
        self, source: Any, handler: "GetCoreSchemaHandler"
    ) -> "CoreSchema":
        schema = handler(source)
        # An enum's schema is a reference to its one definition; the limits go on the target.
        target: Any = handler.resolve_ref_schema(schema)
        target.update(self.keys)
        return schema
