from django.urls import path

from . import views

# Mounted at /protocol/ before policy.urls.
app_name = "signing"

urlpatterns = [
    path("verifieren/", views.verify, name="verify"),
    path("versies/<int:pk>/ondertekend.pdf", views.signed_pdf, name="signed_pdf"),
    path("versies/<int:pk>/concept.pdf", views.concept_pdf, name="concept_pdf"),
    path("versies/<int:pk>/goedkeuring.pdf", views.approval_pdf, name="approval_pdf"),
    path("actueel.pdf", views.current_pdf, name="current_pdf"),
    path("poster-<slug:size>.pdf", views.poster_pdf, name="poster_pdf"),
]
