"""The run's signature (qa/signature.py): structured, names only what the run
computes, and its short form parses back."""

from __future__ import annotations

import pytest

from qa import __version__
from qa.backends import load_backend
from qa.errors import UsageError
from qa.pipeline import Checker
from qa.signature import Signature, run_signature


def signature_of(backend_name: str) -> Signature:
    checker = Checker(load_backend(backend_name))
    return run_signature(__version__, checker.backend, checker.scorer)


def signal_names(signature: Signature) -> set[str]:
    return {token.split("[")[0].split(":")[0] for token in signature.signals}


@pytest.mark.parametrize("backend", ["none", "bergamot", "bergamot-torch", "fake"])
def test_the_short_form_parses_back(backend):
    signature = signature_of(backend)
    assert Signature.parse(str(signature)) == signature
    assert Checker(load_backend(backend)).signature == str(signature)


def test_no_backend_names_no_round_trip_signal():
    """Was: `--backend none` named chrF and rt_logprob, which it never computes."""
    signature = signature_of("none")
    names = signal_names(signature)
    assert "log_length" in names
    assert not names & {"chrf", "bleu", "ter", "rt_logprob", "fwd_confidence", "pivot_copy_rate"}
    assert signature.variant == "text" and signature.models == ()


def test_model_scores_are_named_only_where_a_scorer_computes_them():
    engine, scored = signature_of("bergamot"), signature_of("bergamot-torch")
    assert {"chrf", "bleu", "ter"} <= signal_names(engine)
    assert "rt_logprob" not in signal_names(engine) and engine.variant == "round_trip"
    assert {"rt_logprob", "rt_logprob_per_token", "fwd_confidence"} <= signal_names(scored)
    assert scored.variant == "round_trip_model" and scored.scorer
    assert engine.models == scored.models == ("enpt-1693087644", "pten-1693087646")


def test_reserved_characters_survive_the_round_trip():
    signature = Signature("1.0", "b|x", "m.v2", models=("a+b", "c%d"), engine="e 1|2", pivot="pt", signals=("s[x:1,y:2]",))
    text = str(signature)
    assert text.count("|") == 6 and Signature.parse(text) == signature


def test_a_string_that_is_no_signature_is_refused():
    with pytest.raises(UsageError):
        Signature.parse("nrefs:1|case:mixed")
    with pytest.raises(UsageError):
        Signature.parse("mtqa:1|backend:x")  # no score model
