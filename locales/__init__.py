"""In which language: the language registry, fallbacks, and translation work."""
