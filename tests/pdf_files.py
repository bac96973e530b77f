"""A piece's PDF as a visitor downloads it, read with poppler's tools."""

import subprocess


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
