"""A piece of material as a PDF in one language.

WeasyPrint renders the piece's print template with the fonts shipped in
`content/static/content/fonts` (Noto, SIL Open Font License), so Vietnamese
marks, Ede and Jarai breves, Tai Viet and Khmer come out the same on every
machine. A PDF is stored under the digest of the HTML it was made from: the
same text, version and language give the same file, served again without
rendering; any edit gives a new file.

Text in scripts written without spaces (Khmer, Tai Viet) gets a zero-width
space between its words in the HTML WeasyPrint reads: Pango breaks lines only
at spaces and would run such a line off the page.
"""

import hashlib
import mimetypes
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import translation

import segno
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from locales.public_address import public_url
from locales.segmentation import html_with_break_opportunities

PDF_DIR = "pdf"


class PDFFetchRefused(ValueError):
    pass


def qr_data_uri(url: str) -> str:
    """A QR code of `url` as an SVG data URI."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)


def printout_url(page, url: str) -> str:
    """What the QR code on paper opens: the page at the version printed, which
    says whether that copy is still current (the page itself before the piece
    has a version)."""
    version = page.version
    if version is None:
        return url
    return url + page.reverse_subpage("printed-version", args=[version.number])


def pdf_html(page, request, language: str, paper: str = "A4") -> str:
    """The print HTML of `page` in `language`, on `paper` (A4 or A5)."""
    with translation.override(language):
        context = page.get_context(request)
        # The public address, whoever asked: the same PDF for every visitor,
        # and a QR code that leads where the public can go.
        url = public_url(page.get_url_parts(request)[2])
        qr_code = qr_data_uri(printout_url(page, url))
        context.update(pdf=True, page_url=url, qr_code=qr_code, paper=paper)
        return render_to_string(page.pdf_template, context, request=request)


def stored_name_start(page) -> str:
    return f"{page.material_code or page.pk}-"


def pdf_bytes(page, request, language: str, paper: str = "A4") -> bytes:
    """The PDF, from the store when this exact HTML was rendered before.

    The digest is taken with the break opportunities in: a change in how
    lines are broken gives new files, not the old ones with cut lines. Relative
    links resolve against the public address: part of the key too."""
    html = html_with_break_opportunities(pdf_html(page, request, language, paper))
    key = f"{language}\n{public_url('/')}\n{html}"
    key = hashlib.sha256(key.encode()).hexdigest()[:20]
    name = f"{PDF_DIR}/{language}/{stored_name_start(page)}{key}.pdf"
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as stored:
            return stored.read()
    data = _write_pdf(html)
    default_storage.save(name, ContentFile(data))
    return data


def forget_stored_pdfs(pages) -> None:
    """Delete every stored PDF of `pages`, in every language: the store is
    under the public media folder, and a withdrawn or private piece must not
    stay readable there through a link shared earlier."""
    if not default_storage.exists(PDF_DIR):
        return
    starts = tuple(stored_name_start(page) for page in pages)
    if not starts:
        return
    languages, _files = default_storage.listdir(PDF_DIR)
    for language in languages:
        _dirs, files = default_storage.listdir(f"{PDF_DIR}/{language}")
        for name in files:
            if name.startswith(starts):
                default_storage.delete(f"{PDF_DIR}/{language}/{name}")


def render_pdf(html: str) -> bytes:
    """Any print HTML of the project as PDF, with its fonts and images."""
    return _write_pdf(html_with_break_opportunities(html))


def _write_pdf(html: str) -> bytes:
    """Links in it lead to the public address; files are read locally."""
    return HTML(
        string=html, base_url=public_url("/"), url_fetcher=LocalFilesFetcher()
    ).write_pdf()


class LocalFilesFetcher(URLFetcher):
    """WeasyPrint's fetcher, limited to data URIs, static files and media:
    rendering never reaches out to the network or elsewhere on disk."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        path = unquote(urlsplit(url).path)
        if ".." not in PurePosixPath(path).parts:
            data = _static(path) or _media(path)
            if data is not None:
                mime_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
                return URLFetcherResponse(url, data, {"Content-Type": mime_type})
        raise PDFFetchRefused(f"Not a local file: {url}")


def _static(path: str) -> bytes | None:
    if not path.startswith("/static/"):
        return None
    found = finders.find(path.removeprefix("/static/"))
    return Path(found).read_bytes() if found else None


def _media(path: str) -> bytes | None:
    name = path.removeprefix("/media/")
    if not path.startswith("/media/") or not default_storage.exists(name):
        return None
    with default_storage.open(name, "rb") as media:
        return media.read()
