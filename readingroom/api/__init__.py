"""The read-only JSON API under /api/v1/: the public archive in the canonical record format
(docs/formats.md), the same field names as the JSON Lines dump."""
