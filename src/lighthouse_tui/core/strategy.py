"""The strategy file's schema: what a user may write, checked key by key.

Every table forbids unknown keys (a typo must not silently switch a rule off) and is strict
(TOML already carries types; `weight = "5"` is a mistake worth telling, not coercing). Field
docstrings double as the reference for strategy authors: they are the descriptions of the
JSON schema (`loader.strategy_json_schema()`), so keep them short, in the user's words and in
step with the README.

The tables are frozen dataclasses, not pydantic models: pydantic validates them when a file is
read (`core.loader`), but defining them imports nothing of it, so a strategy read back from the
cache (`core.strategy_file`) costs a short command no pydantic at all.
"""

from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, cast

from lighthouse_tui.core.constraints import Limits
from lighthouse_tui.core.i18n import _
from lighthouse_tui.core.types import ValueType

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema

SCHEMA_VERSION = 1
BUILTIN_KINDS: tuple[str, ...] = ("client_request", "partner_offer", "opportunity")
DEFAULT_KIND = "opportunity"
BUILTIN_FIELDS: dict[str, ValueType] = {
    "title": ValueType.TEXT,
    "kind": ValueType.TEXT,
    "source": ValueType.TEXT,
    "notes": ValueType.TEXT,
    "fee": ValueType.NUMBER,
    "hours_per_week": ValueType.NUMBER,
    "weeks": ValueType.NUMBER,
}

