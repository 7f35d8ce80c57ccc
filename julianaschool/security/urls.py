from django.urls import path

from . import views

app_name = "security"

urlpatterns = [
    path("tweestaps/", views.otp_setup, name="otp_setup"),
    path("tweestaps/controle/", views.otp_verify, name="otp_verify"),
    path("tweestaps/uitzetten/", views.otp_remove, name="otp_remove"),
    path("blokkades/", views.lock_list, name="locks"),
    path("blokkades/opheffen/", views.lock_release, name="unlock"),
]
