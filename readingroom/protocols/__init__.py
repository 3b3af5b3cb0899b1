"""Open, standard interfaces to the public archive: OAI-PMH, citations, feeds, sitemaps, IIIF,
bulk data. Every module here reads documents through `Document.objects.public()` (or, for
OAI-PMH deletions, `oai.repository`), so nothing unreleased can leave through them."""
