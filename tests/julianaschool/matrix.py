import datetime

from django.urls import reverse
from django.utils import timezone

from tests.matrix import Row, only


def setup(world):
    """A holiday in the calendar and a mail that failed, for the calendar and mail pages."""
    from julianaschool.models import DayOff, DayOffKind, MailStatus, OutgoingMail

    start = world.school_year.starts_on
    world.day_off = DayOff.objects.create(school_year=world.school_year, kind=DayOffKind.AUTUMN_HOLIDAY,
                                          starts_on=start + datetime.timedelta(days=80),
                                          ends_on=start + datetime.timedelta(days=86))
    world.failed_mail = OutgoingMail.objects.create(kind="other", to=["x@example.org"], subject="Test", body="Test",
                                                    send_after=timezone.now(),
                                                    status=MailStatus.FAILED, attempts=4)


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
        Row("people:import_sample", lambda w: reverse("people:import_sample"), **only("directie", "administratie")),
        Row("people:edex", lambda w: reverse("people:edex"), **only("directie", "administratie")),
        Row("people:edex_school_year", lambda w: reverse("people:edex_school_year"), method="post",
            **only("directie", "administratie", status=302)),
        Row("people:edex_confirm", lambda w: reverse("people:edex_confirm"), method="post",
            **only("directie", "administratie", status=302)),
        Row("people:guardian_invite", lambda w: reverse("people:guardian_invite", args=[w.guardian7.pk]), method="post",
            **only("directie", "administratie", status=302)),
        Row("office:mail", lambda w: reverse("office:mail"), **only("directie")),
    Row("office:mail_retry", lambda w: reverse("office:mail_retry", args=[w.failed_mail.pk]), method="post",
        **only("directie", status=302)),
    Row("office:calendar", lambda w: reverse("office:calendar"), **only("directie", "administratie")),
    Row("office:calendar", lambda w: reverse("office:calendar"), method="post", label="add",
        data=lambda w: {"kind": "studiedag", "starts_on": str(w.day_off.ends_on + datetime.timedelta(days=7)),
                        "ends_on": str(w.day_off.ends_on + datetime.timedelta(days=7))},
        **only("directie", "administratie", status=302)),
    Row("office:calendar_import", lambda w: reverse("office:calendar_import"), method="post",
        **only("directie", "administratie", status=400)),
    Row("office:calendar_delete", lambda w: reverse("office:calendar_delete", args=[w.day_off.pk]), method="post",
        **only("directie", "administratie", status=302)),
    ]
