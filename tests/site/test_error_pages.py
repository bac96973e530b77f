"""Error pages speak the visitor's language."""

from django.test import RequestFactory
from django.utils import translation
from django.views.defaults import server_error


def test_not_found_page_in_vietnamese(client, home_page):
    response = client.get("/vi/khong-co-trang-nay/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="vi"' in html
    assert "Không tìm thấy trang" in html
    assert 'href="/vi/"' in html


def test_not_found_page_in_english(client, home_page):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_not_found_page_in_a_language_without_interface_text_falls_back(
    client, home_page
):
    response = client.get("/rad/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="rad"' in html
    assert "Không tìm thấy trang" in html
    assert '<a href="/en/no-such-page/" hreflang="en"' in html


def test_server_error_page_in_the_active_language():
    request = RequestFactory().get("/vi/")
    with translation.override("vi"):
        response = server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Đã xảy ra lỗi" in html
    assert '<html lang="vi">' in html
