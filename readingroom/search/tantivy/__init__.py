"""The Tantivy search engine behind the search interface (`search/backend.py`): its schema,
the compiler from the query language to Tantivy queries, counting facets and the histogram,
passages, spelling suggestions, and the engine (`engine.TantivyBackend`) that holds them.

Only `readingroom.search` imports this package (an import-linter contract): every other app
reaches the engine through `search.service`.
"""
