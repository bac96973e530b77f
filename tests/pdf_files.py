"""A piece's PDF as a visitor downloads it, read as a person and a phone
read it: text page by page (poppler's tools), links, QR codes."""

import io
import re
import subprocess

import zxingcpp
from PIL import Image
from pypdf import PdfReader


def fetch_pdf(client, url) -> bytes:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response.content


def poppler(tool: str, data: bytes, tmp_path, *options: str) -> str:
    """The output of a poppler tool (pdffonts, pdftotext) on `data`."""
    path = tmp_path / "piece.pdf"
    path.write_bytes(data)
    return subprocess.run(
        [tool, *options, str(path), *(["-"] if tool == "pdftotext" else [])],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def qr_codes(data: bytes, tmp_path, resolution: int = 150) -> set[str]:
    """What the QR codes on every page of the PDF `data` say, as a phone's
    camera reads them off the printed page."""
    folder = tmp_path / f"qr-{len(list(tmp_path.glob('qr-*')))}"
    folder.mkdir()
    (folder / "piece.pdf").write_bytes(data)
    subprocess.run(  # noqa: S603 — poppler's tool on our own file
        ["pdftoppm", "-r", str(resolution), "-png", "piece.pdf", "page"],  # noqa: S607
        cwd=folder,
        check=True,
    )
    found = set()
    for image in sorted(folder.glob("page*.png")):
        with Image.open(image) as page:
            found |= {barcode.text for barcode in zxingcpp.read_barcodes(page)}
    return found


def link_targets(data: bytes) -> list[str]:
    """The address of every link annotation in the PDF `data`, page by page."""
    targets = []
    for page in PdfReader(io.BytesIO(data)).pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Link" and "/A" in annotation:
                action = annotation["/A"].get_object()
                if "/URI" in action:
                    targets.append(str(action["/URI"]))
    return targets


def page_texts(data: bytes, tmp_path) -> list[str]:
    """The text of each page of the PDF `data`, as pdftotext reads it."""
    pages = int(
        re.search(r"^Pages:\s+(\d+)", poppler("pdfinfo", data, tmp_path), re.M)[1]
    )
    return [
        poppler(
            "pdftotext", data, tmp_path, "-f", str(n), "-l", str(n), "-enc", "UTF-8"
        )
        for n in range(1, pages + 1)
    ]
