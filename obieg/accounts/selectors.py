"""Accounts are read through the request user; no shared selectors yet."""
