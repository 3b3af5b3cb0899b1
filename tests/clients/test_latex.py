"""The archive's BibTeX (`cite.bib`, a search's `export.bib`) compiled by LaTeX as a reader
would: XeLaTeX with biblatex and Biber (Debian's texlive; Noto CJK for Latin, Cyrillic and
Chinese), citing records whose titles hold every character LaTeX treats specially. The run ends
without an error or a missing glyph, and the PDF shows each title as the archive has it."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client
from import_support import imported_and_indexed

TITLES = [
    r"Backslash \ and braces { } in a cable",
    "Percent % ampersand & hash # underscore _ dollar $ tilde ~ caret ^",
    "Письмо Молотова Сталину о Синьцзяне",
    "关于新疆问题的电报",
    "Ürümqi, Tihwa — “quoted” ‘words’ and a dash – here",
]
TOOLS = ("xelatex", "biber", "pdftotext")
DOCUMENT = r"""\documentclass{article}
\usepackage{fontspec}
\setmainfont{Noto Serif CJK SC}
\usepackage[backend=biber,style=authoryear]{biblatex}
\addbibresource{archive.bib}
\begin{document}
\nocite{*}
\printbibliography
\end{document}
"""

pytestmark = pytest.mark.slow


@pytest.fixture
def special_archive(db: None, tmp_path: Path, settings) -> Iterator[None]:  # type: ignore[no-untyped-def]
    settings.SITE_URL = "https://archive.example.org"
    people = [{"type": "person", "key": "p", "id": 1, "name": "Joseph Stalin"}]
    documents = [
        {"type": "document", "key": f"doc-{n}", "id": 200 + n, "date": "1945-08-23",
         "title": title, "authors": ["p"], "summary": "Kurile Islands.", "status": "published",
         "texts": [{"kind": "translation", "language": "en", "body": "Kurile Islands."}]}
        for n, title in enumerate(TITLES)
    ]  # fmt: skip
    records = [*people, *documents]
    with imported_and_indexed(records, tmp_path / "special.jsonl", range(200, 200 + len(TITLES))):
        yield


def run(command: list[str], directory: Path) -> str:
    done = subprocess.run(
        command, cwd=directory, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, (command, done.stdout[-3000:], done.stderr[-3000:])
    return done.stdout


def compiled(bib: str, directory: Path) -> str:
    """Cite every entry of `bib` in a XeLaTeX document with biblatex and Biber; the PDF's text
    (whitespace made single). Fails on any error, Biber warning or missing glyph."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"install {' '.join(missing)} (make test installs texlive-xetex and biber)")
    (directory / "archive.bib").write_text(bib, encoding="utf-8")
    (directory / "cited.tex").write_text(DOCUMENT, encoding="utf-8")
    run(["xelatex", "-interaction=nonstopmode", "-halt-on-error", "cited.tex"], directory)
    biber = run(["biber", "cited"], directory)
    assert "ERROR" not in biber and "WARN" not in biber, biber
    log = run(["xelatex", "-interaction=nonstopmode", "-halt-on-error", "cited.tex"], directory)
    assert "Missing character" not in (directory / "cited.log").read_text(errors="replace"), log
    return " ".join(run(["pdftotext", "-enc", "UTF-8", "cited.pdf", "-"], directory).split())


@pytest.mark.usefixtures("special_archive")
@pytest.mark.parametrize("source", ["cite.bib", "export.bib"])
def test_latex_with_biber_compiles_every_title_as_the_archive_has_it(
    client: Client, tmp_path: Path, source: str
) -> None:
    if source == "cite.bib":
        answers = [client.get(f"/documents/{200 + n}/cite.bib") for n in range(len(TITLES))]
        bib = "\n".join(answer.content.decode("utf-8") for answer in answers)
    else:
        answer = client.get("/search/export.bib", {"q": "Kurile"})
        bib = b"".join(answer.streaming_content).decode("utf-8")  # type: ignore[attr-defined]
    flat = compiled(bib, tmp_path)
    for title in TITLES:
        assert " ".join(title.split()) in flat, (title, flat)
