"""What the review tests share: decision facts built in one line, the good strategy, and
variants of it written on the fly."""

from datetime import date
from pathlib import Path

from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.core.loader import load_strategy_bytes
from lighthouse_tui.core.review import DecisionFact

GOOD = Path(__file__).parent.parent / "data" / "strategies" / "good.toml"
TODAY = date(2027, 3, 1)


def fact(
    ident: int = 1,
    *,
    day: date = date(2027, 1, 10),
    reflex: str = "accept",
    verdict: str = "accept",
    final: str = "accept",
    outcome: int | None = None,
    criteria: dict[str, float] | None = None,
    kind: str = "client_request",
    title: str = "Audit",
    **extra: object,
) -> DecisionFact:
    return DecisionFact(
        id=ident,
        day=day,
        kind=kind,
        title=title,
        reflex=reflex,
        verdict=verdict,
        final=final,
        outcome=outcome,
        criteria=tuple((criteria or {}).items()),
        **extra,  # type: ignore[arg-type]
    )


def variant(*replacements: tuple[str, str], name: str = "variant.toml") -> LoadedStrategy:
    """good.toml with the first occurrence of each text replaced: the change a test needs,
    stated in the test."""
    text = GOOD.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return load_strategy_bytes(text.encode(), name)
