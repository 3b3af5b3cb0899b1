"""Names of the languages documents are in (ISO 639-1 and the 639-3 codes archives use)."""

from readingroom.catalogue.text import UNDETERMINED

LANGUAGES = {
    "ar": "Arabic",
    "bg": "Bulgarian",
    "cs": "Czech",
    "de": "German",
    "el": "Greek",
    "en": "English",
    "es": "Spanish",
    "fa": "Persian",
    "fr": "French",
    "he": "Hebrew",
    "hi": "Hindi",
    "hu": "Hungarian",
    "it": "Italian",
    "ja": "Japanese",
    "ko": "Korean",
    "mn": "Mongolian",
    "nl": "Dutch",
    "pl": "Polish",
    "pt": "Portuguese",
    "ro": "Romanian",
    "ru": "Russian",
    "sk": "Slovak",
    "sq": "Albanian",
    "sr": "Serbian",
    "sv": "Swedish",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "ur": "Urdu",
    "vi": "Vietnamese",
    "zh": "Chinese",
    "ug": "Uyghur",
    "kk": "Kazakh",
    "ka": "Georgian",
    "hy": "Armenian",
    "la": "Latin",
}


def language_name(code: str) -> str:
    return LANGUAGES.get(code.split("-")[0].lower(), code)


LANGUAGES[UNDETERMINED] = "Undetermined language"
DETECTED_FROM = 2000  # characters of a text its language is detected from


def written_in(declared: str, body: str) -> str:
    """The language a text is analyzed as: the declared one, or for a text declared
    undetermined (or not at all) the one py3langid's shipped model detects."""
    if declared and declared.split("-")[0].lower() != UNDETERMINED:
        return declared
    import py3langid  # its model loads on first use (0.6 s)

    language, _ = py3langid.classify(body[:DETECTED_FROM])
    return str(language)
