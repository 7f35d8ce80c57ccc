"""The one upload check: size limit and real file type by content, not by name."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from julianaschool.uploads import UploadValidator, detect_type, validate_upload

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 40
GIF = b"GIF89a" + b"\x00" * 40
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 40


@pytest.mark.parametrize("content,kind", [(PDF, "application/pdf"), (PNG, "image/png"), (JPEG, "image/jpeg"),
                                          (GIF, "image/gif"), (WEBP, "image/webp")])
def test_scans_and_photos_are_accepted(content, kind):
    upload = SimpleUploadedFile("formulier", content, content_type="application/octet-stream")
    validate_upload(upload)
    assert detect_type(upload) == kind
    assert upload.read() == content  # the check leaves the file at its start for saving


@pytest.mark.parametrize("name,content", [
    ("scan.pdf", b"<script>alert(1)</script>"),
    ("scan.pdf", b"MZ\x90\x00 an executable"),
    ("foto.jpg", b"<?php system($_GET['c']); ?>"),
    ("brief.pdf", b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"),
    ("formulier.docx", b"PK\x03\x04 a zip file"),
])
def test_a_file_whose_content_is_not_an_allowed_type_is_refused_whatever_its_name(name, content):
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        validate_upload(upload)
    assert "PDF, PNG, JPG, GIF, WEBP" in error.value.messages[0]


def test_a_file_over_the_limit_is_refused_with_the_limit_named(settings):
    settings.MAX_UPLOAD_BYTES = 1024
    upload = SimpleUploadedFile("scan.pdf", PDF + b"0" * 2000)
    with pytest.raises(ValidationError) as error:
        validate_upload(upload)
    assert "te groot" in error.value.messages[0] and "1,0" in error.value.messages[0]


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError):
        validate_upload(SimpleUploadedFile("scan.pdf", b""))


def test_a_field_can_narrow_the_types_to_pdf_only():
    only_pdf = UploadValidator(allowed=["application/pdf"])
    only_pdf(SimpleUploadedFile("a.pdf", PDF))
    with pytest.raises(ValidationError):
        only_pdf(SimpleUploadedFile("a.png", PNG))


def test_a_form_with_the_validator_names_the_field_in_its_error():
    class ScanForm(forms.Form):
        scan = forms.FileField(label="Scan van het formulier", validators=[validate_upload])

    form = ScanForm(data={}, files={"scan": SimpleUploadedFile("scan.pdf", b"not a pdf")})
    assert not form.is_valid()
    assert "Dit soort bestand" in form.errors["scan"][0]
