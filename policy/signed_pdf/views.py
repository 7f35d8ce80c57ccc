"""The signed PDF: download (anyone for a published version, bestuur and directie before), the
approval record (bestuur, directie), the stable address of the one in force, the concept
preview (directie), the classroom poster (staff), and the public verification page."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from julianaschool.access import is_staff_member, role_required
from julianaschool.models import Role

from .. import access
from ..access import version_for
from ..models import ProtocolVersion, SignedCopy
from . import poster
from . import render as pdf
from . import services as pdf_services
from .forms import InMemoryLimitedUploadHandler, VerifyForm
from .sign import SigningNotConfigured
from .verify import verify_pdf


def _serve(request, version, *, kind=None, public: bool, inline: bool = False):
    try:
        copy = pdf_services.export_signed_copy(version=version, actor=request.user, kind=kind,
                                               channel="publiek" if public else "download")
    except pdf_services.NotSignable:
        return render(request, "policy/pdf/refused.html", {"version": version}, status=409)
    except SigningNotConfigured:
        return render(request, "policy/pdf/not_configured.html", {"version": version}, status=503)
    response = FileResponse(
        copy.file.open("rb"),
        as_attachment=not inline,
        filename=pdf.filename(copy.version, signed=True, approval_record=copy.kind == SignedCopy.Kind.APPROVAL),
        content_type="application/pdf",
    )
    # A published copy is the same bytes forever and public; anything else a browser may keep,
    # a shared cache may not.
    response["Cache-Control"] = "public, max-age=3600" if public else "private, max-age=3600"
    response["X-Content-SHA256"] = copy.sha256
    return response


@login_not_required
@require_GET
def signed_pdf(request, pk):
    """The signed PDF of a version: of a published one for anyone (the school website links
    here), of an approved one for bestuur and directie only (others: 404 or 403 as for the page)."""
    version = version_for(request.user, pk)
    if version.is_published:
        return _serve(request, version, public=True)
    if not access.sees_unpublished_pdfs(request.user):
        raise PermissionDenied
    return _serve(request, version, public=False)


@require_GET
@role_required(Role.BOARD, Role.MANAGEMENT)
def approval_pdf(request, pk):
    """The copy the board signed at approval: the approval record, kept after publication."""
    version = version_for(request.user, pk)
    if not access.has_approval_record(version):
        raise Http404
    return _serve(request, version, kind=SignedCopy.Kind.APPROVAL, public=False)


@login_not_required
@require_GET
def current_pdf(request):
    """/protocol/actueel.pdf: the signed PDF of the version in force today, for the school website."""
    version = ProtocolVersion.objects.in_force()
    if version is None:
        raise Http404
    response = _serve(request, version, public=True, inline=True)
    # The address stays, what it serves changes the day another version comes into force.
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_GET
def poster_pdf(request, size):
    """The classroom poster from the version in force, A4 or A3: for the school's staff."""
    if not is_staff_member(request.user):
        raise PermissionDenied
    if size not in poster.SIZES:
        raise Http404
    version = ProtocolVersion.objects.in_force()
    if version is None:
        raise Http404
    data = poster.render_poster(version, size=size)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{poster.filename(version, size)}"'
    response["Cache-Control"] = "private, max-age=300"
    return response


@require_GET
@role_required(Role.MANAGEMENT)
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
                return render(request, "policy/pdf/verify.html", {"form": VerifyForm(), "unavailable": True}, status=503)
            form = VerifyForm()
        else:
            status = 400
    else:
        form = VerifyForm()
    return render(request, "policy/pdf/verify.html", {"form": form, "result": result}, status=status)
