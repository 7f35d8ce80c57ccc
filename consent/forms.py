from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from julianaschool.params import ModelMultipleIdField, parse_id

from .models import Language, Method, Purpose, TokenScope, active_language, stale_message

YES, NO = "ja", "nee"


class ChoicesForm(forms.Form):
    """One explicit ja/nee per purpose. Nothing is ticked unless there is an answer already."""

    def __init__(self, *args, purposes: list[Purpose], current: dict[int, bool] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.purposes = purposes
        current = current or {}
        for purpose in purposes:
            initial = (YES if current[purpose.pk] else NO) if purpose.pk in current else None
            self.fields[f"doel_{purpose.pk}"] = forms.ChoiceField(
                label=purpose.local_name,
                choices=[(YES, _("Ja, dat mag")), (NO, _("Nee, liever niet"))],
                widget=forms.RadioSelect,
                required=False,
                initial=initial,
            )

    def rows(self):
        """(purpose, bound field) pairs for the template."""
        return [(purpose, self[f"doel_{purpose.pk}"]) for purpose in self.purposes]

    def choices(self) -> dict[int, bool]:
        """{purpose id: given} for every question that was answered."""
        result = {}
        for purpose in self.purposes:
            value = self.cleaned_data.get(f"doel_{purpose.pk}")
            if value in (YES, NO):
                result[purpose.pk] = value == YES
        return result

    # Each question's page carries the version of the text it showed (`versie_<id>`, rendered from
    # the purpose by the template, never from what was posted), so that an answer is recorded
    # against the words that were read, and an answer to words since changed in substance is refused.

    def shown_versions(self) -> dict[int, int | None]:
        """{purpose id: version number the page showed} for every answered question (None: none sent)."""
        return {pk: parse_id(self.data.get(f"versie_{pk}", "")) for pk in self.choices()}

    def shown_languages(self) -> dict[int, str]:
        """{purpose id: language the page showed its text in} (`taal_<id>`, rendered with the
        version). A page that sent none, or something else, is taken as the reader's language now."""
        fallback = active_language()
        return {pk: (value if value in Language.values else fallback)
                for pk in self.choices() for value in [self.data.get(f"taal_{pk}", "")]}

    def clean(self):
        data = super().clean()
        stale = [p for p in self.purposes if p.pk in self.choices()
                 and not p.accepts_answer_on(self.shown_versions()[p.pk])]
        if stale:
            self.data = self.data.copy()
            for purpose in stale:
                # Shown again with the new text and no answer ticked: the old tick was for other words.
                self.data.pop(f"doel_{purpose.pk}", None)
                self.add_error(f"doel_{purpose.pk}", _("De uitleg hieronder is veranderd. Lees hem en kies opnieuw."))
            raise forms.ValidationError(stale_message(stale), code="stale")
        return data



class OfficeEntryForm(ChoicesForm):
    """The office enters a paper form (with its scan) or a phone call (with a note)."""

    def __init__(self, *args, guardians, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["guardian"] = forms.ModelChoiceField(
            label=_("Namens"), queryset=guardians, required=False,
            empty_label=_("beide ouders/verzorgers samen (of onbekend)"),
            help_text=_("Wie heeft het formulier ondertekend of gebeld?"),
        )
        self.fields["method"] = forms.ChoiceField(
            label=_("Manier"), choices=[(Method.PAPER, Method.PAPER.label), (Method.PHONE, Method.PHONE.label)],
            widget=forms.RadioSelect, initial=Method.PAPER,
        )
        self.fields["scan"] = forms.FileField(
            label=_("Scan van het formulier"), required=False,
            help_text=_("PDF, JPEG of PNG, hoogstens %(mb)s MB. Verplicht bij een papieren formulier.")
            % {"mb": settings.MAX_UPLOAD_BYTES // (1024 * 1024)},
            widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
        )
        self.fields["note"] = forms.CharField(
            label=_("Notitie"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
            help_text=_("Verplicht bij telefoon: wie belde er, en wanneer?"),
        )

    def clean(self):
        data = super().clean()
        if data.get("method") == Method.PAPER and not data.get("scan"):
            self.add_error("scan", _("Voeg de scan van het papieren formulier toe."))
        if data.get("method") == Method.PHONE and not (data.get("note") or "").strip():
            self.add_error("note", _("Schrijf op wie er belde en wanneer."))
        scan = data.get("scan")
        if scan and scan.size > settings.MAX_UPLOAD_BYTES:
            self.add_error("scan", _("Het bestand is te groot (hoogstens %(mb)s MB).")
                           % {"mb": settings.MAX_UPLOAD_BYTES // (1024 * 1024)})
        if not self.errors and not self.choices():
            raise forms.ValidationError(_("Vul ten minste één antwoord in."))
        return data


class PurposeForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=100)
    name_en = forms.CharField(label=_("Naam in het Engels"), max_length=100,
                              error_messages={"required": _("Naam in het Engels: vul de Engelse naam in.")})
    slug = forms.SlugField(label=_("Code voor koppelingen"), max_length=40,
                           help_text=_("Kleine letters en streepjes, bijvoorbeeld website"))
    explanation = forms.CharField(label=_("Uitleg voor ouders"), widget=forms.Textarea(attrs={"rows": 5}),
                                  help_text=_("In gewone taal: wat komt waar te staan, en wie kan het zien?"))
    explanation_en = forms.CharField(
        label=_("Uitleg voor ouders in het Engels"), widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Dezelfde uitleg in het Engels: ouders die Engels lezen, beslissen op deze tekst."),
        error_messages={"required": _("Uitleg in het Engels: vul de Engelse uitleg in, ouders beslissen erop.")})
    staff_explanation = forms.CharField(
        label=_("Uitleg voor medewerkers"), widget=forms.Textarea(attrs={"rows": 4}), required=False,
        help_text=_("Voor medewerkers over opnamen van henzelf. Leeg laten als de uitleg voor ouders ook "
                    "voor medewerkers klopt."))
    staff_explanation_en = forms.CharField(
        label=_("Uitleg voor medewerkers in het Engels"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    covers_photo = forms.BooleanField(label=_("Foto's"), required=False)
    covers_film = forms.BooleanField(label=_("Film"), required=False)
    covers_sound = forms.BooleanField(label=_("Geluid"), required=False)
    is_public = forms.BooleanField(label=_("Openbaar (ook te zien voor mensen buiten de school)"), required=False)
    # The column is a PositiveSmallIntegerField: a larger number is a form error, not a database one.
    position = forms.IntegerField(label=_("Volgorde"), min_value=0, max_value=32767, initial=100)

    def __init__(self, *args, purpose: Purpose | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.purpose = purpose
        if purpose is not None:
            # The code is how integrations name the channel: it does not change.
            del self.fields["slug"]
            self.fields["substantive"] = forms.BooleanField(
                label=_("Inhoudelijke wijziging: alle ouders en medewerkers opnieuw vragen"), required=False,
                help_text=_("Vink aan als de betekenis verandert. Een taalcorrectie is geen inhoudelijke wijziging. "
                            "Meer media of openbaar maken telt altijd als inhoudelijk."),
            )

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if Purpose.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("Deze code is al in gebruik."))
        return slug

    def clean(self):
        data = super().clean()
        staff_nl, staff_en = (data.get("staff_explanation") or "").strip(), (data.get("staff_explanation_en") or "").strip()
        if staff_nl and not staff_en:
            self.add_error("staff_explanation_en", _("Uitleg voor medewerkers in het Engels: vul ook de Engelse tekst in."))
        if staff_en and not staff_nl:
            self.add_error("staff_explanation", _("Uitleg voor medewerkers: vul ook de Nederlandse tekst in."))
        if not (data.get("covers_photo") or data.get("covers_film") or data.get("covers_sound")):
            raise forms.ValidationError(_("Kies ten minste één soort opname: foto's, film of geluid."))
        return data


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Naam van de koppeling"), max_length=100,
                           help_text=_("Bijvoorbeeld: schoolwebsite, nieuwsbrief"))
    purposes = ModelMultipleIdField(
        label=_("Kanalen"), queryset=Purpose.objects.active(), widget=forms.CheckboxSelectMultiple,
        help_text=_("De koppeling mag alleen naar deze kanalen vragen."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("Rechten"), choices=TokenScope.choices, initial=[TokenScope.READ], widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Lezen: toestemming en open verwijdertaken opvragen. Publiceren: publicaties registreren "
                    "en verwijdertaken afmelden."),
    )

    def clean_scopes(self):
        # Nothing ticked: the old behaviour, a read-only token.
        return self.cleaned_data["scopes"] or [TokenScope.READ.value]
