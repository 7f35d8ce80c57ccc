"""Matrix rows of issue 14's pages: staff, board, groups, pupils, families and the next school year."""

from django.urls import reverse
from django.utils import timezone

from tests.matrix import Row, only

OFFICE = ("directie", "administratie")


def setup(world):
    """A plan for the next school year (made directly: in the matrix's world it is not June yet)."""
    from julianaschool import year_services
    from julianaschool.models import YearPlan

    YearPlan.objects.get_or_create(from_year=world.school_year,
                                   defaults={"data": year_services.propose(year=world.school_year)})


def rows() -> list[Row]:
    today = lambda w: timezone.localdate().isoformat()  # noqa: E731
    return [
        Row("people:staff", lambda w: reverse("people:staff"), **only(*OFFICE)),
        Row("people:staff_add", lambda w: reverse("people:staff_add"), **only(*OFFICE)),
        Row("people:staff_member", lambda w: reverse("people:staff_member", args=[w.medewerker.staff.pk]), **only(*OFFICE)),
        Row("people:staff_end", lambda w: reverse("people:staff_end", args=[w.medewerker.staff.pk]), method="post",
            data=lambda w: {"left_on": today(w)}, **only(*OFFICE, status=302)),
        Row("people:staff_invite", lambda w: reverse("people:staff_invite", args=[w.medewerker.staff.pk]), method="post",
            **only(*OFFICE, status=302)),
        Row("people:board", lambda w: reverse("people:board"), **only("directie")),
        Row("people:board_add", lambda w: reverse("people:board_add"), **only("directie")),
        Row("people:board_member", lambda w: reverse("people:board_member", args=[w.bestuur.board_member.pk]),
            **only("directie")),
        Row("people:board_end", lambda w: reverse("people:board_end", args=[w.bestuur.board_member.pk]), method="post",
            data=lambda w: {"left_on": today(w)}, **only("directie", status=302)),
        Row("people:board_invite", lambda w: reverse("people:board_invite", args=[w.bestuur.board_member.pk]),
            method="post", **only("directie", status=302)),
        Row("people:welcome", lambda w: reverse("people:welcome", args=["MQ", "bad-token"]), default=404, anonymous=404),
        Row("people:groups", lambda w: reverse("people:groups"), **only(*OFFICE)),
        Row("people:group", lambda w: reverse("people:group", args=[w.group5.pk]), **only(*OFFICE)),
        Row("people:group_assign", lambda w: reverse("people:group_assign", args=[w.group5.pk]), method="post",
            data=lambda w: {"teacher": w.leerkracht7.staff.pk, "role": "groepsleerkracht"}, **only(*OFFICE, status=302)),
        Row("people:group_unassign", lambda w: reverse("people:group_unassign", args=[w.group5.pk]), method="post",
            data=lambda w: {"leerkracht": w.leerkracht5.staff.pk}, **only(*OFFICE, status=302)),
        Row("people:group_end", lambda w: reverse("people:group_end", args=[w.group5.pk]), method="post",
            data=lambda w: {"left_on": today(w)}, **only(*OFFICE, status=302)),
        Row("people:pupil_add", lambda w: reverse("people:pupil_add"), **only(*OFFICE)),
        Row("people:pupil_edit", lambda w: reverse("people:pupil_edit", args=[w.pupil5.pk]), **only(*OFFICE)),
        Row("people:pupil_move", lambda w: reverse("people:pupil_move", args=[w.pupil5.pk]), method="post",
            data=lambda w: {"group": w.group7.pk, "on": today(w)}, **only(*OFFICE, status=302)),
        Row("people:guardians", lambda w: reverse("people:guardians"), **only(*OFFICE)),
        Row("people:guardians_invite", lambda w: reverse("people:guardians_invite"), **only(*OFFICE)),
        Row("people:guardians_invite", lambda w: reverse("people:guardians_invite"), method="post", label="confirm",
            data=lambda w: {"bevestig": "ja"}, **only(*OFFICE, status=302)),
        Row("people:guardian_edit", lambda w: reverse("people:guardian_edit", args=[w.guardian5.pk]), **only(*OFFICE)),
        Row("people:guardian_add", lambda w: reverse("people:guardian_add", args=[w.pupil5.pk]), **only(*OFFICE)),
        Row("people:guardian_remove", lambda w: reverse("people:guardian_remove", args=[w.pupil5.pk]), method="post",
            data=lambda w: {"guardian": w.guardian5.pk, "reason": "verhuisd"}, **only(*OFFICE, status=302)),
        Row("people:new_year", lambda w: reverse("people:new_year"), **only(*OFFICE)),
        Row("people:new_year_preview", lambda w: reverse("people:new_year_preview"), **only(*OFFICE)),
        Row("people:new_year_save", lambda w: reverse("people:new_year_save"), method="post", **only(*OFFICE, status=302)),
        Row("people:new_year_check_mail", lambda w: reverse("people:new_year_check_mail"), **only(*OFFICE)),
    ]
