"""The error conditions of OAI-PMH 2.0 (section 3.6), each raised as an `OAIError`."""

from __future__ import annotations

BAD_ARGUMENT = "badArgument"
BAD_RESUMPTION_TOKEN = "badResumptionToken"  # noqa: S105 (an error code)
BAD_VERB = "badVerb"
CANNOT_DISSEMINATE_FORMAT = "cannotDisseminateFormat"
ID_DOES_NOT_EXIST = "idDoesNotExist"
NO_RECORDS_MATCH = "noRecordsMatch"
NO_METADATA_FORMATS = "noMetadataFormats"  # never raised: every item has both formats
NO_SET_HIERARCHY = "noSetHierarchy"  # never raised: the repository has sets

# Errors after which the request element carries no attributes (section 3.2).
UNECHOED = (BAD_VERB, BAD_ARGUMENT)


class OAIError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
