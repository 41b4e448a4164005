"""The strategy file's schema: what a user may write, checked key by key.

Every model forbids unknown keys (a typo must not silently switch a rule off) and is strict
(TOML already carries types; `weight = "5"` is a mistake worth telling, not coercing). Field
docstrings double as the reference for strategy authors: they are the descriptions of
`Strategy.model_json_schema()`, so keep them short, in the user's words and in step with the
README.
"""

from datetime import date
from itertools import pairwise
from typing import Annotated, Any, Literal, Self, cast

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic.fields import FieldInfo

from lighthouse_tui.core.i18n import _
from lighthouse_tui.core.types import ValueType

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

Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
RuleId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]*$", max_length=64)]
ONE_LINE = r"^[^\x00-\x1f\x7f\x85\u2028\u2029]*$"
Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=500, pattern=ONE_LINE),
]
"""Shown in headers, tables and one-line reasons: a newline or a control character in it would
break the layout (or, in a terminal, be an escape sequence)."""


def _describe_fields(schema: dict[str, Any], model: type[Any]) -> None:
    """Each property's description, from the docstring under its field, read when a schema is
    asked for. Pydantic's `use_attribute_docstrings` reads them as each model is built: every
    `lighthouse check` would pay a tenth of its start-up for a schema it never shows."""
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
    fields: dict[str, FieldInfo] = model.model_fields
    for name, info in fields.items():
        prop = schema["properties"].get(info.alias or name)
        if prop is not None and name in docs:
            prop["description"] = docs[name]


class _Section(BaseModel):
    model_config = ConfigDict(
        extra="forbid", strict=True, frozen=True, json_schema_extra=_describe_fields
    )


class Horizon(_Section):
    """The period the strategy is a bet on (about six months)."""

    start: date
    """First day of the period."""
    end: date
    """Last day of the period; the app counts the days left to it."""

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.start > self.end:
            raise ValueError(
                _("start ({start}) is after end ({end})").format(start=self.start, end=self.end)
            )
        return self


class Capacity(_Section):
    """Your time: what every yes spends."""

    hours_per_week: float = Field(ge=0, le=168)
    """Hours per week free for new commitments: the scarce resource a yes spends."""


class Thresholds(_Section):
    """Where the score (0–100) becomes a verdict."""

    accept: float = Field(default=65, ge=0, le=100)
    """A score at or above this is an accept (default 65)."""
    decline: float = Field(default=40, ge=0, le=100)
    """A score below this is a decline; between the two, consider (default 40)."""
    min_rated: float = Field(default=0.5, ge=0, le=1)
    """Share of the weight (0–1) rated before a score may decide; below it, consider (0.5)."""

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.decline > self.accept:
            raise ValueError(
                _("decline ({decline}) is above accept ({accept})").format(
                    decline=f"{self.decline:g}", accept=f"{self.accept:g}"
                )
            )
        return self


class Review(_Section):
    """When Lighthouse asks how your decisions turned out."""

    after_days: int = Field(default=30, ge=1, le=3650)
    """Days after a decision before asking how it turned out (default 30)."""


class Criterion(_Section):
    """A weighted want: rated 0–5 by the user, or computed from a number field."""

    id: Identifier
    """Its name in rules (`rating.<id>`) and the log: lowercase letters, digits and _."""
    label: Text
    """What it means, in one line, shown beside its points."""
    weight: float = Field(gt=0, le=1000)
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
    kinds: list[Identifier] | None = Field(default=None, min_length=1)
    """Opportunity kinds this criterion applies to; all kinds when left out."""
    decline_reason: Text | None = None
    """What a polite no may say when this criterion rates low; the label stays private."""

    @model_validator(mode="after")
    def _one_source(self) -> Self:
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
        return self

    @property
    def prompt(self) -> str:
        return self.question or self.label


class Rule(_Section):
    """A hard rule: a dealbreaker (decline), a hell-yes (accept) or a warning (flag)."""

    id: RuleId
    """Its name, shown when it fires and kept in the log: lowercase letters, digits, _ and -."""
    when: Annotated[str, StringConstraints(min_length=1, max_length=2000)]
    """The condition, in the rules language: fields, `rating.<id>`, `score`, `capacity.*`."""
    then: Literal["decline", "accept", "flag"]
    """`decline` wins over everything, `accept` over the score, `flag` only warns."""
    reason: Text
    """Why, in one line, shown when the rule fires."""
    decline_reason: Text | None = None
    """What a polite no may say when this rule declines; `reason` stays private."""


class Decline(_Section):
    """How the polite no is written: the words said to the other side."""

    tone: Literal["vous", "tu"] = "vous"
    """In French, `vous` (formal, the default) or `tu`; English ignores it."""
    signature: Text | None = None
    """The name the polite no is signed with; left out, it ends with the closing."""


class Strategy(_Section):
    """A person's strategy: their direction and the filter it becomes."""

    schema_: int = Field(alias="schema", ge=1)
    """The file format's version: 1."""
    name: Text
    """The strategy's name, shown in headers and kept with each decision."""
    lighthouse: Text
    """The one-sentence direction for the next months."""
    horizon: Horizon | None = None
    """The period the strategy is a bet on; optional."""
    capacity: Capacity
    """Your free hours for new commitments."""
    thresholds: Thresholds = Thresholds()
    """Where the score becomes a verdict; optional."""
    review: Review = Review()
    """When to ask how a decision turned out; optional."""
    language: Literal["en", "fr"] | None = None
    """`en` or `fr`: the polite no's language, and the app's unless `--lang`; else the locale's."""
    decline: Decline = Decline()
    """How the polite no is written: its tone and signature; optional."""
    kinds: list[Identifier] = Field(default_factory=list, max_length=50)
    """Opportunity kinds beside the built-in client_request, partner_offer and opportunity."""
    fields: dict[Identifier, Annotated[ValueType, Field(strict=False)]] = Field(
        default_factory=dict, max_length=100
    )
    """Extra opportunity fields and their type: number, text, bool or date."""
    criteria: list[Criterion] = Field(min_length=1, max_length=200)
    """The weighted wants the score is made of: at least one."""
    rules: list[Rule] = Field(default_factory=list, max_length=200)
    """Hard rules, applied after the score: dealbreakers, hell-yeses and warnings."""

    @property
    def all_kinds(self) -> tuple[str, ...]:
        return BUILTIN_KINDS + tuple(k for k in self.kinds if k not in BUILTIN_KINDS)

    @property
    def field_types(self) -> dict[str, ValueType]:
        return {**self.fields, **BUILTIN_FIELDS}

    def criteria_for(self, kind: str) -> list[Criterion]:
        return [c for c in self.criteria if c.kinds is None or kind in c.kinds]
