"""Source translations (the meaning rules' English reading of the source) through the
Hugging Face backends: the pivot->English model of a pair, or a multilingual model
for any language it has a code for."""

from __future__ import annotations

from qa.backends import load_backend
from qa.backends.source_translation import SourceTranslations, source_model


def test_a_multilingual_model_translates_any_language_it_knows(tiny_models):
    backend = load_backend("transformers", model=[str(tiny_models.nllb)], pivot="de", workers=1)
    try:
        translations = SourceTranslations(backend, "pt")
        [english] = translations.english(["Você não tem permissão."])
        assert isinstance(english, str) and translations.notices == []
        assert source_model(backend, "tlh") is None  # no FLORES code: no model, no error
    finally:
        backend.close()


def test_a_pair_of_models_translates_its_pivot_only(tiny_models):
    models = [str(tiny_models.marian_en_de), str(tiny_models.marian_de_en)]
    backend = load_backend("transformers", model=models, pivot="de", workers=1)
    try:
        assert source_model(backend, "de") is backend.translator.models[1]
        translations = SourceTranslations(backend, "fr")
        assert translations.english(["Vous n'avez pas la permission."]) == [None]
        assert len(translations.notices) == 1 and "'fr'" in translations.notices[0]
    finally:
        backend.close()
