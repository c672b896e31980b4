"""Every question of the bank, by id, and the ones a page offers at its settings."""
from __future__ import annotations

from core.questions import loss, predictions, regions, sigmoid, softmax, trainer
from core.questions.base import Context, Question

BANK: dict[str, Question] = {q.id: q for module in (softmax, sigmoid, loss, regions, trainer, predictions)
                           for q in module.QUESTIONS}


def for_page(page: str, ctx: Context) -> list[Question]:
    """The questions page ``page`` (its URL path) can ask at settings ``ctx``, in the bank's order."""
    return [q for q in BANK.values() if q.page == page and q.fits(ctx)]
