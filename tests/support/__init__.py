"""Test support code shared by the suite (importable as `support.*`; `tests/` is on sys.path).

- `support.plugin`: the early pytest plugin that picks the database and the data directory.
- `support.pgcluster`: a throwaway PostgreSQL cluster.
- `support.server`: archives on disk and real `readingroom serve` processes.
- `support.browser`: Chromium launch settings and the axe-core accessibility check.
"""
