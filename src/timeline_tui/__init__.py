"""timeline: a terminal explorer for sourced event chronologies."""

__version__ = "0.1.0"
