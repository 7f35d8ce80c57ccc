from django.urls import path

from . import pdf_views

# Mounted at /protocol/ before policy.urls.
app_name = "signing"

urlpatterns = [
    path("verifieren/", pdf_views.verify, name="verify"),
    path("versies/<int:pk>/ondertekend.pdf", pdf_views.signed_pdf, name="signed_pdf"),
    path("versies/<int:pk>/concept.pdf", pdf_views.concept_pdf, name="concept_pdf"),
]
