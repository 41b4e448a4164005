"""Rich renderables shared by the CLI and the app, so both explain a verdict the same way.

Nothing here imports Textual: the CLI prints these with a Rich console, the app puts them in
`Static` widgets. Every piece of user text goes in as `rich.text.Text`, never as markup.
"""
