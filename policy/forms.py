"""Forms of the policy app: they validate, the views hand cleaned_data to policy.services."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from julianaschool.dates import DateRangeField, today
from julianaschool.uploads import validate_upload

from .models import ChangeKind, MrDecision, ProtocolVersion, Section


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class StartDraftForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort wijziging"), choices=ChangeKind.choices, initial=ChangeKind.SUBSTANTIVE,
                             widget=forms.RadioSelect,
                             help_text=_("Redactioneel: taal en namen (1.0 wordt 1.1). Inhoudelijk: regels veranderen "
                                         "(1.0 wordt 2.0); medewerkers lezen het opnieuw."))


class VersionDetailsForm(forms.Form):
    kind = StartDraftForm.base_fields["kind"]
    needs_mr = forms.BooleanField(label=_("Advies of instemming van de medezeggenschapsraad vragen"), required=False,
                                  help_text=_("Het bestuur kan pas goedkeuren als de directie het besluit van de MR "
                                              "heeft vastgelegd."))
    period = forms.CharField(label=_("Periode"), max_length=20, required=False,
                             help_text=_("Bijvoorbeeld 2026-2028. Leeg laten: volgt uit de data bij publicatie."))
    change_summary = forms.CharField(label=_("Wat is er veranderd en waarom"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 4}),
                                     help_text=_("Verplicht om de versie vast te stellen."))


class SectionForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=300)
    body = forms.CharField(label=_("Tekst"), required=False, widget=forms.Textarea(attrs={"rows": 16}),
                           help_text=_("Markdown: een regel die met '- ' begint is een opsommingsteken; vier spaties "
                                       "ervoor maakt er een sub-opsomming van; **vet** wordt vet."))
    style = forms.ChoiceField(label=_("Opmaak"), choices=Section.Style.choices, initial=Section.Style.NORMAL)


class AddSectionForm(forms.Form):
    title = forms.CharField(label=_("Titel van het nieuwe hoofdstuk"), max_length=300)
    parent = forms.ModelChoiceField(label=_("Onder hoofdstuk"), queryset=Section.objects.none(), required=False,
                                    empty_label=_("(geen: een nieuw hoofdstuk)"))

    def __init__(self, *args, version: ProtocolVersion, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = version.sections.filter(parent__isnull=True).order_by("position")


class StepForm(forms.Form):
    comment = forms.CharField(label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                              help_text=_("Intern: alleen de school en het bestuur lezen dit, ook na publicatie."))
    public_note = forms.CharField(label=_("Openbare toelichting"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}),
                                  help_text=_("Optioneel. Iedereen kan dit lezen zodra de versie openbaar is."))


class PublishForm(StepForm):
    effective_from = DateRangeField(label=_("Geldig vanaf"), widget=DateInput(),
                                    help_text=_("Vandaag of eerder: de versie geldt meteen. Een latere datum: de "
                                                "versie gaat op die dag in (bijvoorbeeld per 1 januari)."))
    review_on = DateRangeField(label=_("Te herzien"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["effective_from"].initial = today
        self.fields["review_on"].initial = today.replace(year=today.year + 2, day=1)


class ReviewForm(forms.Form):
    next_review_on = DateRangeField(label=_("Volgende herziening"), widget=DateInput(), earliest=today)
    comment = forms.CharField(label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["next_review_on"].initial = datetime.date(today.year + 2, today.month, 1)


class CompareForm(forms.Form):
    old = forms.ModelChoiceField(label=_("Van versie"), queryset=ProtocolVersion.objects.none(), to_field_name="pk")
    new = forms.ModelChoiceField(label=_("Naar versie"), queryset=ProtocolVersion.objects.none(), to_field_name="pk")

    def __init__(self, *args, versions, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("old", "new"):
            self.fields[name].queryset = versions
            self.fields[name].label_from_instance = lambda v: f"{v.number} · {v.status_label.lower()}"
            self.fields[name].widget.attrs["class"] = "form-select"


class MrDecisionForm(forms.Form):
    decided_on = DateRangeField(label=_("Datum van de MR-vergadering"), widget=DateInput(), latest=today)
    outcome = forms.ChoiceField(label=_("Uitkomst"), choices=MrDecision.Outcome.choices, widget=forms.RadioSelect)
    minutes = forms.FileField(label=_("Notulen (PDF of afbeelding)"), validators=[validate_upload])
    comment = forms.CharField(label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
