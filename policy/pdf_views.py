"""The signed PDF: download (bestuur, directie), the concept preview (directie), and the public
verification page."""

from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from julianaschool.access import role_required
from julianaschool.models import Role

from . import pdf, pdf_services
from .access import version_for
from .pdf_forms import InMemoryLimitedUploadHandler, VerifyForm
from .signing import SigningNotConfigured
from .verification import verify_pdf


@require_GET
@role_required(Role.BESTUUR, Role.DIRECTIE)
def signed_pdf(request, pk):
    version = version_for(request.user, pk)
    try:
        copy = pdf_services.export_signed_copy(version=version, actor=request.user)
    except pdf_services.NotSignable:
        return render(request, "pdf/refused.html", {"version": version}, status=409)
    except SigningNotConfigured:
        return render(request, "pdf/not_configured.html", {"version": version}, status=503)
    response = FileResponse(
        copy.file.open("rb"),
        as_attachment=True,
        filename=pdf.filename(copy.version, signed=True),
        content_type="application/pdf",
    )
    # The same bytes forever: a browser may keep them, a shared cache may not.
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-SHA256"] = copy.sha256
    return response


@require_GET
@role_required(Role.DIRECTIE)
def concept_pdf(request, pk):
    version = version_for(request.user, pk)
    data = pdf.render_version(version, draft=True).data
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{pdf.filename(version, signed=False)}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_not_required
@csrf_exempt
@require_http_methods(["GET", "POST"])
def verify(request):
    # The upload handler must be in place before anything reads the request body, so the CSRF
    # check (which reads it) runs in the inner view, after this.
    handler = InMemoryLimitedUploadHandler(request)
    request.upload_handlers = [handler]
    return _verify(request, handler)


@csrf_protect
def _verify(request, handler):
    result = None
    status = 200
    if request.method == "POST":
        form = VerifyForm(request.POST, request.FILES, too_large=handler.too_large)
        if form.is_valid():
            try:
                result = verify_pdf(form.cleaned_data["document"])
            except SigningNotConfigured:
                return render(request, "policy/verify.html", {"form": VerifyForm(), "unavailable": True}, status=503)
            form = VerifyForm()
        else:
            status = 400
    else:
        form = VerifyForm()
    return render(request, "policy/verify.html", {"form": form, "result": result}, status=status)
