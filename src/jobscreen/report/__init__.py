"""Reporters: one module per output format, chosen by name (``REPORTERS`` in each family)."""
