"""Pages: the check ("Foto plaatsen?"), a publisher's own publications and takedowns, one
publication, one takedown, and directie's overview with its CSV."""

import datetime
from collections import defaultdict
from operator import attrgetter

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from julianaschool import access as people_access
from julianaschool.downloads import csv_response
from julianaschool.errors import show_refusal
from julianaschool.models import ClassGroup, Pupil, Role, SchoolYear, StaffMember

from .. import state
from ..models import Purpose
from . import access, services
from .check import allowed_map, verdicts
from .forms import PublicationForm, TakedownDoneForm
from .models import Publication, PublicationPerson, Takedown

MAX_TICKED = 500


# People sort by their stored Dutch sort key (julianaschool/names.py): "de Wit" under W.
by_name = attrgetter("sort_name")

def _parse_keys(values) -> tuple[set[int], set[int]] | None:
    """('pupil-12', 'staff-3', ...) as (pupil ids, staff ids); None when anything is malformed."""
    pupils, staff = set(), set()
    if len(values) > MAX_TICKED:
        return None
    for value in values:
        kind, _sep, number = value.partition("-")
        if kind not in ("pupil", "staff") or not (number.isascii() and number.isdigit() and len(number) <= 15):
            return None
        (pupils if kind == "pupil" else staff).add(int(number))
    return pupils, staff


def _requested_group(request, data, groups):
    raw = data.get("groep", "")
    if raw.isascii() and raw.isdigit():
        for group in groups:
            if group.pk == int(raw):
                return group
    taught = list(people_access.taught_groups(request.user))
    return taught[0] if taught else (groups[0] if groups else None)


def _rows_html(kind, people, ticked, blurred, allowed, verdict) -> SafeString:
    """The people's rows of the check, built in Python: a template include per person cost most
    of the page's time. Every value is escaped here."""
    words = {"yes": escape(_("mag")), "no": escape(_("mag niet")), "blur": escape(_("onherkenbaar gemaakt"))}
    rows = []
    for person in people:
        key, name = f"{kind}-{person.pk}", escape(person.full_name)
        found = verdict.get(person.pk)
        mark = ""
        if found is not None:
            mark = (f'<span aria-hidden="true">✔</span> {words["yes"]}' if found.allowed
                    else f'<span aria-hidden="true">✖</span> {words["no"]}')
        rows.append(
            f'<li class="publication-person" data-allowed="{escape(allowed.get(person.pk, ""))}" data-name="{name}">'
            f'<label class="publication-tick"><input type="checkbox" name="p" value="{key}"'
            f'{" checked" if person.pk in ticked else ""}> <span>{name}</span></label>'
            f'<span class="publication-verdict" data-verdict>{mark}</span>'
            f'<label class="publication-blur"><input type="checkbox" name="onherkenbaar" value="{key}"'
            f'{" checked" if person.pk in blurred else ""}> {words["blur"]}'
            f'<span class="visually-hidden">: {name}</span></label></li>')
    return mark_safe("".join(rows))  # noqa: S308 - every part is escaped above


