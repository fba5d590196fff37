"""Rule packs: loading and validating rule files, the compiled-pack cache, checks."""
