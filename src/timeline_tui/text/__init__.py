"""Leaves every layer uses: text made safe for a terminal, and the progress line."""
