"""English translations of the units' sources ("forward translations"), for the
meaning rules (qa/checks/meaning.py) and the score.

The run's backend lends the model: its pivot->English model when the source is in
the pivot language (the bundled bergamot pt->en model for a Portuguese source), or
its multilingual model (NLLB-200, M2M100 through ``--model``) for any language the
model has a code for. Nothing is loaded until a unit with a source needs it, and a
source language without a model is said once per run (``notices``), not an error:
the rule-based checks run as usual.

Translations go into the run's translation cache beside the round trips: the key
is the backend signature and the source behind a prefix no target text starts with.
"""

from __future__ import annotations

from collections.abc import Sequence

from qa.backends.base import Backend
from qa.backends.direction import SOURCE_LANGUAGE, Direction, DirectionModel
from qa.backends.runner import BatchRunner, Failed
from qa.bilingual.language import detect, normalise
from qa.errors import BackendError
from qa.records import RoundTrip

#: Rules the notice names (the meaning rules; kept here so the backend layer imports no check).
MEANING_RULE_IDS = "B408, B409"


def base_language(language: str | None) -> str:
    return (language or "").split("-")[0].lower()


def source_model(backend: Backend, language: str) -> DirectionModel | None:
    """A model of ``backend`` that translates ``language`` into English, or None."""
    translator = getattr(backend, "translator", None)
    if translator is None:
        return None
    if base_language(translator.pivot) == language:
        return translator.models[1]  # pivot -> English: the round trip's own second model
    load_model, ref = getattr(translator, "load_model", None), getattr(translator, "backward_ref", None)
    if load_model is None or ref is None:
        return None
    try:
        model = load_model(ref, Direction(language, SOURCE_LANGUAGE))
    except BackendError:  # the model has no code for this language
        return None
    return model if getattr(getattr(model, "pair", None), "multilingual", False) else None


class SourceTranslations:
    """Translates sources into English with the run's backend, batched and cached."""

    def __init__(self, backend: Backend, source_language: str | None = None):
        self.backend = backend
        self.given_language = normalise(source_language)
        #: Said once per run each: a source language without a model, an unknown one.
        self.notices: list[str] = []
        self._models: dict[str, DirectionModel | None] = {}
        self._runners: dict[str, BatchRunner] = {}
        self.start_document()

    def start_document(self) -> None:
        self.language = self.given_language

    def take_notices(self) -> list[str]:
        """The notices not taken yet (each is said once per run)."""
        taken, self.notices[:] = list(self.notices), []
        return taken

    def english(self, sources: Sequence[str | None], cache=None) -> list[str | None]:
        """The English translation of each source (None: no source, no model, or the model failed)."""
        wanted = list(dict.fromkeys(source for source in sources if source and source.strip()))
        if not wanted:
            return [None] * len(sources)  # no model is looked for, let alone loaded
        if self.language is None:
            self.language = detect(wanted) or ""
        language = base_language(self.language)
        if language == SOURCE_LANGUAGE:
            return [None] * len(sources)  # an English source needs no translation
        model = self._model(language)
        if model is None:
            return [None] * len(sources)
        found = self._translated(language, model, wanted, cache)
        return [found.get(source) if source else None for source in sources]

    def _model(self, language: str) -> DirectionModel | None:
        if language not in self._models:
            self._models[language] = source_model(self.backend, language) if language else None
            if self._models[language] is None:
                self._say(language)
        return self._models[language]

    def _say(self, language: str) -> None:
        if not language:
            self.notices.append(f"the meaning check ({MEANING_RULE_IDS}) could not tell the sources' language: "
                                "give --source-lang; every other check ran")
            return
        self.notices.append(
            f"the meaning check ({MEANING_RULE_IDS}) needs a model that translates {language!r} into English and "
            f"the {self.backend.name} backend has none: units with a {language!r} source got every other check "
            f"(a multilingual model through --backend transformers --model adds it)"
        )

    def _translated(self, language: str, model: DirectionModel, sources: list[str], cache) -> dict[str, str]:
        prefix = f"\x00source:{language}-{SOURCE_LANGUAGE}\x00"
        stored = cache.get_many([prefix + source for source in sources]) if cache else {}
        found = {key[len(prefix):]: rt.back_translation for key, rt in stored.items()}
        missing = [source for source in sources if source not in found]
        if missing:
            translator = self.backend.translator
            outputs = self._runner(language, model).map(missing, len, translator.batch_size)
            fresh = {source: out for source, out in zip(missing, outputs) if not isinstance(out, Failed)}
            found.update(fresh)
            if cache and fresh:
                cache.put_many((prefix + source, RoundTrip(None, text)) for source, text in fresh.items())
        return found

    def _runner(self, language: str, model: DirectionModel) -> BatchRunner:
        if language not in self._runners:
            backend, translator = self.backend, self.backend.translator
            workers = getattr(backend, "workers", 1) if translator.parallel else 1
            label = f"{backend.name} {language}->{SOURCE_LANGUAGE}"
            self._runners[language] = BatchRunner(model.translate, workers, getattr(backend, "timeout", None), label)
        return self._runners[language]

    def close(self) -> None:
        for runner in self._runners.values():
            runner.close()
        self._runners.clear()
        self._models.clear()
