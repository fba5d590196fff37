"""Linting: the engine (a rule set on a document) and the runner (files, pool, cache)."""
