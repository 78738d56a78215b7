"""Printed documents: HTML templates rendered to PDF with the CJK font embedded, QR codes, and
the county's settings for what every document carries (contact phone, seal, delivery)."""
