"""Loa's shell: settings, URLs, WSGI entry point and the wiring of the apps."""
