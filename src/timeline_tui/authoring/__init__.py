"""Writing a catalogue: `init`, `add-source`, `draft` and the writer they share.

Textual-free. `trafilatura` is imported only when a web page is added
(`articles.extract_page`), so nothing here slows the pipe path, which does not
import this package at all.
"""
