"""Scoring rule sets and periodic assessment (考核): versioned rules, incidents, periods, ranking."""
