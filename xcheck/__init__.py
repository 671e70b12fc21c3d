"""xcheck: cross-check facts across news sources."""
