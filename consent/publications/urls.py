from django.urls import path

from . import views

app_name = "publications"

urlpatterns = [
    path("", views.check, name="check"),
    path("mijn/", views.mine, name="mine"),
    path("<int:pk>/", views.publication, name="publication"),
    path("verwijdertaak/<int:pk>/", views.takedown, name="takedown"),
    path("overzicht/", views.overview, name="overview"),
    path("overzicht.csv", views.overview_csv, name="overview_csv"),
]
