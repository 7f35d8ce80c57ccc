"""Forms of the incidents app. They validate; the views hand cleaned_data to incidents.services."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from julianaschool import access
from julianaschool.dates import DateRangeField, DateTimeRangeField, first_school_day, last_school_day, today
from julianaschool.models import Guardian, SchoolYear, StaffMember

from . import services
from .models import PUPIL_LADDER, SEPARATE, STAFF_LADDER, Category, MeasureKind, PartyRole, Place, Platform, Severity


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
        if data.get("platform") == Platform.ANDERS and not data.get("platform_other", "").strip():
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


def person_choices(user) -> list:
    """The people a reporter may name, grouped: their pupils, those pupils' parents, staff."""
    pupils = access.visible_pupils(user).filter(left_on__isnull=True).order_by("sort_name")
    guardians = Guardian.objects.filter(pupils__in=pupils).distinct().order_by("sort_name")
    staff = StaffMember.objects.filter(left_on__isnull=True)
    return [
        ("", "—"),
        (_("Leerlingen"), [(f"p{p.pk}", p.full_name) for p in pupils]),
        (_("Ouders/verzorgers"), [(f"g{g.pk}", g.full_name) for g in guardians]),
        (_("Medewerkers"), [(f"s{s.pk}", s.full_name) for s in staff]),
    ]


class PartyForm(forms.Form):
    role = forms.ChoiceField(label=_("Rol"), choices=[("", "—")] + PartyRole.choices, required=False)
    person = forms.ChoiceField(label=_("Wie"), required=False)
    name = forms.CharField(label=_("of naam (van buiten school)"), max_length=200, required=False)

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = choices or [("", "—")]

    def clean(self):
        data = super().clean()
        person, name, role = data.get("person"), data.get("name", "").strip(), data.get("role")
        if not (person or name or role):
            data["empty"] = True
            return data
        if not role:
            self.add_error("role", _("Kies de rol van deze betrokkene."))
        if bool(person) == bool(name):
            self.add_error("person", _("Kies een persoon óf vul een naam in, niet allebei."))
        return data

    def party(self) -> dict | None:
        data = getattr(self, "cleaned_data", None) or {}
        if not data or data.get("empty"):
            return None
        person = data.get("person")
        if not person:
            return {"role": data["role"], "name": data["name"].strip()}
        from julianaschool.models import Pupil

        model, key = {"p": (Pupil, "pupil"), "g": (Guardian, "guardian"), "s": (StaffMember, "staff")}[person[0]]
        return {"role": data["role"], key: model.objects.get(pk=int(person[1:]))}


class BasePartyFormSet(forms.BaseFormSet):
    def __init__(self, *args, user=None, **kwargs):
        self._choices = person_choices(user)
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"choices": self._choices}

    def parties(self) -> list[dict]:
        return [p for p in (form.party() for form in self.forms) if p is not None]


# A fixed number of rows keeps the form usable on a phone without any JavaScript.
PartyFormSet = forms.formset_factory(PartyForm, formset=BasePartyFormSet, extra=5, max_num=5, validate_max=True)


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
        if party.staff_id:
            ladder = STAFF_LADDER
        elif party.pupil_id:
            ladder = PUPIL_LADDER
        elif party.guardian_id:
            ladder = [MeasureKind.WAARSCHUWING, MeasureKind.SCHORSING]
        else:
            ladder = []
        self.fields["kind"].choices = [(k.value, k.label) for k in ladder + SEPARATE]
        if not party.pupil_id:
            for name in ("teacher_heard_on", "parents_heard_on", "attendance_officer_notified_on"):
                del self.fields[name]
        if party.staff_id or not (party.pupil_id or party.guardian_id):
            del self.fields["inspectorate_notified_on"]

    def clean(self):
        data = super().clean()
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
        fields = ["name", "default_severity", "possibly_criminal", "active"]


class UploadForm(forms.Form):
    title = forms.CharField(label=_("Omschrijving"), max_length=200)
    file = forms.FileField(label=_("Bestand (afbeelding of PDF)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        services.check_upload(upload)
        return upload


class SchoolYearForm(forms.Form):
    school_year = forms.ModelChoiceField(label=_("Schooljaar"), queryset=SchoolYear.objects.all(), required=False)
