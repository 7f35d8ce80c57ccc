"""The incidents app's choices: severity, place and platform, status, the parties' roles and kinds,
timeline entries, measures on the two ladders and their status, dossier documents. Member names
in English, labels in Dutch through gettext."""


from django.db import models
from django.utils.translation import gettext_lazy as _


class Severity(models.TextChoices):
    MINOR = "licht", _("licht")
    MODERATE = "middel", _("middel")
    SERIOUS = "ernstig", _("ernstig")


class Place(models.TextChoices):
    CLASSROOM = "klas", _("in de klas")
    PLAYGROUND = "schoolplein", _("schoolplein")
    GYM = "gymzaal", _("gymzaal")
    ONLINE = "online", _("online")
    ELSEWHERE = "elders", _("elders")


class Platform(models.TextChoices):
    WHATSAPP = "whatsapp", "WhatsApp"
    INSTAGRAM = "instagram", "Instagram"
    TIKTOK = "tiktok", "TikTok"
    SNAPCHAT = "snapchat", "Snapchat"
    PARRO = "parro", "Parro"
    CLASS_CHAT = "klassenchat", _("klassenchat")
    OTHER = "anders", _("anders")


class Status(models.TextChoices):
    REPORTED = "gemeld", _("gemeld")
    IN_PROGRESS = "in_behandeling", _("in behandeling")
    RESOLVED = "afgehandeld", _("afgehandeld")


class PartyRole(models.TextChoices):
    PERPETRATOR = "dader", _("dader")
    VICTIM = "slachtoffer", _("slachtoffer")
    WITNESS = "getuige", _("getuige")
    REPORTER = "melder", _("melder")


class PartyKind(models.TextChoices):
    PUPIL = "leerling", _("leerling")
    GUARDIAN = "ouder", _("ouder/verzorger")
    STAFF = "medewerker", _("medewerker")
    OUTSIDER = "extern", _("iemand van buiten school")


class EntryKind(models.TextChoices):
    NOTE = "notitie", _("notitie")
    STATUS = "status", _("statuswijziging")
    MEASURE = "maatregel", _("maatregel")
    LETTER = "brief", _("brief")


class MeasureKind(models.TextChoices):
    WARNING = "waarschuwing", _("waarschuwing")
    WRITTEN_REPRIMAND = "schriftelijke_berisping", _("schriftelijke berisping")
    SUSPENSION = "schorsing", _("schorsing")
    DISMISSAL = "ontslag", _("ontslag")
    SUMMARY_DISMISSAL = "ontslag_op_staande_voet", _("ontslag op staande voet")
    EXPULSION = "verwijdering", _("verwijdering")
    POLICE_REPORT = "aangifte", _("aangifte bij de politie")
    INSPECTOR_REPORT = "melding_vertrouwensinspecteur", _("melding bij de vertrouwensinspecteur")


# The ladders these measures form are defined once, in incidents/ladders.py.


class MeasureStatus(models.TextChoices):
    INTENDED = "voorgenomen", _("voorgenomen")
    RESPONSE_RECEIVED = "zienswijze", _("zienswijze ontvangen")
    DECIDED = "besloten", _("besloten")
    FINAL = "definitief", _("definitief")


class DocumentKind(models.TextChoices):
    LETTER = "brief", _("brief")
    CORRESPONDENCE = "correspondentie", _("correspondentie")
