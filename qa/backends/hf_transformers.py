"""The ``transformers`` backend: any seq2seq translation model (MarianMT,
NLLB-200, M2M100 ...) run with torch.

transformers 5 has no translation pipeline: we call generate() ourselves
(greedy), and score the original sentence by forced decoding.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import metadata

from qa.backends.direction import Direction, TokenScores
from qa.backends.hf_models import LanguagePair, ModelRef, hf_call, load_tokenizer
from qa.backends.seq2seq import Seq2SeqBackend, Seq2SeqTranslator, max_new_tokens


def pick_device(requested: str | None = None) -> str:
    import torch

    if requested and requested != "auto":
        return requested
    return "cuda" if torch.cuda.is_available() else "cpu"


class TransformersModel:
    """One model used for one direction."""

    def __init__(self, model, tokenizer, pair: LanguagePair, device: str):
        self.model, self.tokenizer, self.pair, self.device = model, tokenizer, pair, device

    def _encode(self, sources: Sequence[str], targets: Sequence[str] | None = None):
        self.pair.configure(self.tokenizer)
        batch = self.tokenizer(list(sources), text_target=list(targets) if targets else None, padding=True, return_tensors="pt")
        return batch.to(self.device)

    def translate(self, texts: Sequence[str]) -> list[str]:
        import torch

        batch = self._encode(texts)
        # No forced </s> at the length limit: CTranslate2 does not force one, and both must agree.
        forced = {"forced_eos_token_id": None}
        if self.model.config.model_type == "marian":
            forced["bad_words_ids"] = [[self.tokenizer.pad_token_id]]  # as Marian's own generation config
        if self.pair.multilingual:
            forced["forced_bos_token_id"] = self.tokenizer.convert_tokens_to_ids(self.pair.target_token)
        with torch.inference_mode():
            output = self.model.generate(
                **batch, num_beams=1, do_sample=False, max_new_tokens=max_new_tokens(batch["input_ids"].shape[1]), **forced
            )
        return self.tokenizer.batch_decode(output, skip_special_tokens=True)

    def score(self, sources: Sequence[str], targets: Sequence[str]) -> list[TokenScores]:
        """log P(target | source), summed over the target's tokens and </s> (not a forced language code)."""
        import torch

        batch = self._encode(sources, targets)
        labels = batch.pop("labels")
        mask = labels != self.tokenizer.pad_token_id
        decoder_input = labels.new_full(labels.shape, self.tokenizer.pad_token_id)
        decoder_input[:, 0] = self.model.config.decoder_start_token_id
        decoder_input[:, 1:] = labels[:, :-1].masked_fill(~mask[:, :-1], self.tokenizer.pad_token_id)
        with torch.inference_mode():
            logits = self.model(**batch, decoder_input_ids=decoder_input).logits.float()
            if self.model.config.model_type == "marian":
                # transformers adds <pad> to Marian's vocabulary only to start the decoder; Marian itself
                # (and CTranslate2) never predicts it, so it stays out of the distribution.
                logits[..., self.tokenizer.pad_token_id] = float("-inf")
            logprobs = torch.log_softmax(logits, dim=-1).gather(-1, labels.unsqueeze(-1)).squeeze(-1)
            if self.pair.multilingual:
                mask[:, 0] = False  # the language code is forced, not predicted
        return [TokenScores(row[kept].tolist()) for row, kept in zip(logprobs, mask)]


class TransformersTranslator(Seq2SeqTranslator):
    def __init__(self, device: str | None = None, **options):
        super().__init__(**options)
        self.requested_device = device
        self._loaded: dict[ModelRef, tuple] = {}

    def load_model(self, ref: ModelRef, direction: Direction) -> TransformersModel:
        import torch

        torch.set_num_threads(self.workers)
        if ref not in self._loaded:
            from transformers import AutoModelForSeq2SeqLM

            device = pick_device(self.requested_device)
            model = hf_call(ref, self.offline, AutoModelForSeq2SeqLM.from_pretrained).to(device).eval()
            self._loaded[ref] = (model, load_tokenizer(ref, self.offline), device)
        model, tokenizer, device = self._loaded[ref]
        return TransformersModel(model, tokenizer, LanguagePair.for_model(tokenizer, ref, direction), device)

    def engine(self) -> str:
        return f"transformers {metadata.version('transformers')} torch {metadata.version('torch')} greedy"

    def close(self) -> None:
        super().close()
        self._loaded.clear()


class TransformersBackend(Seq2SeqBackend):
    name = "transformers"
    translator_class = TransformersTranslator
