"""Widgets of the main screen: timeline, filter pane, facet lists, quote viewer, density strip."""
