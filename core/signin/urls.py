from django.urls import path

from core.signin import views

urlpatterns = [
    path("two-factor/", views.setup, name="two_factor_setup"),
    path("two-factor/code/", views.verify, name="two_factor_verify"),
    path("two-factor/recovery-codes/", views.recovery_codes, name="two_factor_recovery_codes"),
]
