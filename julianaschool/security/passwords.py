"""The portal's own password rule, beside Django's validators (AUTH_PASSWORD_VALIDATORS)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class DutchPasswordValidator:
    """Refuses what Django's English list of common passwords misses for this school: a password
    that is, apart from digits and punctuation, a common Dutch word or the school's name, or that
    contains the username."""

    WORDS = {
        "wachtwoord", "welkom", "geheim", "juliana", "prinses", "julianaschool", "basisschool", "school",
        "nijmegen", "voetbal", "zomer", "winter", "hallo", "schatje", "liefde", "ajax", "feyenoord",
    }

    def validate(self, password, user=None):
        letters = "".join(ch for ch in password.lower() if ch.isalpha())
        if letters in self.WORDS or any(letters == word * 2 for word in self.WORDS):
            raise ValidationError(_("Dit wachtwoord is te makkelijk te raden. Kies bijvoorbeeld een paar losse woorden achter elkaar."),
                                  code="password_too_common")
        username = (getattr(user, "username", "") or "").lower()
        if user is not None and len(username) >= 4 and username in password.lower():
            raise ValidationError(_("Uw wachtwoord mag uw gebruikersnaam niet bevatten."), code="password_has_username")

    def get_help_text(self):
        return _("Uw wachtwoord mag geen gewoon woord of uw gebruikersnaam zijn.")
