"""The officer's screens as a phone uses them: where they are, and the
session form as the phone posts it."""

NEW = "/vi/officer/sessions/new/"
KITS = "/vi/officer/field-kits/"


def post_data(campaign, village, piece, indicator, **changes):
    data = {
        "campaign": campaign.pk,
        "kind": "village_meeting",
        "day": "2025-10-28",
        "time": "08:30",
        "area": village.pk,
        "attendance": "60",
        "languages": ["vi", "rad"],
        "questions": "Mức đóng BHXH tự nguyện thấp nhất là bao nhiêu?\n\n",
        "material-TOTAL_FORMS": "3",
        "material-INITIAL_FORMS": "0",
        "material-0-piece": piece.pk,
        "material-0-language": "vi",
        "material-0-format": "print",
        "material-0-quantity": "40",
        "outcome-TOTAL_FORMS": "2",
        "outcome-INITIAL_FORMS": "0",
        "outcome-0-indicator": indicator.pk,
        "outcome-0-value": "84",
    }
    data.update(changes)
    return data
