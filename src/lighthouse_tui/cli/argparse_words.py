"""argparse's own words, in our catalog: the help and the usage errors of every command are
written by argparse, and a French help that says "usage:" and "options" is not French.

argparse translates through the names `_` and `ngettext` of its module; `speak_argparse`
points them at our catalog. The list below puts argparse's messages (Python 3.11 to 3.13) in
that catalog, since extraction never reads the standard library.
"""

import argparse

from lighthouse_tui.core import i18n
from lighthouse_tui.core.i18n import N_

ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("ignored explicit argument %r"),
    N_("can't open '%(filename)s': %(error)s"),
)


def speak_argparse() -> None:
    argparse._ = i18n._  # type: ignore[attr-defined]
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]
