from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "onewindow.tenants.reviews"
    label = "reviews"
    verbose_name = "好差评"
