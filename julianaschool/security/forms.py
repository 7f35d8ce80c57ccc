"""Forms of the two-step verification and lock-out pages."""

from django import forms
from django.utils.translation import gettext_lazy


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code uit de app"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        help_text=gettext_lazy("Zes cijfers; de code verandert elke 30 seconden."),
    )


class UnlockForm(forms.Form):
    kind = forms.ChoiceField(choices=[("username", "username"), ("ip", "ip")])
    value = forms.CharField(max_length=255)
