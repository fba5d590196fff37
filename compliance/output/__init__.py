"""Output formats: each a pure function from results to text."""