def check(request):
    """'Foto plaatsen?': choose a channel, tick who is recognisable, see the verdict, register."""
    if not access.can_publish(request.user):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else request.GET
    purposes = list(Purpose.objects.active())
    school_year = SchoolYear.objects.current()
    groups = list(ClassGroup.objects.filter(school_year=school_year).order_by("name")) if school_year else []
    group = _requested_group(request, data, groups)
    errors = []
    parsed = _parse_keys(data.getlist("p")) or (set(), set())
    blurred = _parse_keys(data.getlist("onherkenbaar"))
    if _parse_keys(data.getlist("p")) is None or blurred is None:
        errors.append(_("De gekozen personen zijn niet te lezen. Kies ze opnieuw."))
        parsed, blurred = (set(), set()), (set(), set())
    ticked_pupils = {p.pk: p for p in Pupil.objects.filter(pk__in=parsed[0])}
    ticked_staff = {s.pk: s for s in StaffMember.objects.filter(pk__in=parsed[1])}
    slug = data.get("kanaal", "")
    purpose = next((p for p in purposes if p.slug == slug), None)
    if slug and purpose is None:
        errors.append(_("Kanaal: kies een van de kanalen."))

    listed = list(Pupil.objects.active().in_group(group)) if group else []
    listed_ids = {p.pk for p in listed}
    others = [p for pk, p in ticked_pupils.items() if pk not in listed_ids]
    pupils = sorted(others, key=by_name) + sorted(listed, key=by_name)
    staff = sorted(StaffMember.objects.filter(left_on__isnull=True), key=by_name)
    staff += [s for pk, s in ticked_staff.items() if s.left_on is not None]
    # One read of the ledger for everyone on the page, over every channel: the script switches
    # channels without asking the server, and the verdict uses the same answers.
    pupil_answers = state.pupil_answers([p.pk for p in pupils], purposes)
    staff_answers = state.staff_answers([s.pk for s in staff], purposes)
    allowed = allowed_map(purposes=purposes, answers=pupil_answers, people=pupils)
    staff_allowed = allowed_map(purposes=purposes, answers=staff_answers, people=staff)

    form = PublicationForm(data if request.method == "POST" else None)
    found = []
    if purpose is not None and (ticked_pupils or ticked_staff):
        found = verdicts(purpose=purpose, pupils=sorted(ticked_pupils.values(), key=by_name),
                         staff=sorted(ticked_staff.values(), key=by_name),
                         pupil_answers=pupil_answers, staff_answers=staff_answers)
    if request.method == "POST" and data.get("actie") == "registreren" and not errors:
        if purpose is None:
            errors.append(_("Kanaal: kies op welk kanaal de foto komt."))
        elif not found:
            errors.append(_("Personen: vink aan wie er op de foto staat."))
        elif form.is_valid():
            shown = [services.Shown(person=v.person, recognisable=v.person.pk not in blurred[0 if v.kind == "pupil" else 1])
                     for v in found]
            try:
                publication = services.register_publication(
                    purpose=purpose, title=form.cleaned_data["title"], published_on=form.cleaned_data["published_on"],
                    location=form.cleaned_data["location"], people=shown, actor=request.user)
            except ValidationError as error:
                errors.extend(error.messages)
            else:
                messages.success(request, _("De publicatie is geregistreerd."))
                return redirect("publications:publication", pk=publication.pk)
    status = {"pupil": {}, "staff": {}}
    for v in found:
        status[v.kind][v.person.pk] = v
    yes = [v for v in found if v.allowed]
    no = [v for v in found if not v.allowed]
    return render(request, "consent/publications/check.html", {
        "purposes": purposes, "purpose": purpose, "groups": groups, "group": group, "form": form,
        "pupil_rows": _rows_html("pupil", pupils, ticked_pupils, blurred[0], allowed, status["pupil"]),
        "staff_rows": _rows_html("staff", staff, ticked_staff, blurred[1], staff_allowed, status["staff"]),
        "staff_ticked": bool(ticked_staff),
        "checked": bool(found), "yes": yes, "no": no, "errors": errors,
    })


def _with_takedowns(queryset):
    return queryset.select_related("publication__purpose", "entry__pupil", "entry__staff", "done", "assigned_to")


