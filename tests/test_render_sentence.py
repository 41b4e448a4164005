"""A translated sentence filled with styled pieces: the language decides where they go, the
pieces keep their styles, and the user's text stays text."""

from rich.text import Text

from lighthouse_tui.render.sentence import sentence


def test_pieces_go_where_the_sentence_puts_them_with_their_styles() -> None:
    filled = sentence("{count} sur {total} pour « {text} »", "dim", count="2", total="3", text="x")
    assert filled.plain == "2 sur 3 pour « x »"
    title = Text("Keynote", style="bold")
    said = sentence("Quitter ? {title} reste à trier.", title=title)
    assert said.plain == "Quitter ? Keynote reste à trier."
    assert [(said.plain[s.start : s.end], s.style) for s in said.spans] == [("Keynote", "bold")]


def test_the_words_take_the_style_and_the_pieces_keep_theirs() -> None:
    said = sentence("your reflex: {choice}", "dim", choice=Text("accept", style="green"))
    styles = {said.plain[s.start : s.end]: str(s.style) for s in said.spans}
    assert styles == {"your reflex: ": "dim", "accept": "green"}


def test_user_text_is_shown_as_written() -> None:
    said = sentence("Nothing matches “{text}”.", text="[bold]x\x1b[2J")
    assert said.plain == "Nothing matches “[bold]x\\x1b[2J”."
    assert not said.spans
