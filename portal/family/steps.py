"""The steps are defined once, in `portal.family_steps`, so the staff pages can read them
back too; this name stays for callers that still import it from here."""

from portal.family_steps import BY_SLUG as BY_SLUG, STEPS as STEPS, next_slug as next_slug

__all__ = ["BY_SLUG", "STEPS", "next_slug"]
