"""AppTest helpers for the app's own widget patterns."""


def named(at, key: str):
    """The select box of ui.state.named_select whose value lives in ``key`` (its widget key has a suffix)."""
    return next(s for s in at.selectbox if s.key.startswith(f"{key}__"))
