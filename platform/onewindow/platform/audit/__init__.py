"""The platform's own audit trail (public schema): onboarding, memberships, tokens, calendars."""
