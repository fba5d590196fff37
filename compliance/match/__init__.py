"""Matching: the expression language, its matchers, the term index and near misses."""
