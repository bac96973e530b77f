import xml.etree.ElementTree as ET

from locales.registry import load_languages

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}
CODES = [language.code for language in load_languages()]


def test_sitemap_lists_every_page_in_every_language_with_alternates(client, home_page):
    """At the public address (test settings: https://loa.example)."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    tree = ET.fromstring(response.content)
    urls = tree.findall("sm:url", NS)
    locations = sorted(url.find("sm:loc", NS).text for url in urls)
    assert locations == sorted(f"https://loa.example/{code}/" for code in CODES)
    for url in urls:
        alternates = {
            link.get("hreflang"): link.get("href")
            for link in url.findall("xhtml:link", NS)
        }
        expected = {code: f"https://loa.example/{code}/" for code in CODES}
        expected["x-default"] = "https://loa.example/"
        assert alternates == expected


def test_sitemap_leaves_out_unpublished_pages(client, home_page):
    home_page.unpublish()
    tree = ET.fromstring(client.get("/sitemap.xml").content)
    assert tree.findall("sm:url", NS) == []
