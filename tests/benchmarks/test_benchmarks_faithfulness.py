"""benchmarks/faithfulness.py: how an injected disagreement is picked and judged (issue 7)."""

from __future__ import annotations

from benchmarks import faithfulness
from summarizer import Citation, Claim, Disagreement, Document, Summary, SummarySentence

TEXTS = {"a": "The fire killed 60 people.", "b": "Officials said the fire killed 60 people.", "c": "It burned."}


def cite(doc_id: str, relation: str = "supports") -> Citation:
    return Citation(doc_id, 0, len(TEXTS[doc_id]), TEXTS[doc_id], relation=relation)


def summary(*citations: Citation, disagreements=(), text: str = TEXTS["a"]) -> Summary:
    docs = tuple(Document(t, id=i) for i, t in TEXTS.items())
    return Summary((SummarySentence(text, citations, 1.0),), docs, disagreements=disagreements)


def test_changed_values_differ_and_keep_their_kind():
    assert faithfulness.changed_value("60") == "90"
    assert faithfulness.changed_value("1") == "2"
    assert faithfulness.changed_value("1998") == "2001"
    assert faithfulness.changed_value("0.5") == "1.5"


def test_an_injection_needs_two_documents_and_prefers_another_than_the_voice():
    assert faithfulness.pick_injections(summary(cite("a"), cite("c"))) == []
    [injection] = faithfulness.pick_injections(summary(cite("a"), cite("b")))
    assert (injection.doc_id, injection.number) == ("b", "60")
    assert TEXTS["b"][injection.offset : injection.offset + 2] == "60"
    assert injection.claim == TEXTS["a"] and injection.claim_spans == {("a", 0)}


def test_outcomes():
    injection = faithfulness.Injection("b", TEXTS["b"].index("60"), "60", TEXTS["a"], frozenset({("a", 0)}))

    def judge(result: Summary) -> str:
        return faithfulness.outcome(result, injection)

    assert judge(summary(cite("a"), cite("b", "conflicts"))) == "caught"
    listed = Disagreement(
        "people", (Claim("60 people", ("a",), (cite("a"),)), Claim("90 people", ("b",), (cite("b"),)))
    )
    assert judge(summary(cite("a"), disagreements=(listed,))) == "caught"
    assert judge(summary(cite("a"), cite("b", "partial"))) == "cited as support"
    assert judge(summary(cite("a"))) == "dropped"
    assert judge(summary(cite("c"), text="It burned.")) == "fact left the summary"
    # the number stated by another fact of the summary is not the injected fact
    assert judge(summary(cite("c"), text="It burned 60 homes.")) == "fact left the summary"
