"""Core has no forms of its own."""
