"""Applies the outbox to the search index. (Placeholder until the search backend lands.)"""


def apply_outbox_soon() -> None:
    """Called after a commit that wrote outbox rows."""
