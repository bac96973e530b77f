"""Offline translation exchange: export units to a file, import them back."""