def mine(request):
    """A publisher's own publications and takedowns."""
    if not access.can_publish(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    takedowns = list(_with_takedowns(Takedown.objects.filter(assigned_to=request.user)).order_by("due_on", "pk"))
    publications = (Publication.objects.filter(published_by=request.user).select_related("purpose")
                    .annotate(shown=Count("people")).order_by("-published_on", "-pk")[:200])
    return render(request, "consent/publications/mine.html", {
        "open": [t for t in takedowns if not t.is_done], "done": [t for t in takedowns if t.is_done][-50:],
        "publications": publications, "today": today})


def publication(request, pk):
    item = access.publication_for(request.user, pk)
    people = (item.people.select_related("pupil", "staff")
              .prefetch_related(Prefetch("takedowns", queryset=Takedown.objects.select_related("done"))))
    people = sorted(people, key=lambda e: e.person.sort_name)
    return render(request, "consent/publications/publication.html", {
        "publication": item, "people": people, "today": timezone.localdate(),
        "corrected_by": Publication.objects.filter(replaces=item).first()})


def takedown(request, pk):
    item = access.takedown_for(request.user, pk)
    form = TakedownDoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.mark_takedown_done(takedown=item, outcome=form.cleaned_data["outcome"],
                                        note=form.cleaned_data["note"], actor=request.user)
        except ValidationError as error:
            show_refusal(request, error, form)
        else:
            messages.success(request, _("De verwijdertaak is afgehandeld."))
            return redirect("publications:mine" if item.assigned_to_id == request.user.pk else "publications:overview")
    return render(request, "consent/publications/takedown.html", {
        "takedown": item, "form": form, "today": timezone.localdate()})


def _month(day: datetime.date) -> str:
    return f"{day.year}-{day.month:02d}"


def overview_rows(today: datetime.date) -> tuple[list[dict], dict]:
    """Per channel and month: publications, recognisable people, takedowns open/done/overdue and
    the average days to take down. No names. A fixed number of queries."""
    rows: dict[tuple, dict] = defaultdict(lambda: {"publications": 0, "recognisable": 0, "open": 0, "done": 0,
                                                  "overdue": 0, "days": []})
    names = {p.pk: p.name for p in Purpose.objects.all()}
    for purpose_id, day, count in (Publication.objects.current()
                                   .values_list("purpose_id", "published_on").annotate(n=Count("id", distinct=True))
                                   .values_list("purpose_id", "published_on", "n")):
        rows[(names[purpose_id], _month(day))]["publications"] += count
    for purpose_id, day in (PublicationPerson.objects.filter(recognisable=True, publication__replaced_by__isnull=True)
                            .values_list("publication__purpose_id", "publication__published_on")):
        rows[(names[purpose_id], _month(day))]["recognisable"] += 1
    totals = {"open": 0, "done": 0, "overdue": 0, "days": []}
    for purpose_id, day, due, created, done_at in Takedown.objects.values_list(
            "publication__purpose_id", "publication__published_on", "due_on", "created_at", "done__done_at"):
        row = rows[(names[purpose_id], _month(day))]
        if done_at is not None:
            days = (done_at - created).total_seconds() / 86400
            for target in (row, totals):
                target["done"] += 1
                target["days"].append(days)
        else:
            for target in (row, totals):
                target["open"] += 1
                target["overdue"] += 1 if due < today else 0
    result = []
    for (channel, month), row in sorted(rows.items(), key=lambda item: (item[0][1], item[0][0]), reverse=True):
        days = row.pop("days")
        result.append({"channel": channel, "month": month, **row,
                       "average_days": round(sum(days) / len(days), 1) if days else None})
    days = totals.pop("days")
    totals["average_days"] = round(sum(days) / len(days), 1) if days else None
    return result, totals


@people_access.role_required(Role.MANAGEMENT)
def overview(request):
    """Directie: what was published where, and every takedown: open, done, overdue."""
    today = timezone.localdate()
    rows, totals = overview_rows(today)
    takedowns = list(_with_takedowns(Takedown.objects.all()).order_by("done__done_at", "due_on", "pk")[:500])
    publications = (Publication.objects.select_related("purpose").annotate(shown=Count("people"))
                    .order_by("-published_on", "-pk")[:100])
    return render(request, "consent/publications/overview.html", {
        "rows": rows, "totals": totals, "takedowns": takedowns, "publications": publications, "today": today})


@people_access.role_required(Role.MANAGEMENT)
def overview_csv(request):
    rows, _totals = overview_rows(timezone.localdate())
    header = [_("kanaal"), _("maand"), _("publicaties"), _("herkenbaar getoonde personen"), _("verwijdertaken open"),
              _("verwijdertaken gedaan"), _("te laat"), _("gemiddeld aantal dagen tot verwijderd")]
    return csv_response(filename="publicaties-per-maand.csv", header=header, rows=(
        [row["channel"], row["month"], row["publications"], row["recognisable"], row["open"], row["done"],
         row["overdue"], "" if row["average_days"] is None else row["average_days"]] for row in rows))
