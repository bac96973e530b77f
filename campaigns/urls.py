from django.urls import path

from campaigns.views import officer

app_name = "officer"

urlpatterns = [
    path("sessions/", officer.session_list, name="sessions"),
    path("sessions/new/", officer.new_session, name="new-session"),
    path("sessions/<int:pk>/", officer.session_detail, name="session"),
    path(
        "questions/<int:pk>/promote/",
        officer.promote_question,
        name="promote-question",
    ),
]
