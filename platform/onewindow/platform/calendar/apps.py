from django.apps import AppConfig


class NationalCalendarConfig(AppConfig):
    name = "onewindow.platform.calendar"
    label = "national_calendar"
    verbose_name = "全国节假日安排"
