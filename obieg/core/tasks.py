"""Core has no background work of its own; see services.run_tracked for the run records."""
