"""Widgets and panels that one page alone draws (what several pages share is in ui/)."""
