from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import DayOffKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# A date outside these years is a typing error, never a school holiday.
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100


def _plausible(day):
    if day is not None and not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise ValidationError(_("Vul een datum tussen %(first)s en %(last)s in.") % {"first": EARLIEST_YEAR,
                                                                                    "last": LATEST_YEAR})
    return day


class DayOffForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort"), choices=DayOffKind.choices)
    name = forms.CharField(label=_("Naam (mag leeg)"), max_length=100, required=False,
                           help_text=_("Bijvoorbeeld 'Studiedag team' of 'Koningsdag'."))
    starts_on = forms.DateField(label=_("Eerste vrije dag"), widget=DATE)
    ends_on = forms.DateField(label=_("Laatste vrije dag"), widget=DATE,
                              help_text=_("Voor één dag: dezelfde datum als de eerste dag."))

    def clean_starts_on(self):
        return _plausible(self.cleaned_data["starts_on"])

    def clean_ends_on(self):
        return _plausible(self.cleaned_data["ends_on"])


class IcsUploadForm(forms.Form):
    file = forms.FileField(label=_("iCalendar-bestand (.ics)"),
                           help_text=_("Bijvoorbeeld de vakantiekalender van de rijksoverheid of van het bestuur."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 1024 * 1024:
            raise ValidationError(_("Het bestand is groter dan 1 MB; dat is geen schoolkalender."))
        if not upload.name.lower().endswith((".ics", ".ical", ".ifb", ".icalendar")):
            raise ValidationError(_("Kies een iCalendar-bestand (.ics)."))
        return upload.read()
