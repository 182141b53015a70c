"""`timeline add-source`: store an article's text in the catalogue and list it as a source.

A plain-text article is stored as it is (it must be UTF-8). A web page saved
from a browser becomes its main text and metadata through `trafilatura`, imported
here only when a page is added. The page's publication date is kept at the
precision the page states (`pagedate`); what the page does not say is left
empty, and said so. The stored text is never rewritten: `check` compares it with
the SHA-256 recorded beside it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from timeline_tui.authoring.scaffold import ARTICLES_FOLDER
from timeline_tui.authoring.writer import WriteRefused, add_entries
from timeline_tui.authoring.yamltext import Commented, Entry
from timeline_tui.catalogue import load_catalogue
from timeline_tui.catalogue.dates import PartialDate
from timeline_tui.catalogue.files import (
    MAX_ARTICLE_BYTES,
    Unreadable,
    read_article_bytes,
    read_regular_bytes,
    source_folder,
)
from timeline_tui.catalogue.model import Catalogue

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)\s*(\S+?)\s*-->", re.IGNORECASE)
_ID_CHARACTERS = re.compile(r"[^a-z0-9]+")


class AddRefused(Exception):
    """The article was not added; the message says why."""


@dataclass(slots=True)
class Article:
    """An article's text and what its file says about it."""

    text: str
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    published: PartialDate | None = None
    origin: str | None = None
    unsaid: list[str] = field(default_factory=list)
    """What the article does not say (publication date, author...)."""


@dataclass(frozen=True, slots=True)
class Added:
    source_id: str
    file: str
    article: Article


def read_article(path: Path) -> Article:
    """The article in `path`: a web page (by its suffix or its first tag) or plain text.

    Raises:
        AddRefused: the file cannot be read, is not UTF-8 text, or holds no text.
    """
    try:
        data = read_regular_bytes(path, MAX_ARTICLE_BYTES, "an article")
    except Unreadable as error:
        raise AddRefused(f"{path}: cannot be read: {error.reason}") from None
    head = data[:512].lstrip().lower()
    if path.suffix.lower() in HTML_SUFFIXES or head.startswith((b"<!doctype html", b"<html")):
        article = extract_page(data, path)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise AddRefused(
                f"{path}: is not UTF-8 text (byte {data[error.start]:#04x} at {error.start}); "
                "convert it to UTF-8 first"
            ) from None
        if "\x00" in text:
            raise AddRefused(f"{path}: contains a NUL byte: not a text file")
        article = Article(text=text, origin=str(path.resolve()))
        article.unsaid = ["title", "publisher", "author", "publication date"]
    if not article.text.strip():
        raise AddRefused(f"{path}: no article text found")
    return article


def extract_page(data: bytes, path: Path) -> Article:
    """The main text and metadata of a saved web page."""
    import lxml.html  # trafilatura's own parser
    import trafilatura
    from trafilatura.settings import Document

    document = trafilatura.bare_extraction(
        data, with_metadata=True, include_comments=False, include_tables=True
    )
    if not isinstance(document, Document) or not (document.text or "").strip():
        raise AddRefused(f"{path}: no article text found in the page")
    assert document.text is not None
    from timeline_tui.authoring.pagedate import page_date

    tree = lxml.html.document_fromstring(data)
    saved_from = _SAVED_FROM.search(data[:4096].decode("utf-8", "replace"))
    article = Article(
        # a blank line between paragraphs: headings and paragraphs stand apart as sentences
        text="\n\n".join(line.strip() for line in document.text.splitlines() if line.strip())
        + "\n",
        title=_clean(document.title),
        author=_clean(document.author),
        publisher=_clean(document.sitename),
        published=page_date(tree, document.date),
        origin=_clean(document.url) or (saved_from.group(1) if saved_from else None),
    )
    article.origin = article.origin or str(path.resolve())
    for name, value in (
        ("title", article.title),
        ("publisher", article.publisher),
        ("author", article.author),
        ("publication date", article.published),
    ):
        if value is None:
            article.unsaid.append(name)
    return article


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None


