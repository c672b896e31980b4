"""Per-page string tables (``EN`` and ``KO`` dicts) merged by :mod:`core.text.i18n`."""
