"""String catalogue: every text a user sees, in English and Korean.

Strings live in ``core/text/strings/<page>.py`` modules, each with an ``EN`` and a ``KO`` dict, so each page
owns its texts. Keys are dotted (``softmax.title``). A lookup of an unknown key returns a visible
``⟦key⟧`` marker instead of crashing a lesson, and is recorded in ``MISSING`` so tests can fail on it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from core.text.strings import (board, classroom, common, data, home, lesson, loss, own_image, predictions,
                               questions, questions_explorers, questions_training, regions, sigmoid, softmax,
                               trainer, training)

LANGUAGES: dict[str, str] = {"en": "English", "ko": "한국어"}
DEFAULT_LANG = "en"

_MODULES = (common, home, softmax, sigmoid, loss, regions, data, training, trainer, predictions, board,
            own_image, classroom, lesson, questions, questions_explorers, questions_training)


def _merge() -> dict[str, dict[str, str]]:
    cat: dict[str, dict[str, str]] = {"en": {}, "ko": {}}
    for mod in _MODULES:
        for lang, table in (("en", mod.EN), ("ko", mod.KO)):
            clash = cat[lang].keys() & table.keys()
            if clash:
                raise ValueError(f"{mod.__name__} redefines keys {sorted(clash)}")
            cat[lang].update(table)
    return cat


CATALOGUE = _merge()
MISSING: set[tuple[str, str]] = set()


def normalize_lang(lang: object) -> str:
    """Return ``lang`` if it is a supported language code, else the default (for URL values)."""
    return lang if isinstance(lang, str) and lang in LANGUAGES else DEFAULT_LANG


def t(key: str, lang: str, **fmt: object) -> str:
    """Translate ``key`` into ``lang``, filling ``{placeholders}`` from ``fmt``."""
    text = CATALOGUE.get(normalize_lang(lang), {}).get(key)
    if text is None:
        MISSING.add((lang, key))
        return f"⟦{key}⟧"
    return text.format(**fmt) if fmt else text


@dataclass(frozen=True)
class Message:
    """A user-facing text as an i18n key plus its format parameters; ``str()`` gives the English.

    A parameter may itself be a Message (rendered in the same language) or a list of them (rendered as
    a Markdown bullet list), so a message can carry the problems it sums up.
    """
    key: str
    params: dict = field(default_factory=dict)

    def text(self, lang: str) -> str:
        """The message in ``lang``."""
        return t(self.key, lang, **{k: _localize(v, lang) for k, v in self.params.items()})

    def __str__(self) -> str:
        return self.text("en")


class MessageError(Exception):
    """An error whose message is for the student: an i18n :class:`Message` (a key plus parameters).

    ``text(lang)`` gives it in the page's language, ``str()`` in English (for logs). Each kind of
    problem subclasses it, so a page catches the one it expects and a caller may catch them all.
    """

    def __init__(self, key: str, **params):
        self.message = Message(key, params)
        super().__init__(str(self.message))

    def text(self, lang: str) -> str:
        """The message in ``lang``."""
        return self.message.text(lang)


def _localize(value: object, lang: str) -> object:
    if isinstance(value, Message):
        return value.text(lang)
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, Message) for v in value):
        return "\n".join(f"- {v.text(lang)}" for v in value)
    return value


# Fashion-MNIST labels 0–9; Korean as printed in the textbook.
FASHION_CLASSES = {
    "en": ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
           "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"],
    "ko": ["티셔츠/윗도리", "바지", "스웨터", "드레스", "코트",
           "샌들", "셔츠", "스니커즈", "가방", "앵클부츠"],
}


def class_names(lang: str) -> list[str]:
    """Fashion-MNIST class names 0–9 in ``lang``."""
    return list(FASHION_CLASSES[normalize_lang(lang)])
