"""A strategy that loaded: what the filter, the log and the screens use.

Apart from the loader, which validates, so that code using a strategy never imports the
validation stack: a strategy read back from the cache goes from file to verdict without it.
"""

from dataclasses import dataclass

from lighthouse_tui.core.rules import Rule as CompiledRule
from lighthouse_tui.core.rules import compile_rule
from lighthouse_tui.core.strategy import Rule, Strategy
from lighthouse_tui.core.vocabulary import rule_names

MAX_BYTES = 1_000_000
"""Bigger is not a strategy: the loader refuses it, and it is never read further."""


@dataclass(frozen=True)
class LoadedStrategy:
    """A strategy that passed every gate, with what the log needs to explain it later."""

    strategy: Strategy
    source: str
    """The file name to show the user."""
    data: bytes
    fingerprint: str
    """sha256 of the file's bytes: the identity of this version of the strategy."""
    rules: tuple[tuple[Rule, CompiledRule], ...]


def loaded_strategy(
    strategy: Strategy, *, source: str, data: bytes, fingerprint: str
) -> LoadedStrategy:
    """A valid strategy with its rules compiled, whether it was just validated or read back
    from the cache: the rules language's closures are not data the cache can keep, and
    compiling ten rules takes a quarter of a millisecond. The loader has reported every rule
    that does not compile."""
    names = rule_names(strategy.field_types, [c.id for c in strategy.criteria if c.rating])
    choices = {"kind": strategy.all_kinds}
    rules = tuple(
        (rule, compile_rule(rule.when, names, choices=choices)) for rule in strategy.rules
    )
    return LoadedStrategy(strategy, source, data, fingerprint, rules)