Identifier = Annotated[str, Limits(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
RuleId = Annotated[str, Limits(pattern=r"^[a-z][a-z0-9_-]*$", max_length=64)]
ONE_LINE = r"^[^\x00-\x1f\x7f\x85\u2028\u2029]*$"
Text = Annotated[str, Limits(strip_whitespace=True, min_length=1, max_length=500, pattern=ONE_LINE)]
"""Shown in headers, tables and one-line reasons: a newline or a control character in it would
break the layout (or, in a terminal, be an escape sequence)."""


def _describe_fields(schema: dict[str, Any], model: type[Any]) -> None:
    """Each property's description, from the docstring under its field, read when a schema is
    asked for: reading them as each table is defined would cost every `lighthouse check` a
    tenth of its start-up for a schema it never shows."""
    import ast
    import inspect
    import textwrap

    source = ast.parse(textwrap.dedent(inspect.getsource(model))).body[0]
    body = cast(ast.ClassDef, source).body
    docs = {
        field.target.id: inspect.cleandoc(doc.value.value)
        for field, doc in pairwise(body)
        if isinstance(field, ast.AnnAssign)
        and isinstance(field.target, ast.Name)
        and isinstance(doc, ast.Expr)
        and isinstance(doc.value, ast.Constant)
        and isinstance(doc.value.value, str)
    }
    for name, doc in docs.items():
        if (prop := schema["properties"].get(name)) is not None:
            prop["description"] = doc


class _Section:
    """The base of every table. Strict about values and keys, as pydantic's config says; but a
    table arrives as a dict, which pydantic's strict mode refuses for a dataclass (it would
    want an instance already), so the table's own check is lax and its values' stay strict."""

    __pydantic_config__: ClassVar[Any] = {
        "extra": "forbid",
        "strict": True,
        "json_schema_extra": _describe_fields,
    }

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: "GetCoreSchemaHandler"
    ) -> "CoreSchema":
        schema: Any = handler(source)
        schema["strict"] = False
        return schema


@dataclass(frozen=True, kw_only=True)
class Horizon(_Section):
    """The period the strategy is a bet on (about six months)."""

    start: date
    """First day of the period."""
    end: date
    """Last day of the period; the app counts the days left to it."""

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError(
                _("start ({start}) is after end ({end})").format(start=self.start, end=self.end)
            )


@dataclass(frozen=True, kw_only=True)
class Capacity(_Section):
    """Your time: what every yes spends."""

    hours_per_week: Annotated[float, Limits(ge=0, le=168)]
    """Hours per week free for new commitments: the scarce resource a yes spends."""


@dataclass(frozen=True, kw_only=True)
class Thresholds(_Section):
    """Where the score (0–100) becomes a verdict."""

    accept: Annotated[float, Limits(ge=0, le=100)] = 65
    """A score at or above this is an accept (default 65)."""
    decline: Annotated[float, Limits(ge=0, le=100)] = 40
    """A score below this is a decline; between the two, consider (default 40)."""
    min_rated: Annotated[float, Limits(ge=0, le=1)] = 0.5
    """Share of the weight (0–1) rated before a score may decide; below it, consider (0.5)."""

    def __post_init__(self) -> None:
        if self.decline > self.accept:
            raise ValueError(
                _("decline ({decline}) is above accept ({accept})").format(
                    decline=f"{self.decline:g}", accept=f"{self.accept:g}"
                )
            )


@dataclass(frozen=True, kw_only=True)
class Review(_Section):
    """When Lighthouse asks how your decisions turned out."""

    after_days: Annotated[int, Limits(ge=1, le=3650)] = 30
    """Days after a decision before asking how it turned out (default 30)."""


@dataclass(frozen=True, kw_only=True)
class Criterion(_Section):
    """A weighted want: rated 0–5 by the user, or computed from a number field."""

    id: Identifier
    """Its name in rules (`rating.<id>`) and the log: lowercase letters, digits and _."""
    label: Text
    """What it means, in one line, shown beside its points."""
    weight: Annotated[float, Limits(gt=0, le=1000)]
    """How much it counts against the other criteria (above 0, up to 1000)."""
    question: Text | None = None
    """What you are asked when rating it; defaults to the label."""
    rating: Literal[True] | None = None
    """`true`: you rate it 0–5 (your rating / 5 is its value). Set this or `field`."""
    field: Identifier | None = None
    """A number field it is computed from, between `worst` and `best`. Or set `rating`."""
    worst: float | None = None
    """The field value worth 0 points; may be above `best` when less is better."""
    best: float | None = None
    """The field value worth full points."""
    kinds: Annotated[list[Identifier], Limits(min_length=1)] | None = None
    """Opportunity kinds this criterion applies to; all kinds when left out."""
    decline_reason: Text | None = None
    """What a polite no may say when this criterion rates low; the label stays private."""

    def __post_init__(self) -> None:
        if self.rating and self.field is not None:
            raise ValueError(_("set either `rating = true` or `field`, not both"))
        if not self.rating and self.field is None:
            raise ValueError(_("set `rating = true` (the user rates it) or `field = NAME`"))
        if self.field is not None:
            if self.worst is None or self.best is None:
                raise ValueError(
                    _("a field criterion needs `worst` and `best` for `{field}`").format(
                        field=self.field
                    )
                )
            if self.worst == self.best:
                raise ValueError(
                    _("`worst` and `best` are both {value}: no range to score").format(
                        value=f"{self.worst:g}"
                    )
                )
        elif self.worst is not None or self.best is not None:
            raise ValueError(_("`worst` and `best` only go with `field`"))

    @property
    def prompt(self) -> str:
        return self.question or self.label


@dataclass(frozen=True, kw_only=True)
class Rule(_Section):
    """A hard rule: a dealbreaker (decline), a hell-yes (accept) or a warning (flag)."""

    id: RuleId
    """Its name, shown when it fires and kept in the log: lowercase letters, digits, _ and -."""
    when: Annotated[str, Limits(min_length=1, max_length=2000)]
    """The condition, in the rules language: fields, `rating.<id>`, `score`, `capacity.*`."""
    then: Literal["decline", "accept", "flag"]
    """`decline` wins over everything, `accept` over the score, `flag` only warns."""
    reason: Text
    """Why, in one line, shown when the rule fires."""
    decline_reason: Text | None = None
    """What a polite no may say when this rule declines; `reason` stays private."""


@dataclass(frozen=True, kw_only=True)
class Decline(_Section):
    """How the polite no is written: the words said to the other side."""

    tone: Literal["vous", "tu"] = "vous"
    """In French, `vous` (formal, the default) or `tu`; English ignores it."""
    signature: Text | None = None
    """The name the polite no is signed with; left out, it ends with the closing."""


@dataclass(frozen=True, kw_only=True)
class Strategy(_Section):
    """A person's strategy: their direction and the filter it becomes."""

    schema: Annotated[int, Limits(ge=1)]
    """The file format's version: 1."""
    name: Text
    """The strategy's name, shown in headers and kept with each decision."""
    lighthouse: Text
    """The one-sentence direction for the next months."""
    horizon: Horizon | None = None
    """The period the strategy is a bet on; optional."""
    capacity: Capacity
    """Your free hours for new commitments."""
    thresholds: Thresholds = field(default_factory=Thresholds)
    """Where the score becomes a verdict; optional."""
    review: Review = field(default_factory=Review)
    """When to ask how a decision turned out; optional."""
    language: Literal["en", "fr"] | None = None
    """`en` or `fr`: the polite no's language, and the app's unless `--lang`; else the locale's."""
    decline: Decline = field(default_factory=Decline)
    """How the polite no is written: its tone and signature; optional."""
    kinds: Annotated[list[Identifier], Limits(max_length=50)] = field(default_factory=list)
    """Opportunity kinds beside the built-in client_request, partner_offer and opportunity."""
    fields: Annotated[
        dict[Identifier, Annotated[ValueType, Limits(strict=False)]], Limits(max_length=100)
    ] = field(default_factory=dict)
    """Extra opportunity fields and their type: number, text, bool or date."""
    criteria: Annotated[list[Criterion], Limits(min_length=1, max_length=200)]
    """The weighted wants the score is made of: at least one."""
    rules: Annotated[list[Rule], Limits(max_length=200)] = field(default_factory=list)
    """Hard rules, applied after the score: dealbreakers, hell-yeses and warnings."""

    @property
    def all_kinds(self) -> tuple[str, ...]:
        return BUILTIN_KINDS + tuple(k for k in self.kinds if k not in BUILTIN_KINDS)

    @property
    def field_types(self) -> dict[str, ValueType]:
        return {**self.fields, **BUILTIN_FIELDS}

    def criteria_for(self, kind: str) -> list[Criterion]:
        return [c for c in self.criteria if c.kinds is None or kind in c.kinds]
