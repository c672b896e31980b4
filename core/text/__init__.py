"""Text in both languages: the message type and the strings of every page."""
