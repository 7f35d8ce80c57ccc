from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from . import mail, services
from .dates import DateRangeField


class RedeemCodeForm(forms.Form):
    """A koppelcode, and for a new parent the account to create with it."""

    code = forms.CharField(label=_("Koppelcode"), max_length=20, help_text=_("De code uit de e-mail van school, bijvoorbeeld ABCD-EF2345."))
    username = forms.CharField(label=_("Kies een gebruikersnaam"), max_length=150, required=False)
    password1 = forms.CharField(label=_("Kies een wachtwoord"), widget=forms.PasswordInput, required=False,
                                help_text=_("Minstens 10 tekens, niet alleen cijfers."))
    password2 = forms.CharField(label=_("Herhaal het wachtwoord"), widget=forms.PasswordInput, required=False)

    def __init__(self, *args, existing_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.existing_user = existing_user
        if existing_user is not None:
            for name in ("username", "password1", "password2"):
                del self.fields[name]

    def clean_code(self):
        code = self.cleaned_data["code"]
        services.check_link_code(code)
        return code

    def clean(self):
        data = super().clean()
        if self.existing_user is None:
            if not data.get("username"):
                self.add_error("username", _("Vul een gebruikersnaam in."))
            if not data.get("password1"):
                self.add_error("password1", _("Vul een wachtwoord in."))
            elif data.get("password1") != data.get("password2"):
                self.add_error("password2", _("De twee wachtwoorden zijn niet gelijk."))
            else:
                try:
                    password_validation.validate_password(data["password1"])
                except ValidationError as error:
                    self.add_error("password1", error)
        return data


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=_("CSV-bestand"), help_text=_("Eén regel per leerling; zie het voorbeeldbestand voor de kolommen."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 2 * 1024 * 1024:
            raise ValidationError(_("Het bestand is groter dan 2 MB."))
        name = upload.name.lower()
        if not name.endswith((".csv", ".txt")):
            raise ValidationError(_("Kies een CSV-bestand (.csv)."))
        data = upload.read()
        if b"\x00" in data:
            raise ValidationError(_("Dit is geen CSV-bestand (het bevat binaire gegevens)."))
        return data


class LeaveForm(forms.Form):
    # The service narrows this to the pupil's own bounds (services.leave_date_bounds).
    left_on = DateRangeField(label=_("Uitgeschreven op"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, earliest=None, latest=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The browser's date picker offers only dates the service accepts (services.leave_date_bounds).
        if earliest and latest:
            self.fields["left_on"].widget.attrs.update({"min": earliest.isoformat(), "max": latest.isoformat()})


class PortalPasswordResetForm(PasswordResetForm):
    """Django's password-reset form, with its mail sent like every other mail (julianaschool.mail)."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None):
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        mail.password_reset(to=to_email, subject=subject, body=render_to_string(email_template_name, context))


class StaffMemberForm(forms.Form):
    """A staff member's details and roles (julianaschool.staff_services checks who may give directie)."""

    first_name = forms.CharField(label=_("Voornaam"), max_length=100)
    tussenvoegsel = forms.CharField(label=_("Tussenvoegsel"), max_length=30, required=False,
                                    help_text=_("Bijvoorbeeld van der, de of van 't"))
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    email = forms.EmailField(label=_("E-mailadres"), max_length=254)
    function = forms.CharField(label=_("Functie"), max_length=100, required=False)
    roles = forms.MultipleChoiceField(label=_("Rollen"), widget=forms.CheckboxSelectMultiple,
                                      help_text=_("Meer dan één rol mag. Alleen de directie geeft of neemt de rol directie."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import Role

        self.fields["roles"].choices = [(str(r), Role(r).label) for r in
                                        (Role.TEACHER, Role.STAFF, Role.OFFICE, Role.MANAGEMENT)]


class EndDateForm(forms.Form):
    left_on = DateRangeField(label=_("Per datum"), widget=forms.DateInput(attrs={"type": "date"}))


class BoardMemberForm(forms.Form):
    first_name = forms.CharField(label=_("Voornaam"), max_length=100)
    tussenvoegsel = forms.CharField(label=_("Tussenvoegsel"), max_length=30, required=False)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    email = forms.EmailField(label=_("E-mailadres"), max_length=254)
    is_chair = forms.BooleanField(label=_("Voorzitter"), required=False,
                                  help_text=_("Het bestuur heeft precies één voorzitter; wie u voorzitter maakt, neemt het over."))


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=20, help_text=_("Bijvoorbeeld 5 of 4/5"))
    year_groups = forms.CharField(label=_("Jaargroepen"), max_length=20, required=False,
                                  help_text=_("Bijvoorbeeld 4,5 voor een combinatiegroep; leeg: volgt uit de naam"))


class AssignTeacherForm(forms.Form):
    teacher = forms.ModelChoiceField(label=_("Leerkracht"), queryset=None)
    role = forms.ChoiceField(label=_("Rol in de groep"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import Role, StaffMember, TeacherRole

        self.fields["teacher"].queryset = (StaffMember.objects.filter(left_on__isnull=True, user__groups__name=Role.TEACHER)
                                           .order_by("sort_name").distinct())
        self.fields["role"].choices = [("", _("(geen)")), *TeacherRole.choices]


class DateForm(forms.Form):
    on = DateRangeField(label=_("Vanaf"), widget=forms.DateInput(attrs={"type": "date"}))


def _born_earliest():
    from .dates import today

    return today().replace(year=today().year - 20)


def _born_latest():
    from .dates import today

    return today().replace(year=today().year - 2)


class PupilForm(forms.Form):
    first_name = forms.CharField(label=_("Roepnaam"), max_length=100)
    tussenvoegsel = forms.CharField(label=_("Tussenvoegsel"), max_length=30, required=False,
                                    help_text=_("Bijvoorbeeld van der, de of van 't"))
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    date_of_birth = DateRangeField(label=_("Geboortedatum"), earliest=_born_earliest, latest=_born_latest,
                                   widget=forms.DateInput(attrs={"type": "date"}))
    student_number = forms.CharField(label=_("Leerlingnummer"), max_length=30, required=False)


class NewPupilForm(PupilForm):
    group = forms.ModelChoiceField(label=_("Groep"), queryset=None)

    def __init__(self, *args, groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups


class MovePupilForm(forms.Form):
    group = forms.ModelChoiceField(label=_("Naar groep"), queryset=None)
    on = forms.DateField(label=_("Vanaf"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups


class GuardianContactForm(forms.Form):
    email = forms.EmailField(label=_("E-mailadres"), max_length=254, required=False)
    phone = forms.CharField(label=_("Telefoon"), max_length=30, required=False)
    street = forms.CharField(label=_("Straat en huisnummer"), max_length=200, required=False)
    postcode = forms.RegexField(label=_("Postcode"), max_length=10, required=False, regex=r"^\s*\d{4}\s?[A-Za-z]{2}\s*$",
                                error_messages={"invalid": _("Postcode: vul een postcode in zoals 1234 AB.")})
    city = forms.CharField(label=_("Woonplaats"), max_length=100, required=False)


class GuardianForm(GuardianContactForm):
    first_name = forms.CharField(label=_("Voornaam"), max_length=100, required=False)
    tussenvoegsel = forms.CharField(label=_("Tussenvoegsel"), max_length=30, required=False)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    link_existing = forms.BooleanField(label=_("Koppel aan de bekende ouder/verzorger met dit e-mailadres"), required=False)
    field_order = ["first_name", "tussenvoegsel", "last_name", "email", "phone", "street", "postcode", "city", "link_existing"]


class RemoveGuardianForm(forms.Form):
    guardian = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    reason = forms.CharField(label=_("Reden"), max_length=300)
