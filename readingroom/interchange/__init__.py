"""The canonical record format: the JSON form of every record that imports read, exports and
bulk downloads write, history snapshots keep and the API and OAI-PMH serve."""
