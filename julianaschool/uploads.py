"""One check for every file the portal accepts (paper consent forms, incident attachments).

A file is accepted when it is not larger than settings.MAX_UPLOAD_BYTES and its first bytes are
those of a PDF, PNG, JPEG, GIF or WebP file. The name and the browser's content type are not
trusted: a script renamed to scan.pdf is refused. Use it on a model or form field:

    scan = models.FileField(upload_to=..., validators=[validate_upload])
    scan = forms.FileField(validators=[validate_upload])

or call `validate_upload(file)` yourself; `detect_type(file)` tells which kind it is.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

# (content type, extension, test on the first bytes)
_SIGNATURES = [
    ("application/pdf", "pdf", lambda head: head.startswith(b"%PDF-")),
    ("image/png", "png", lambda head: head.startswith(b"\x89PNG\r\n\x1a\n")),
    ("image/jpeg", "jpg", lambda head: head.startswith(b"\xff\xd8\xff")),
    ("image/gif", "gif", lambda head: head[:6] in (b"GIF87a", b"GIF89a")),
    ("image/webp", "webp", lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP"),
]
ALLOWED_TYPES = [content_type for content_type, _ext, _test in _SIGNATURES]


def _head(file, size: int = 16) -> bytes:
    position = file.tell() if hasattr(file, "tell") else None
    try:
        file.seek(0)
        return file.read(size) or b""
    finally:
        if position is not None:
            file.seek(position)


def detect_type(file) -> str | None:
    """The content type the file's first bytes show (one of ALLOWED_TYPES), or None."""
    head = _head(file)
    for content_type, _ext, test in _SIGNATURES:
        if test(head):
            return content_type
    return None


@deconstructible
class UploadValidator:
    """Size and type check; `allowed` narrows the types (e.g. only PDF)."""

    def __init__(self, allowed: list[str] | tuple[str, ...] | None = None, max_bytes: int | None = None):
        self.allowed = list(allowed) if allowed else None
        self.max_bytes = max_bytes

    def __call__(self, file):
        limit = self.max_bytes or settings.MAX_UPLOAD_BYTES
        size = getattr(file, "size", None)
        if size is None:
            raise ValidationError(_("Het bestand kon niet worden gelezen."), code="unreadable")
        if size == 0:
            raise ValidationError(_("Het bestand is leeg."), code="empty")
        if size > limit:
            raise ValidationError(
                _("Het bestand is te groot (%(size)s). Het mag hoogstens %(limit)s zijn.")
                % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
                code="too_large",
            )
        kind = detect_type(file)
        allowed = self.allowed or ALLOWED_TYPES
        if kind is None or kind not in allowed:
            names = ", ".join(ext.upper() for ct, ext, _t in _SIGNATURES if ct in allowed)
            raise ValidationError(
                _("Dit soort bestand kunnen wij niet aannemen. Upload een %(types)s-bestand.") % {"types": names},
                code="file_type",
            )

    def __eq__(self, other):
        return isinstance(other, UploadValidator) and (self.allowed, self.max_bytes) == (other.allowed, other.max_bytes)


validate_upload = UploadValidator()
