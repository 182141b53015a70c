"""The Textual app. Only `timeline_tui.cli._browse` imports it, so pipes never load Textual.

`line_map`, `density`, `quotes` and `filtering` are plain Python (no Textual) so
they can be unit-tested and measured without a terminal.
"""
