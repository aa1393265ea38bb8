"""The facility portal at /portal/: where facility staff submit entries for their own facility."""

from django.urls import path

from gallery.portal import tus, views

app_name = "portal"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("contests/<int:contest_pk>/new/", views.entry_create, name="entry_create"),
    path("entries/<int:pk>/", views.entry_detail, name="entry"),
    path("entries/<int:pk>/images/", views.image_add, name="image_add"),
    path("entries/<int:pk>/uploads/", tus.create, name="upload_create"),
    path("uploads/<uuid:token>/", tus.session, name="upload"),
    path("entries/<int:pk>/images/<int:image_pk>/move/", views.image_move, name="image_move"),
    path("entries/<int:pk>/images/<int:image_pk>/delete/", views.image_delete, name="image_delete"),
    path("entries/<int:pk>/submit/", views.entry_submit, name="entry_submit"),
    path("entries/<int:pk>/receipt/", views.entry_receipt, name="entry_receipt"),
    path("entries/<int:pk>/withdraw/", views.entry_withdraw, name="entry_withdraw"),
    path("entries/<int:pk>/delete/", views.entry_delete, name="entry_delete"),
    path("entries/<int:pk>/certificate/", views.entry_certificate, name="entry_certificate"),
    path("entries/<int:pk>/withdraw-consent/", views.entry_withdraw_consent, name="entry_withdraw_consent"),
    path("entries/<int:pk>/consent-form/", views.consent_form, name="consent_form"),
    path("images/<int:pk>/thumbnail/", views.image_thumbnail, name="image_thumbnail"),
    path("images/<int:pk>/original/", views.image_original, name="image_original"),
]
