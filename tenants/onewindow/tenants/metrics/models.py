"""The county's own targets for the province's metrics (policy pack ``metric_targets``)."""

from __future__ import annotations

from django.db import models

from onewindow.tenants.hall.models import ConfigEntity


class MetricTarget(ConfigEntity):
    """本县目标 for one metric of the catalog (``code`` is the metric's code). A rate's target
    is a percentage (85 for 全程网办率 85%)."""

    target = models.FloatField()
    note = models.CharField(max_length=200, blank=True)

    class Meta(ConfigEntity.Meta):
        verbose_name = "对标目标"
