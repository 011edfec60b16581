"""The ``ctranslate2`` backend: the same Hugging Face models converted for
CTranslate2 (``mtqa models convert``), int8 on the CPU.

Tokenisation stays with the model's own Hugging Face tokenizer (the converter
copies it next to the weights), so both backends see the same tokens and
score_batch gives the same per-token log-probabilities as forced decoding.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import metadata

from qa.backends.direction import Direction, TokenScores
from qa.backends.hf_models import LanguagePair, ModelRef, load_tokenizer
from qa.backends.seq2seq import Seq2SeqBackend, Seq2SeqTranslator, max_new_tokens
from qa.errors import BackendError


def is_ctranslate2_model(path) -> bool:
    return path is not None and (path / "model.bin").is_file()


class CTranslate2Model:
    def __init__(self, translator, tokenizer, pair: LanguagePair):
        self.translator, self.tokenizer, self.pair = translator, tokenizer, pair

    def _tokens(self, texts: Sequence[str], target: bool = False) -> list[list[str]]:
        self.pair.configure(self.tokenizer)
        key = "text_target" if target else "text"
        ids = self.tokenizer(**{key: list(texts)})["input_ids"]
        return [self.tokenizer.convert_ids_to_tokens(row) for row in ids]

    def _prefix(self, count: int) -> list[list[str]] | None:
        return [[self.pair.target_token]] * count if self.pair.multilingual else None

    def translate(self, texts: Sequence[str]) -> list[str]:
        sources = self._tokens(texts)
        results = self.translator.translate_batch(
            sources,
            target_prefix=self._prefix(len(texts)),
            beam_size=1,
            max_decoding_length=max_new_tokens(max(map(len, sources))),
        )
        hypotheses = [result.hypotheses[0] for result in results]
        ids = [self.tokenizer.convert_tokens_to_ids(tokens) for tokens in hypotheses]
        return self.tokenizer.batch_decode(ids, skip_special_tokens=True)

    def score(self, sources: Sequence[str], targets: Sequence[str]) -> list[TokenScores]:
        """Same quantity as the torch backend: target tokens and </s>, not a forced language code."""
        source_tokens = self._tokens(sources)
        # CTranslate2 appends </s> itself and scores it.
        target_tokens = [tokens[:-1] if tokens[-1] == self.tokenizer.eos_token else tokens for tokens in self._tokens(targets, True)]
        results = self.translator.score_batch(source_tokens, target_tokens)
        skip = 1 if self.pair.multilingual else 0
        return [TokenScores([float(p) for p in r.log_probs[skip:]]) for r in results]


class CTranslate2Translator(Seq2SeqTranslator):
    DEFAULT_MODEL_TEMPLATE = "opus-mt-{src}-{tgt}-ct2"
    #: int8 weights on the CPU: the fast path this backend exists for.
    DEFAULT_COMPUTE_TYPE = {"cpu": "int8", "cuda": "int8_float16"}

    def __init__(self, device: str | None = None, compute_type: str | None = None, **options):
        super().__init__(**options)
        for ref in {self.forward_ref, self.backward_ref}:
            if not is_ctranslate2_model(ref.path):
                raise BackendError(
                    f"model {ref.name!r} is not a CTranslate2 model directory; convert it with "
                    f"`mtqa models convert {ref.name}` and pass the converted directory"
                )
        self.device = device if device not in (None, "auto") else self._auto_device()
        self.compute_type = compute_type or self.DEFAULT_COMPUTE_TYPE.get(self.device, "default")
        self._loaded: dict[ModelRef, tuple] = {}

    @staticmethod
    def _auto_device() -> str:
        import ctranslate2

        return "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"

    def load_model(self, ref: ModelRef, direction: Direction) -> CTranslate2Model:
        if ref not in self._loaded:
            import ctranslate2

            try:
                translator = ctranslate2.Translator(
                    str(ref.path), device=self.device, compute_type=self.compute_type, intra_threads=self.workers
                )
            except (RuntimeError, ValueError) as exc:
                raise BackendError(f"cannot load CTranslate2 model {ref.name!r} from {ref.path}: {exc}") from exc
            self._loaded[ref] = (translator, load_tokenizer(ref, self.offline))
        translator, tokenizer = self._loaded[ref]
        return CTranslate2Model(translator, tokenizer, LanguagePair.for_model(tokenizer, ref, direction))

    def engine(self) -> str:
        return f"ctranslate2 {metadata.version('ctranslate2')} {self.compute_type} greedy"

    def close(self) -> None:
        super().close()
        self._loaded.clear()


class CTranslate2Backend(Seq2SeqBackend):
    name = "ctranslate2"
    options = Seq2SeqBackend.options | {"compute_type"}
    translator_class = CTranslate2Translator
