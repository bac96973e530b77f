"""A Wagtail admin edit or create form posted back as the browser sends it,
with the fields a person changed."""

from wagtail.test.utils.form_data import querydict_from_html


def post_admin_form(client, url: str, **changes):
    """Fill the form at `url` as it renders, change `changes`, and post it."""
    html = client.get(url).content.decode()
    data = querydict_from_html(html, form_id="w-editor-form")
    for name, value in changes.items():
        data[name] = value
    return client.post(url, data)
