"""Accounts have no background work."""
