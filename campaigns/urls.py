from django.urls import path

from campaigns.views import officer, officer_kits, offline, photos, session_edit

app_name = "officer"

urlpatterns = [
    path("sessions/", officer.session_list, name="sessions"),
    path("sessions/new/", officer.new_session, name="new-session"),
    path("sessions/rules/", offline.session_rules, name="session-rules"),
    path("sessions/kept/", offline.kept_sessions, name="kept-sessions"),
    path("sessions/<int:pk>/", officer.session_detail, name="session"),
    path("areas/", officer.area_choices, name="areas"),
    path("photos/<int:pk>/", photos.session_photo, name="session-photo"),
    path(
        "sessions/<int:pk>/correct/",
        session_edit.correct_session,
        name="correct-session",
    ),
    path(
        "sessions/<int:pk>/withdraw/",
        session_edit.withdraw_session,
        name="withdraw-session",
    ),
    path("field-kits/", officer_kits.field_kit_list, name="field-kits"),
    path("field-kits/<int:pk>/", officer_kits.field_kit_detail, name="field-kit"),
    path(
        "field-kits/<int:pk>/retry/",
        officer_kits.field_kit_retry,
        name="field-kit-retry",
    ),
    path(
        "questions/<int:pk>/promote/",
        officer.promote_question,
        name="promote-question",
    ),
]
