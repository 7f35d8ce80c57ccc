from django.urls import reverse

from tests.matrix import Row, only


def rows() -> list[Row]:
    public = {"default": 200, "anonymous": 200}
    return [
        Row("dashboard", lambda w: reverse("dashboard"), default=200),
        Row("health", lambda w: reverse("health"), **public),
        Row("login", lambda w: reverse("login"), **public),
        Row("logout", lambda w: reverse("logout"), method="post", default=302, anonymous=302),
        Row("password_reset", lambda w: reverse("password_reset"), **public),
        Row("password_reset_done", lambda w: reverse("password_reset_done"), **public),
        Row("password_reset_confirm", lambda w: reverse("password_reset_confirm", args=["MQ", "set-password"]), **public),
        Row("password_reset_complete", lambda w: reverse("password_reset_complete"), **public),
        Row("password_change", lambda w: reverse("password_change"), default=200),
        Row("password_change_done", lambda w: reverse("password_change_done"), default=200),
        Row("people:redeem", lambda w: reverse("people:redeem"), **public),
        Row("people:pupils", lambda w: reverse("people:pupils"), **only("directie", "administratie")),
        Row("people:audit", lambda w: reverse("people:audit"), **only("directie")),
        Row("people:pupil", lambda w: reverse("people:pupil", args=[w.pupil5.pk]), **only("directie", "administratie")),
        Row("people:pupil_leave", lambda w: reverse("people:pupil_leave", args=[w.pupil5.pk]), method="post",
            data=lambda w: {"left_on": "2026-12-01"}, **only("directie", "administratie", status=302)),
        Row("people:pupil_leave_undo", lambda w: reverse("people:pupil_leave_undo", args=[w.pupil5.pk]), method="post",
            **only("directie", "administratie", status=302)),
        Row("people:import", lambda w: reverse("people:import"), **only("directie", "administratie")),
        Row("people:import_confirm", lambda w: reverse("people:import_confirm"), method="post",
            **only("directie", "administratie", status=302)),
        Row("people:guardian_invite", lambda w: reverse("people:guardian_invite", args=[w.guardian7.pk]), method="post",
            **only("directie", "administratie", status=302)),
    ]
