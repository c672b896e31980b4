"""Check every Korean string against the class's vocabulary, docs/GLOSSARY.md (a copy of the study notes' terms).

Two checks per glossary row: a Korean string never uses a variant the glossary rules out, and a Korean
string whose English twin names the idea uses the glossary's word for it.
"""
import re
from pathlib import Path

import pytest

from core.text import i18n

GLOSSARY = Path(__file__).resolve().parents[1] / "docs" / "GLOSSARY.md"


def _rows() -> dict[str, tuple[str, str]]:
    """English idea -> (Korean in the app, the notes' column), read from the glossary's table."""
    rows = {}
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and re.search(r"[\uac00-\ud7a3]", cells[1]):
            rows[cells[0]] = (cells[1], cells[2])
    return rows


ROWS = _rows()
KO, EN = i18n.CATALOGUE["ko"], i18n.CATALOGUE["en"]

# English words that name a glossary row's idea (the row named by its English cell), and the Korean
# word that must then appear. Only rows whose idea English texts name unambiguously are listed.
NAMED = {
    "gradient": (r"\bgradients?\b(?![- ]descent)", "그래디언트"),
    "bias / intercept b": (r"\b(bias|intercept)\b", "절편"),
    "a wrong prediction": (r"\b(wrong (answer|prediction|class)s?|mistakes?|misclassified)\b", "오답"),
    "learning rate": (r"\blearning rate\b", "학습률"),
    "cross-entropy": (r"\bcross[- ]entropy\b", "크로스 엔트로피"),
    "confusion matrix": (r"\bconfusion matrix\b", "오차 행렬"),
    "accuracy": (r"\baccuracy\b", "정확도"),
}


def test_glossary_rows_are_read():
    """Check that the table is parsed (a renamed column would otherwise make every check pass)."""
    assert set(NAMED) <= set(ROWS), sorted(set(NAMED) - set(ROWS))
    assert ROWS["gradient"][0] == "그래디언트"


def _ruled_out() -> dict[str, str]:
    """Variant -> the glossary's word: spellings the notes use less, and words the glossary says never."""
    out = {}
    for app, notes in ROWS.values():
        word = re.match(r"[\uac00-\ud7a3 ]+", app).group().strip()
        for variant in re.findall(r"([\uac00-\ud7a3]+) \(\d+\)", notes):
            if variant not in word and variant not in app.split("(")[0]:
                out[variant] = word
        for variant in re.findall(r"never ([\uac00-\ud7a3]+)", app):
            out[variant] = word
    return out


RULED_OUT = _ruled_out()


def test_ruled_out_variants_are_known():
    """Check that the glossary yields the variants the issue names (그레이디언트, 편향, 실수)."""
    assert {"그레디언트", "그레이디언트", "편향", "실수"} <= set(RULED_OUT)


@pytest.mark.parametrize("variant", sorted(RULED_OUT))
def test_no_korean_string_uses_a_ruled_out_variant(variant):
    """Check that no Korean string uses a variant the glossary rules out.

    편향 may follow 절편 in parentheses ("절편(편향)"), as the glossary allows on a page's first mention.
    """
    pattern = re.compile(re.escape(variant))
    allowed = re.compile(r"절편\s*\(편향\)")
    bad = [k for k, v in KO.items() if pattern.search(allowed.sub("", v))]
    assert bad == [], f"{variant} → {RULED_OUT[variant]}: {bad}"


@pytest.mark.parametrize("row", sorted(NAMED))
def test_korean_uses_the_glossary_word_where_english_names_the_idea(row):
    """Check that a Korean string uses the glossary's word where its English twin names that idea."""
    english, korean = NAMED[row]
    assert korean in ROWS[row][0]
    pattern = re.compile(english, re.IGNORECASE)
    bad = [k for k, v in EN.items() if pattern.search(v) and korean not in KO[k]]
    assert bad == [], f"{row} → {korean}: {bad}"


def test_slope_word_is_not_used_for_the_gradient():
    """Check that 기울기 (a curve's slope) never stands for a gradient: its English twin says slope."""
    bad = [k for k, v in KO.items() if "기울기" in v and re.search(r"\bgradient", EN[k], re.I)
           and not re.search(r"\bslope", EN[k], re.I)]
    assert bad == []
