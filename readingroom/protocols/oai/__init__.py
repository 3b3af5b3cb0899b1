"""OAI-PMH 2.0 (http://www.openarchives.org/OAI/openarchivesprotocol.html) at /oai.

`arguments` reads and checks a request, `repository` knows which records exist (public ones and
deleted ones), `tokens` makes resumption tokens, `metadata` writes oai_dc and our own format,
`responses` builds the XML, `verbs` answers each verb. The view only ties them together.
"""
