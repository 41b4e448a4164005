"""A first strategy from a new user's answers: what `lighthouse strategy init` writes.

A blank TOML file is a poor place to start, and a strategy is built from a few honest answers
anyway: what happened these past months, what you are good at, the life you want, the next step
for the business and the hours you really have. Those answers become the lighthouse, the
criteria's questions and the first rules; the user then edits the file by hand.

Whatever the user types, the result must load: answers are trimmed and cut to what the schema
accepts, empty ones fall back to a sensible default, and numbers are clamped, so an interview can
never end in a file the loader refuses.
"""

import math
import os
import re
import tempfile
import textwrap
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Self

import tomli_w

from lighthouse_tui.core import i18n
from lighthouse_tui.core.i18n import N_, _
from lighthouse_tui.core.numbers import NumberError, parse_number, shown
from lighthouse_tui.core.strategy import SCHEMA_VERSION

HORIZON_DAYS = 182
MAX_TEXT = 500
"""The schema's limit for any text value (name, lighthouse, label, question, reason)."""
MAX_PAST = 2000
"""The `past` answer only goes into a comment; this keeps a pasted essay from bloating the file."""
MAX_HOURS = 168.0
MAX_FEE = 1_000_000_000.0
COMMENT_WIDTH = 96

DEFAULT_NAME = N_("My strategy")
PLACEHOLDER_LIGHTHOUSE = N_(
    "Write here, in one sentence, where the next six months should take you"
)
NO_FEE = frozenset({"none", "no", "-", "aucun", "aucune", "non", "rien"})
"""Answers that mean "no floor", in either language: people answer in their own words."""

_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_ONE_LINE_BREAKERS = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")
_END_PUNCTUATION = " .!?…;:,"


@dataclass(frozen=True)
class Question:
    """One step of the interview, in the order the user is asked."""

    key: str
    """The StarterAnswers field this answer fills."""
    prompt: str
    """In English, marked for the catalog: `asked` is what the user reads."""
    help: str
    """One line shown before the prompt: why the question matters (`why`, translated)."""
    default: str | None = None

    @property
    def asked(self) -> str:
        return _(self.prompt)

    @property
    def why(self) -> str:
        return _(self.help)

    @property
    def suggested(self) -> str:
        """The answer Enter keeps, in the language the question is asked in."""
        return _(self.default) if self.default else ""

    def problem(self, answer: str) -> str | None:
        """What is wrong with an answer, so the interview can ask again instead of failing."""
        try:
            _PARSERS.get(self.key, str)(answer)
        except ValueError as exc:
            return str(exc)
        return None


# The lighthouse is asked after the four answers it is built from, so it comes out of them
# rather than out of thin air; the name comes last because it matters least.
QUESTIONS: tuple[Question, ...] = (
    Question(
        "past",
        N_("What did you do these past months? What worked, and what did not?"),
        N_(
            "A few lines are enough: they head the file as a reminder of where this strategy began."
        ),
    ),
    Question(
        "strengths",
        N_("What are you good at? (separate them with commas)"),
        N_("The skills clients come back for: work that uses them scores higher."),
    ),
    Question(
        "life",
        N_("What life do you want? How many days a week, what kind of work, from where?"),
        N_("A yes that breaks the life you want costs more than it pays."),
    ),
    Question(
        "next_step",
        N_("What is the next step for the business?"),
        N_("For example: a group programme, higher rates, a first hire, a new market."),
    ),
    Question(
        "lighthouse",
        N_("In one sentence: where should the next six months take you?"),
        N_("This is your lighthouse: every opportunity is asked whether it moves you toward it."),
    ),
    Question(
        "hours_per_week",
        N_("How many hours a week are free for new commitments?"),
        N_("Only about a third of a freelancer's week gets billed: count the hours truly free."),
        "10",
    ),
    Question(
        "min_fee",
        N_("What is the smallest fee worth saying yes for? (empty for none)"),
        N_("Anything paying less is declined; leave it empty if fees do not decide for you."),
    ),
    Question(
        "name",
        N_("What should this strategy be called?"),
        N_("Shown in the app's header; the period in the name helps when you write the next one."),
        DEFAULT_NAME,
    ),
)


