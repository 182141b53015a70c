"""The app's screens: the main view, the full article, help and the equivalent command."""
