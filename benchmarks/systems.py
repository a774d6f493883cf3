"""The peer systems run here: sumy's algorithms over our sentences, within the same budget."""

from __future__ import annotations

from collections.abc import Callable

from benchmarks.scoring import fit_budget

#: sumy's algorithms, in table order.
SUMY_SYSTEMS = ("lexrank", "textrank", "lsa", "luhn", "kl")
SUMY_LABELS = {"lexrank": "LexRank", "textrank": "TextRank", "lsa": "LSA", "luhn": "Luhn", "kl": "KL"}


class _WordTokenizer:
    """sumy's word tokenizer without punkt data: nltk's Treebank-style words, sumy's word filter."""

    language = "english"

    def __init__(self) -> None:
        from sumy.nlp.tokenizers import Tokenizer

        self._is_word = Tokenizer._is_word

    def to_words(self, sentence: str) -> tuple[str, ...]:
        import nltk

        return tuple(w for w in nltk.word_tokenize(sentence, preserve_line=True) if self._is_word(w))

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:  # pragma: no cover - never called
        raise NotImplementedError("sentences come from summarizer.split_sentences")


def make_sumy(name: str) -> Callable[[list[list[str]], int], list[str]]:
    """A function ``(sentences per document, budget) -> chosen sentences`` for a sumy algorithm.

    sumy ranks sentences; we take them in its rank order with :func:`fit_budget` and return
    them in document order, as sumy does.
    """
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.kl import KLSummarizer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    classes = {
        "lexrank": LexRankSummarizer,
        "textrank": TextRankSummarizer,
        "lsa": LsaSummarizer,
        "luhn": LuhnSummarizer,
        "kl": KLSummarizer,
    }
    algorithm = classes[name](Stemmer("english"))
    algorithm.stop_words = get_stop_words("english")
    tokenizer = _WordTokenizer()

    def run(documents: list[list[str]], budget: int) -> list[str]:
        paragraphs = [Paragraph([Sentence(s, tokenizer) for s in doc]) for doc in documents if doc]
        model = ObjectDocumentModel(paragraphs)

        def within_budget(ranked: list) -> list:  # sumy passes infos sorted by rating
            keep = fit_budget([str(info.sentence) for info in ranked], budget)
            return [ranked[i] for i in keep]

        return [str(s) for s in algorithm(model, within_budget)]

    return run
