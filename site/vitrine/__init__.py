"""Vitrine's project package: settings, URL wiring, base templates and static files."""
