from django.urls import path

from . import pdf_views

# Mounted at /protocol/ before policy.urls.
app_name = "signing"

urlpatterns = [
    path("verifieren/", pdf_views.verify, name="verify"),
    path("versies/<int:pk>/ondertekend.pdf", pdf_views.signed_pdf, name="signed_pdf"),
    path("versies/<int:pk>/concept.pdf", pdf_views.concept_pdf, name="concept_pdf"),
    path("versies/<int:pk>/goedkeuring.pdf", pdf_views.approval_pdf, name="approval_pdf"),
    path("actueel.pdf", pdf_views.current_pdf, name="current_pdf"),
    path("poster-<slug:size>.pdf", pdf_views.poster_pdf, name="poster_pdf"),
]
