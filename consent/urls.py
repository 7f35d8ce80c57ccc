from django.urls import path

from . import views

app_name = "consent"

urlpatterns = [
    path("", views.index, name="index"),
    path("kind/<int:pk>/", views.child_form, name="child"),
    path("mijn-keuzes/", views.staff_form, name="staff"),
    path("bevestiging/<uuid:submission>/", views.receipt, name="receipt"),
    path("bevestiging/<uuid:submission>/pdf/", views.receipt_pdf, name="receipt_pdf"),
    path("leerling/<int:pk>/", views.pupil_ledger, name="pupil"),
    path("leerling/<int:pk>/export.csv", views.pupil_export, name="pupil_export"),
    path("leerling/<int:pk>/export.pdf", views.pupil_export_pdf, name="pupil_export_pdf"),
    path("leerling/<int:pk>/formulier/", views.office_entry, name="office_entry"),
    path("scan/<int:pk>/", views.scan, name="scan"),
    path("onenigheid/", views.disagreements, name="disagreements"),
    path("groepskaart/", views.groups, name="groups"),
    path("groepskaart/<int:pk>/", views.class_sheet, name="class_sheet"),
    path("groepskaart/<int:pk>/niet-op/<slug:slug>/", views.not_allowed, name="not_allowed"),
    path("groepskaart/<int:pk>/pdf/", views.class_sheet_pdf, name="class_sheet_pdf"),
    path("groepskaart/<int:pk>/csv/", views.class_sheet_csv, name="class_sheet_csv"),
    path("overzicht/", views.overview, name="overview"),
    path("overzicht/herinnering/", views.remind, name="remind"),
    path("doelen/", views.purposes, name="purposes"),
    path("doelen/nieuw/", views.purpose_create, name="purpose_create"),
    path("doelen/<int:pk>/", views.purpose_edit, name="purpose_edit"),
    path("doelen/<int:pk>/stoppen/", views.purpose_retire, name="purpose_retire"),
    path("koppelingen/", views.tokens, name="tokens"),
    path("koppelingen/<int:pk>/intrekken/", views.token_revoke, name="token_revoke"),
]
