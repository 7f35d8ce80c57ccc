from django.urls import path

from . import views

app_name = "incidents"

urlpatterns = [
    path("", views.incident_list, name="list"),
    path("melden/", views.report, name="report"),
    path("<int:pk>/", views.incident_detail, name="detail"),
    path("<int:pk>/aanvulling/", views.add_note, name="add_note"),
    path("<int:pk>/status/", views.change_status, name="change_status"),
    path("<int:pk>/maatregel/<int:party_pk>/", views.measure_new, name="measure_new"),
    path("bijlage/<int:pk>/", views.attachment, name="attachment"),
    path("maatregel/<int:pk>/", views.measure_detail, name="measure"),
    path("maatregel/<int:pk>/mailen/", views.measure_email, name="measure_email"),
    path("maatregel/<int:pk>/zienswijze/", views.measure_response, name="measure_response"),
    path("maatregel/<int:pk>/besluit/", views.measure_decide, name="measure_decide"),
    path("maatregel/<int:pk>/toelating/", views.measure_acceptance, name="measure_acceptance"),
    path("dossiers/", views.dossiers, name="dossiers"),
    path("dossiers/leerling/<int:pk>/", views.pupil_dossier, name="pupil_dossier"),
    path("dossiers/leerling/<int:pk>/stuk/", views.pupil_dossier_upload, name="pupil_dossier_upload"),
    path("dossiers/medewerker/<int:pk>/", views.staff_dossier, name="staff_dossier"),
    path("dossiers/medewerker/<int:pk>/stuk/", views.staff_dossier_upload, name="staff_dossier_upload"),
    path("dossiers/stuk/<int:pk>/", views.document, name="document"),
    path("categorieen/", views.categories, name="categories"),
    path("categorieen/<int:pk>/", views.category_edit, name="category_edit"),
    path("cijfers/", views.statistics, name="statistics"),
    path("cijfers/export.csv", views.statistics_csv, name="statistics_csv"),
]