def add_sources(
    catalogue_path: Path,
    files: Sequence[Path],
    source_id: str | None = None,
    *,
    now: dt.datetime | None = None,
) -> list[Added]:
    """Store each file's article in the catalogue's article folder and list it as a source.

    Raises:
        AddRefused: nothing was added (an article already there, an id taken, ...).
        WriteRefused, CatalogueError: from writing the catalogue; nothing was added.
    """
    if source_id is not None and len(files) != 1:
        raise AddRefused("--id names one source: give one file with it")
    catalogue = load_catalogue(catalogue_path)
    articles = [(path, read_article(path)) for path in files]
    known = _known_digests(catalogue)
    taken = set(catalogue.sources)
    added_at = (now or dt.datetime.now(dt.timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")
    folder = catalogue.folder / ARTICLES_FOLDER
    plans: list[tuple[Added, bytes, Entry]] = []
    for path, article in articles:
        data = article.text.encode("utf-8")
        digest = hashlib.sha256(data).hexdigest()
        if digest in known:
            raise AddRefused(
                f"{path}: the same text is already in the catalogue as {known[digest]!r}"
            )
        known[digest] = str(path)
        new_id = source_id or _free_id(_slug(article, path), taken)
        if new_id in taken:
            raise AddRefused(f"the catalogue already has a source {new_id!r}; choose another --id")
        taken.add(new_id)
        stored = _free_file(folder, new_id, {p.file for p, _, _ in plans})
        file = f"{ARTICLES_FOLDER}/{stored}"
        entry = _entry(new_id, file, article, added_at, digest)
        plans.append((Added(new_id, file, article), data, entry))
    folder.mkdir(exist_ok=True)
    written: list[Path] = []
    try:
        for added, data, _ in plans:
            target = catalogue.folder / added.file
            with open(target, "xb") as out:  # "x": never touch an article already there
                written.append(target)
                out.write(data)
        add_entries(catalogue_path, {"sources": [entry for _, _, entry in plans]})
    except BaseException:
        for target in written:
            target.unlink(missing_ok=True)
        raise
    return [added for added, _, _ in plans]


def _entry(source_id: str, file: str, article: Article, added: str, digest: str) -> Entry:
    def said(value: str | None, what: str) -> object:
        return value if value is not None else Commented(None, f"the article gives no {what}")

    published = article.published
    return {
        "id": source_id,
        "file": file,
        "publisher": said(article.publisher, "publisher"),
        "title": said(article.title, "title"),
        "author": said(article.author, "author"),
        "published": published.iso()
        if published is not None
        else Commented(None, "the article gives no publication date"),
        "published_note": None,
        "origin": article.origin,
        "added": added,
        "sha256": digest,
    }


def _known_digests(catalogue: Catalogue) -> dict[str, str]:
    """SHA-256 of each source's article, recorded or (for older entries) computed."""
    known: dict[str, str] = {}
    for source in catalogue.sources.values():
        digest = source.sha256
        if digest is None:
            try:
                data = read_article_bytes(source.path, source_folder(source.path, source.file))
            except Unreadable:
                continue
            digest = hashlib.sha256(data).hexdigest()
        known.setdefault(digest.lower(), source.id)
    return known


def _slug(article: Article, path: Path) -> str:
    slug = _ID_CHARACTERS.sub("-", path.stem.lower()).strip("-")[:40].strip("-") or "article"
    if article.published is not None and str(article.published.year) not in slug:
        slug = f"{slug}-{article.published.year}"
    return slug


def _free_id(base: str, taken: set[str]) -> str:
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _free_file(folder: Path, base: str, planned: set[str]) -> str:
    candidate, number = f"{base}.txt", 2
    while (folder / candidate).exists() or f"{ARTICLES_FOLDER}/{candidate}" in planned:
        candidate, number = f"{base}-{number}.txt", number + 1
    return candidate


__all__ = ["AddRefused", "Added", "Article", "WriteRefused", "add_sources", "read_article"]
