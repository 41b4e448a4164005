"""Lighthouse: a strategy turned into a decision filter.

Kept empty on purpose: importing the package must not pull in the app (Textual) or the
validation stack, so `lighthouse check` only pays for what it uses.
"""

__version__ = "0.1.0"
