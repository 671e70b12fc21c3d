"""Pairing: find and judge claims about the same fact across sources."""
