"""The translator view's form, filled in as a browser posts it."""

from django.contrib.contenttypes.models import ContentType

from locales.translation_sheet import build_sheet


def url(piece, language):
    content_type = ContentType.objects.get_for_model(piece)
    return f"/admin/translations/{content_type.pk}/{piece.pk}/{language}/"


def form_data(client, piece, language, **texts):
    """The form as the browser would post it, with `texts` typed into the
    units whose source contains the key (or named exactly by input name)."""
    sheet = build_sheet(piece, language)
    data = {"baseline": sheet.baseline}
    for section in sheet.sections:
        for row in section.rows:
            data[row.input_name] = row.target
            if row.state == "needs_review":
                # Reviewers see a ticked box beside each part waiting.
                data["review_form"] = "1"
                data[row.review_name] = "1"
                data[row.comment_name] = ""
            for fragment, text in texts.items():
                if fragment == row.input_name or fragment in row.unit.source:
                    data[row.input_name] = text
    return data


def translate(client, page, translator, texts, action="submit", language="rad"):
    """The translator types `texts` into the view and presses `action`."""
    client.force_login(translator)
    data = {**form_data(client, page, language, **texts), "action": action}
    return client.post(url(page, language), data)


def approve(client, page, reviewer, language="rad", **corrections):
    """The reviewer makes `corrections`, ticks every part and presses Approve."""
    client.force_login(reviewer)
    data = {**form_data(client, page, language, **corrections), "action": "approve"}
    return client.post(url(page, language), data)