@dataclass(frozen=True)
class StarterAnswers:
    name: str
    """What to call this strategy."""
    lighthouse: str
    """The one-sentence direction for about six months."""
    past: str
    """What the user did these past months: what worked, what did not."""
    strengths: str
    """What the user is good at, comma-separated."""
    life: str
    """The life the user wants: how many days, what kind of work, where."""
    next_step: str
    """The next step for the business."""
    hours_per_week: float
    """Free hours per week for new commitments."""
    min_fee: float | None
    """The smallest fee worth a yes; None: fees are neither scored nor a dealbreaker."""
    start: date
    """The horizon's first day; the caller passes today."""

    @classmethod
    def from_text(cls, answers: Mapping[str, str], *, start: date) -> Self:
        """Answers as typed at a prompt, keyed by `Question.key`; a missing key takes the
        question's default. Raises ValueError naming every answer that is not a usable number."""
        text = {q.key: answers.get(q.key, q.suggested) for q in QUESTIONS}
        problems = [f"{q.asked} {p}" for q in QUESTIONS if (p := q.problem(text[q.key]))]
        if problems:
            raise ValueError("; ".join(problems))
        return cls(
            name=text["name"],
            lighthouse=text["lighthouse"],
            past=text["past"],
            strengths=text["strengths"],
            life=text["life"],
            next_step=text["next_step"],
            hours_per_week=parse_hours(text["hours_per_week"]),
            min_fee=parse_fee(text["min_fee"]),
            start=start,
        )


def parse_hours(answer: str) -> float:
    hours = _parse_number(answer)
    if hours is None or hours > MAX_HOURS:
        message = _("expected a number of hours from 0 to 168, got {answer}")
        raise ValueError(message.format(answer=shown(answer.strip())))
    return hours


def parse_fee(answer: str) -> float | None:
    if not answer.strip() or answer.strip().lower() in NO_FEE:
        return None
    fee = _parse_number(answer)
    if fee is None or fee > MAX_FEE:
        message = _("expected an amount such as 500, or nothing, got {answer}")
        raise ValueError(message.format(answer=shown(answer.strip())))
    return fee


_PARSERS = {"hours_per_week": parse_hours, "min_fee": parse_fee}


def _parse_number(answer: str) -> float | None:
    """A number of 0 or more as people type it (`1 500 €`, `12,5`, `$1,500`): the shared
    reader, `core.numbers`, so an answer here reads as the same text does in `-f` or a CSV."""
    try:
        return parse_number(answer, negative=False)
    except NumberError:
        return None


def build_strategy(answers: StarterAnswers) -> dict[str, object]:
    """A dict that validates as `Strategy` whatever the answers hold.

    `past` has no place in the schema: `render_strategy` keeps it in the header comment.
    """
    lighthouse = _clean(answers.lighthouse) or _(PLACEHOLDER_LIGHTHOUSE)
    hours = _clamp(answers.hours_per_week, 0.0, MAX_HOURS)
    min_fee = _fee_floor(answers.min_fee)
    strengths = ", ".join(s for part in answers.strengths.split(",") if (s := _one_line(part)))

    criteria: list[dict[str, object]] = [
        _rating(
            "alignment",
            _("Moves me toward the lighthouse"),
            _ask(
                _("How far does this move you toward your lighthouse: {answer}?"),
                _("How far does this move you toward your lighthouse?"),
                answers.lighthouse,
            ),
            5,
        ),
        _rating(
            "strengths",
            _("Uses my strengths"),
            _ask(
                _("Does it use your strengths: {answer}?"),
                _("Does it use your strengths?"),
                strengths,
            ),
            4,
        ),
        _rating(
            "life_fit",
            _("Fits the life I want"),
            _ask(
                _("Does it fit the life you want: {answer}?"),
                _("Does it fit the life you want?"),
                answers.life,
            ),
            3,
        ),
        _rating(
            "next_step",
            _("Takes the business to its next step"),
            _ask(
                _("Does it take the business to its next step: {answer}?"),
                _("Does it take the business to its next step?"),
                answers.next_step,
            ),
            3,
        ),
    ]
    if min_fee is not None:
        criteria.append(
            {
                "id": "fee",
                "label": _("Pays enough"),
                "weight": 3,
                "field": "fee",
                "worst": 0,
                "best": _tidy(2 * min_fee),
            }
        )
    criteria.append(
        {
            "id": "load",
            "label": _("Light on my week"),
            "weight": 2,
            "field": "hours_per_week",
            # Less is better: all your free hours scores nothing, none scores full points. With no
            # free hours at all, a single hour already scores nothing (worst must differ from best).
            "worst": _tidy(max(hours, 1.0)),
            "best": 0,
        }
    )
    posture = _rating(
        "posture",
        _("The partner is open and cooperative"),
        _(
            "Is the partner open and cooperative: do they listen, share and look for a win on "
            "both sides?"
        ),
        4,
    )
    criteria.append({**posture, "kinds": ["partner_offer"]})

    rules: list[dict[str, object]] = [
        _rule(
            "no-capacity",
            "hours_per_week > capacity.available",
            "decline",
            _(
                "Not enough free hours: saying yes here means saying no to something already "
                "promised"
            ),
            _("my calendar is full for the coming weeks"),
        )
    ]
    if min_fee is not None:
        floor = _decimal(min_fee)
        rules.append(
            _rule(
                "low-fee",
                f"fee < {floor}",
                "decline",
                _("Pays less than your floor of {floor}").format(floor=floor),
                _("the budget does not match my rates"),
            )
        )
    rules += [
        _rule(
            "hell-yes",
            "rating.alignment >= 5 and rating.strengths >= 4",  # untranslated: a rule's code
            "accept",
            _("Straight on the lighthouse and right in your strengths"),
        ),
        _rule(
            "closed-partner",
            "kind == 'partner_offer' and rating.posture <= 1",  # untranslated: a rule's code
            "decline",
            _("A closed or one-sided partner: the collaboration would cost more than it brings"),
        ),
        _rule(
            "long-commitment",
            "weeks > 26",
            "flag",
            _("Runs past the six-month horizon: agree on a review point before saying yes"),
        ),
    ]

    return {
        "schema": SCHEMA_VERSION,
        "name": _clean(answers.name) or _(DEFAULT_NAME),
        "lighthouse": lighthouse,
        "language": i18n.active_language(),
        "horizon": {"start": answers.start, "end": _horizon_end(answers.start)},
        "capacity": {"hours_per_week": _tidy(hours)},
        "thresholds": {"accept": 65, "decline": 40},
        "review": {"after_days": 30},
        "criteria": criteria,
        "rules": rules,
    }


