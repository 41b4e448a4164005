"""A translated sentence whose pieces keep their own style: a title in bold, a choice in its
colour, the user's text shown literally.

The catalog holds the whole sentence, `{title} stays in the inbox`, so that a language may
put the pieces where its grammar wants them; `sentence` then fills the placeholders with
styled text rather than with `str.format`, which would lose the styles.
"""

import string

from rich.text import Text

from lighthouse_tui.render.literal import literal


def sentence(template: str, style: str = "", **pieces: Text | str) -> Text:
    """`template` (already translated) with each `{name}` replaced by `pieces[name]`: a
    `Text` as it is, a `str` as user text (`literal`, never markup). The words of the
    template take `style`."""
    text = Text()
    for words, name, _spec, _conversion in string.Formatter().parse(template):
        text.append(words, style=style)
        if name is not None:
            piece = pieces[name]
            text.append_text(piece if isinstance(piece, Text) else literal(piece))
    return text
