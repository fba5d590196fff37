"""The document model: what readers produce and everything after them reads."""
