"""Forms of the incidents app. They validate; the views hand cleaned_data to incidents.services."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from julianaschool.dates import DateRangeField, DateTimeRangeField, first_school_day, last_school_day, today
from julianaschool.models import Guardian, Pupil, SchoolYear, StaffMember

from . import ladders, people, services
from .models import Category, MeasureKind, PartyRole, Place, Platform, Severity


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*,application/pdf"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class IncidentForm(forms.Form):
    # Not in the future (checked to the minute below), not before the first school year the portal knows.
    occurred_at = DateTimeRangeField(
        label=_("Wanneer"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        earliest=first_school_day, latest=today,
    )
    place = forms.ChoiceField(label=_("Waar"), choices=Place.choices)
    platform = forms.ChoiceField(label=_("Platform (als het online gebeurde)"), choices=[("", "—")] + Platform.choices, required=False)
    platform_other = forms.CharField(label=_("Ander platform"), max_length=60, required=False)
    category = forms.ModelChoiceField(label=_("Categorie"), queryset=Category.objects.filter(active=True))
    severity = forms.ChoiceField(
        label=_("Ernst"), choices=[("", _("standaard van de categorie"))] + Severity.choices, required=False,
    )
    description = forms.CharField(
        label=_("Wat is er gebeurd?"), widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Noem hier liever geen namen: wie betrokken is kiest u hieronder. Na het versturen verandert de "
                    "beschrijving niet meer; aanvullingen komen op de tijdlijn."),
    )
    attachments = MultipleFileField(label=_("Schermafbeeldingen of PDF"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("occurred_at", timezone.localtime().replace(second=0, microsecond=0))

    def clean(self):
        data = super().clean()
        if data.get("place") == Place.ONLINE and not data.get("platform"):
            self.add_error("platform", _("Kies op welk platform het online gebeurde."))
        if data.get("platform") == Platform.OTHER and not data.get("platform_other", "").strip():
            self.add_error("platform_other", _("Noem het platform."))
        if data.get("occurred_at") and data["occurred_at"] > timezone.now() + datetime.timedelta(minutes=5):
            self.add_error("occurred_at", _("Dit tijdstip ligt in de toekomst."))
        if not data.get("severity") and data.get("category"):
            data["severity"] = data["category"].default_severity
        for upload in data.get("attachments") or []:
            try:
                services.check_upload(upload)
            except ValidationError as error:
                self.add_error("attachments", error)
        return data


NOBODY = [("", "—")]


class PartyForm(forms.Form):
    """One person involved: a role and exactly one of a pupil, a parent, a staff member or a name."""

    role = forms.ChoiceField(label=_("Rol"), choices=NOBODY + PartyRole.choices, required=False)
    pupil = forms.ChoiceField(label=_("Leerling"), required=False)
    guardian = forms.ChoiceField(label=_("Ouder/verzorger"), required=False)
    staff = forms.ChoiceField(label=_("Medewerker"), required=False)
    name = forms.CharField(label=_("Of: naam van iemand van buiten school"), max_length=200, required=False)

    PEOPLE = ("pupil", "guardian", "staff", "name")

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        for key in ("pupil", "guardian", "staff"):
            self.fields[key].choices = NOBODY + (choices or {}).get(key, [])

    def clean(self):
        data = super().clean()
        data["name"] = data.get("name", "").strip()
        chosen = [key for key in self.PEOPLE if data.get(key)]
        if not (chosen or data.get("role")):
            data["empty"] = True
            return data
        if not data.get("role"):
            self.add_error("role", _("Kies de rol van deze betrokkene."))
        if not chosen:
            self.add_error("pupil", _("Wie: bij deze rol is nog niemand gekozen. Kies een leerling, ouder/verzorger of "
                                      "medewerker, of vul de naam in van iemand van buiten school."))
        elif len(chosen) > 1:
            self.add_error(chosen[1], _("Wie: kies per regel één persoon (voor meer betrokkenen voegt u een regel toe)."))
        return data

    def party(self) -> dict | None:
        data = getattr(self, "cleaned_data", None) or {}
        if not data or data.get("empty"):
            return None
        if data.get("name"):
            return {"role": data["role"], "name": data["name"]}

        for key, model in (("pupil", Pupil), ("guardian", Guardian), ("staff", StaffMember)):
            if data.get(key):
                return {"role": data["role"], key: model.objects.get(pk=int(data[key]))}
        return None


class BasePartyFormSet(forms.BaseFormSet):
    def __init__(self, *args, **kwargs):
        self._choices = {"pupil": people.pupil_choices(), "guardian": people.guardian_choices(),
                         "staff": people.staff_choices()}
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"choices": self._choices}

    def parties(self) -> list[dict]:
        return [p for p in (form.party() for form in self.forms) if p is not None]

    def add_row(self) -> None:
        """Show one more (empty) row, keeping what was entered in the others and showing no errors:
        the form works without JavaScript ('Nog een betrokkene toevoegen' submits and comes back)."""
        data = self.data.copy()
        total = min(int(data.get(f"{self.prefix}-TOTAL_FORMS") or 0) + 1, MAX_PARTIES)
        data[f"{self.prefix}-TOTAL_FORMS"] = str(total)
        self.data = data
        for cached in ("forms", "management_form"):
            self.__dict__.pop(cached, None)
        quiet(self)


def quiet(form_or_formset) -> None:
    """Render a bound form (or formset) with what was typed but without validating it yet."""
    if isinstance(form_or_formset, forms.BaseFormSet):
        form_or_formset._errors = []
        form_or_formset._non_form_errors = form_or_formset.error_class()
        for form in form_or_formset.forms:
            quiet(form)
    else:
        form_or_formset._errors = forms.utils.ErrorDict()


MAX_PARTIES = 30
# Two rows to start with; "Nog een betrokkene toevoegen" adds one (with a script: on the spot).
PartyFormSet = forms.formset_factory(PartyForm, formset=BasePartyFormSet, extra=2, max_num=MAX_PARTIES,
                                     validate_max=True, absolute_max=MAX_PARTIES)


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Aanvulling"), widget=forms.Textarea(attrs={"rows": 3}))


class MeasureForm(forms.Form):
    kind = forms.ChoiceField(label=_("Maatregel"))
    grounds = forms.CharField(label=_("Motivering"), widget=forms.Textarea(attrs={"rows": 3}))
    deviation_reason = forms.CharField(
        label=_("Reden voor een andere stap dan voorgesteld"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
    )
    # A measure lies within the school years the portal knows; what already happened, not after today.
    starts_on = DateRangeField(label=_("Eerste dag (schorsing)"), widget=DateInput(), required=False,
                               earliest=first_school_day, latest=last_school_day)
    ends_on = DateRangeField(label=_("Laatste dag (schorsing)"), widget=DateInput(), required=False,
                             earliest=first_school_day, latest=last_school_day)
    inspectorate_notified_on = DateRangeField(label=_("Inspectie ingelicht op"), widget=DateInput(), required=False,
                                              earliest=first_school_day, latest=today)
    teacher_heard_on = DateRangeField(label=_("Groepsleerkracht gehoord op (verwijdering)"), widget=DateInput(),
                                      required=False, earliest=first_school_day, latest=today)
    parents_heard_on = DateRangeField(label=_("Ouders gehoord op (verwijdering)"), widget=DateInput(), required=False,
                                      earliest=first_school_day, latest=today)
    attendance_officer_notified_on = DateRangeField(
        label=_("Leerplichtambtenaar ingelicht op (verwijdering)"), widget=DateInput(), required=False,
        earliest=first_school_day, latest=today,
    )
    reference = forms.CharField(label=_("Kenmerk (bij aangifte of melding)"), max_length=100, required=False)

    def __init__(self, *args, party=None, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = ladders.choices_for(party)
        self.fields["kind"].choices = [(k, MeasureKind(k).label) for k in kinds]
        self.field_kinds = {name: [k for k in kinds if k in for_kinds] for name, for_kinds in self.FIELD_KINDS.items()}
        if not party.pupil_id:
            # Hearing the teacher and parents, the inspectorate and the leerplichtambtenaar: a pupil's.
            for name in ("teacher_heard_on", "parents_heard_on", "attendance_officer_notified_on", "inspectorate_notified_on"):
                self.field_kinds[name] = []
        for name, for_kinds in list(self.field_kinds.items()):
            if not for_kinds:
                del self.fields[name]
                del self.field_kinds[name]

    # Which measures each field belongs to; the page shows only the chosen measure's fields.
    FIELD_KINDS = {
        "deviation_reason": set(ladders.ALL_STEPS),
        "starts_on": {MeasureKind.SUSPENSION},
        "ends_on": {MeasureKind.SUSPENSION},
        "inspectorate_notified_on": {MeasureKind.SUSPENSION, MeasureKind.EXPULSION},
        "teacher_heard_on": {MeasureKind.EXPULSION},
        "parents_heard_on": {MeasureKind.EXPULSION},
        "attendance_officer_notified_on": {MeasureKind.EXPULSION},
        "reference": set(ladders.SEPARATE),
    }

    @property
    def chosen_kind(self) -> str:
        kind = (self.data.get(self.add_prefix("kind")) if self.is_bound else None) or self.initial.get("kind") or ""
        valid = [value for value, _label in self.fields["kind"].choices]
        return kind if kind in valid else (valid[0] if valid else "")

    def rows(self) -> list[dict]:
        """Each field with the measures it belongs to; those of another measure are hidden (the
        `hidden` attribute: no script needed; static/js/incidents.js shows them when the choice changes)."""
        chosen = self.chosen_kind
        rows = []
        for field in self:
            kinds = self.field_kinds.get(field.name)
            rows.append({"field": field, "kinds": " ".join(kinds) if kinds is not None else "",
                         "hidden": kinds is not None and chosen not in kinds})
        return rows

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        for name, kinds in self.field_kinds.items():
            if kind not in kinds:
                # A field of another measure (hidden on the page) says nothing about this one.
                data[name] = "" if name in ("deviation_reason", "reference") else None
                self._errors.pop(name, None)
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("De laatste dag ligt vóór de eerste dag."))
        return data

    def measure_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("kind")
        data.pop("grounds")
        return {k: v for k, v in data.items() if v not in (None, "") or k == "deviation_reason"}


class ResponseForm(forms.Form):
    response = forms.CharField(
        label=_("Zienswijze van de medewerker"), widget=forms.Textarea(attrs={"rows": 4}), required=False,
        help_text=_("Leeg laten als de medewerker binnen de termijn niet reageerde."),
    )
    received_on = DateRangeField(label=_("Ontvangen op"), widget=DateInput(), earliest=first_school_day, latest=today)


class AcceptanceForm(forms.Form):
    school_name = forms.CharField(label=_("Naam van de andere school"), max_length=200)
    accepted_on = DateRangeField(label=_("Toegelaten op"), widget=DateInput(), earliest=first_school_day, latest=today)


class CategoryForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = ["name", "name_en", "default_severity", "possibly_criminal", "active"]


class UploadForm(forms.Form):
    title = forms.CharField(label=_("Omschrijving"), max_length=200)
    file = forms.FileField(label=_("Bestand (afbeelding of PDF)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        services.check_upload(upload)
        return upload


class SchoolYearForm(forms.Form):
    school_year = forms.ModelChoiceField(label=_("Schooljaar"), queryset=SchoolYear.objects.all(), required=False)