_SECTION_NOTES = {
    "[horizon]": N_("The six months this strategy is a bet on. When it ends, write the next one."),
    "[capacity]": N_(
        "Hours per week free for new commitments: the scarce resource every yes spends."
    ),
    "[thresholds]": N_(
        "A score at or above accept is an accept; below decline, a decline; in between, consider."
    ),
    "[review]": N_("How many days after a decision Lighthouse asks how it turned out."),
    "[[criteria]]": N_(
        "Criteria are weighted wants: rated by you from 0 to 5 (rating = true), or computed "
        "from a number field, from worst (0 points) to best (full points). worst above best "
        "means less is better. kinds limits a criterion to some kinds of opportunity."
    ),
    "[[rules]]": N_(
        "Rules have the last word: decline is a dealbreaker, accept a hell yes, flag only a "
        "warning. The reason is what you will read: write it so a no needs no guilt. "
        "decline_reason is what a polite no may say to the other side; the reason stays yours."
    ),
}
"""Translated where they are written (`_annotate`): the file speaks its author's language."""


def render_strategy(data: Mapping[str, object], *, header: str, past: str = "") -> str:
    """The TOML text of `data`, led by comments a new user needs: tomli-w writes no comments.

    `header` (who wrote the file, when) and `past` are shown as comments, made safe line by
    line, so no text can end the comment and be read as TOML.
    """
    lines = [
        *_comment(header),
        "#",
        *_comment(
            _(
                "A Lighthouse strategy: your direction for the next six months, and the filter "
                "every opportunity goes through. It is yours to edit: change the numbers, reword "
                "the questions, add criteria and rules, and add comments (lines starting with #) "
                "anywhere."
            )
        ),
        *_comment(_("Check it after every edit with: lighthouse strategy validate FILE")),
        *_comment(_("Review it every month: a strategy is adjusted to what really happened.")),
    ]
    remembered = _trim(past, MAX_PAST)
    if remembered:
        lines += ["#", *_comment(_("What you said about these past months:"))]
        lines += _comment(remembered, "#   > ")
    body = _annotate(tomli_w.dumps(data))
    return "\n".join(lines) + "\n\n" + body


