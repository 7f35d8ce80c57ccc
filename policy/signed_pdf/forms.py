"""The public verification form, and the upload handler that keeps its file in memory only."""

import io

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .verify import looks_like_pdf


def max_bytes() -> int:
    return settings.MAX_UPLOAD_BYTES


class InMemoryLimitedUploadHandler(FileUploadHandler):
    """Holds an uploaded file in memory and never writes it to disk (nothing uploaded for
    verification is kept), and stops reading once it passes the size limit."""

    def __init__(self, request=None):
        super().__init__(request)
        self.limit = max_bytes()
        self.too_large = False

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        # The whole request is larger than the limit allows: refuse before reading the file.
        self.too_large = content_length > self.limit + 64 * 1024

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.buffer = io.BytesIO()
        if self.too_large:
            raise StopUpload(connection_reset=False)

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.limit:
            self.too_large = True
            raise StopUpload(connection_reset=False)
        self.buffer.write(raw_data)

    def file_complete(self, file_size):
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )


class VerifyForm(forms.Form):
    document = forms.FileField(
        label=_("PDF-bestand"),
        help_text=_("Het bestand wordt alleen gecontroleerd en niet bewaard."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def __init__(self, *args, too_large: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.too_large = too_large

    def clean_document(self):
        upload = self.cleaned_data["document"]
        if upload.size > max_bytes():
            raise forms.ValidationError(self._too_large_message())
        data = upload.read()
        if not looks_like_pdf(data):
            raise forms.ValidationError(
                _("PDF-bestand: dit is geen PDF-bestand. Kies het PDF-bestand van het protocol dat u wilt controleren.")
            )
        return data

    def clean(self):
        if self.too_large:
            # The handler stopped reading: the field looks empty, but the real reason is the size.
            self.errors.pop("document", None)
            self.add_error("document", self._too_large_message())
        return super().clean()

    def _too_large_message(self):
        return _("PDF-bestand: dit bestand is te groot. Het mag hoogstens %(size)s zijn.") % {
            "size": filesizeformat(max_bytes())
        }
