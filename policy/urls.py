"""Mounted at /protocol/. The signed-PDF feature mounts its own paths (verifieren/,
versies/<pk>/ondertekend.pdf, versies/<pk>/concept.pdf); none of these overlap."""

from django.urls import path

from . import views

app_name = "policy"

urlpatterns = [
    path("", views.current, name="current"),
    path("versies/", views.version_list, name="versions"),
    path("versies/nieuw/", views.draft_start, name="draft_start"),
    path("versies/<int:pk>/", views.version_detail, name="version"),
    path("versies/<int:pk>/bewerken/", views.draft_edit, name="draft_edit"),
    path("versies/<int:pk>/weggooien/", views.draft_discard, name="draft_discard"),
    path("versies/<int:pk>/hoofdstuk-toevoegen/", views.section_add, name="section_add"),
    path("versies/<int:pk>/stap/<slug:step>/", views.step, name="step"),
    path("versies/<int:pk>/herzien/", views.review_record, name="review_record"),
    path("versies/<int:pk>/mr/", views.mr_record, name="mr_record"),
    path("versies/<int:pk>/ouders-informeren/", views.inform_parents, name="inform_parents"),
    path("mr-notulen/<int:pk>/", views.mr_minutes, name="mr_minutes"),
    path("versies/<int:pk>/gelezen/", views.acknowledgement_list, name="acknowledgements"),
    path("versies/<int:pk>/herinnering/", views.acknowledgement_remind, name="acknowledgement_remind"),
    path("hoofdstukken/<int:pk>/", views.section_edit, name="section_edit"),
    path("hoofdstukken/<int:pk>/verwijderen/", views.section_delete, name="section_delete"),
    path("hoofdstukken/<int:pk>/verplaatsen/", views.section_move, name="section_move"),
    path("herzieningen/<int:pk>/bevestigen/", views.review_confirm, name="review_confirm"),
    path("vergelijken/", views.compare, name="compare"),
    path("lezen/", views.acknowledge, name="acknowledge"),
]