def write_new_file(path: Path, text: str, *, force: bool) -> None:
    """Write `text` to `path` so that no reader ever sees half a file, and never overwrite
    without `force` — even when another process creates `path` while this one writes.

    The text goes to a private temp file in the same directory (so the final rename stays on one
    filesystem), is flushed to disk, then takes its place in one step.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and not force:
        raise FileExistsError(f"{path} exists")
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        if force:
            os.replace(temp, path)
        else:
            _place_exclusively(temp, path)
    finally:
        temp.unlink(missing_ok=True)
    _sync_directory(path.parent)


def _place_exclusively(temp: Path, path: Path) -> None:
    """A hard link fails if `path` appeared meanwhile, where a rename would silently replace it;
    filesystems without hard links fall back to checking first."""
    try:
        os.link(temp, path)
    except FileExistsError:
        raise FileExistsError(f"{path} exists") from None
    except OSError:
        if path.exists():
            raise FileExistsError(f"{path} exists") from None
        os.replace(temp, path)


def _sync_directory(directory: Path) -> None:
    """Makes the rename itself survive a crash. Best effort: only POSIX can open a directory for
    this, some filesystems refuse, and by now the file is in place either way."""
    if os.name != "posix":
        return
    with suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _rating(ident: str, label: str, question: str, weight: int) -> dict[str, object]:
    return {"id": ident, "label": label, "question": question, "weight": weight, "rating": True}


def _rule(
    ident: str, when: str, then: str, reason: str, decline_reason: str | None = None
) -> dict[str, object]:
    rule: dict[str, object] = {"id": ident, "when": when, "then": then, "reason": reason}
    if decline_reason:
        rule["decline_reason"] = decline_reason
    return rule


def _ask(question: str, bare: str, answer: str) -> str:
    """`question` with the user's answer in its `{answer}`, cut to fit the schema; `bare`, the
    question alone, when the answer is empty. Whole sentences, so each language places the
    answer and its punctuation its own way (`… : réponse ?`)."""
    subject = _one_line(answer).rstrip(_END_PUNCTUATION)
    if not subject:
        return bare
    room = MAX_TEXT - len(question.format(answer=""))
    return question.format(answer=_clean(subject, room))


def _one_line(text: str) -> str:
    """A question is one line on the triage screen, so an answer's line breaks become spaces."""
    return " ".join(_encodable(text).split())


def _clean(text: str, limit: int = MAX_TEXT) -> str:
    """Text the schema accepts: one line (line breaks and control characters become spaces,
    as names and labels must be one line), trimmed, at most `limit` characters."""
    return _trim(_ONE_LINE_BREAKERS.sub(" ", text), limit)


def _trim(text: str, limit: int) -> str:
    """Trimmed to at most `limit` characters. Python's strip removes every character
    pydantic's would, so the stored value is exactly what the strategy reads back."""
    text = _encodable(text).strip()
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…"


def _encodable(text: str) -> str:
    """A terminal can hand over undecodable bytes as lone surrogates, which UTF-8 cannot write."""
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def _comment(text: str, prefix: str = "# ") -> list[str]:
    lines: list[str] = []
    for line in _encodable(text).splitlines() or [""]:
        safe = _CONTROL.sub(" ", line)
        wrapped = textwrap.wrap(safe, COMMENT_WIDTH - len(prefix), break_on_hyphens=False)
        lines += [prefix + part for part in wrapped] or [prefix.rstrip()]
    return lines


def _annotate(body: str) -> str:
    """Puts a one-line explanation above the first header of each section tomli-w wrote.

    Safe because tomli-w writes every string on one line, escapes included: a line that is
    exactly a table header can only be one. Split on `\n` alone: tomli-w leaves U+0085 and
    U+2028 raw inside strings, and TOML does not end a line there.
    """
    out: list[str] = []
    pending = dict(_SECTION_NOTES)
    for line in body.removesuffix("\n").split("\n"):
        if note := pending.pop(line, None):
            out += _comment(_(note))
        out.append(line)
    return "\n".join(out) + "\n"


def _clamp(value: float, low: float, high: float) -> float:
    return low if math.isnan(value) else min(max(value, low), high)


def _fee_floor(value: float | None) -> float | None:
    """Rounded to cents, because the rule language writes plain decimals; no positive floor
    means no fee criterion (its worst and best would both be 0)."""
    if value is None or math.isnan(value):
        return None
    floor = round(_clamp(value, 0.0, MAX_FEE), 2)
    return floor if floor > 0 else None


def _tidy(value: float) -> float | int:
    """`12` rather than `12.0` in the file a person will edit."""
    return int(value) if value.is_integer() else value


def _decimal(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _horizon_end(start: date) -> date:
    return start + timedelta(days=min(HORIZON_DAYS, (date.max - start).days))
