from django.apps import AppConfig


class WorkOrdersConfig(AppConfig):
    name = "onewindow.tenants.workorders"
    label = "workorders"
    verbose_name = "差评整改工单"

    def ready(self) -> None:
        # imported here: registering reads models, which exist only once apps are loaded
        from onewindow.tenants.events import subscribe
        from onewindow.tenants.reviews.events import BAD_REVIEW
        from onewindow.tenants.workorders.services import on_bad_review
        from onewindow.tenants.workorders.subjects import register

        register()
        subscribe(BAD_REVIEW, on_bad_review)
