from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import TakedownOutcome


class PublicationForm(forms.Form):
    """The facts of a publication; the people on it come from the check's ticks."""

    title = forms.CharField(label=_("Titel"), max_length=200, required=False,
                            help_text=_("Bijvoorbeeld: Schoolreis Ouwehands, album op Parro"))
    published_on = forms.DateField(label=_("Datum"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    location = forms.CharField(label=_("Waar"), max_length=500, required=False,
                               help_text=_("Adres (URL) of een korte omschrijving"))

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if self.data.get("actie") == "registreren" and not title:
            raise forms.ValidationError(_("Titel: geef de publicatie een titel."))
        return title

    def clean_published_on(self):
        return self.cleaned_data["published_on"] or timezone.localdate()


class TakedownDoneForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Wat is er gedaan?"), choices=TakedownOutcome.choices,
                                widget=forms.RadioSelect)
    note = forms.CharField(label=_("Notitie"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Bijvoorbeeld: foto uit het album gehaald"))
