"""The case (办件) lifecycle: 前台综合受理、后台分类审批、统一窗口出件, and 好差评 (DOMAIN §3, §8)."""
