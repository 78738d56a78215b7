"""领导驾驶舱 (the county leader's dashboard): read-only figures across the county's domains.

No models, no writes, no app of its own: ``selectors.py`` aggregates cases, 好差评, 办不成事,
差评 work orders and the latest posted ranking in SQL, a fixed number of statements whatever
the number of cases. It sits above the domains it reads; nobody imports it but the API.
"""
