"""Greedy decoding and forced decoding (token log-probabilities) with the torch model.

Greedy decoding follows the engine's configuration (beam 1, lexical shortlist,
<unk> never chosen, at most 2.5 target tokens per source token). Forced decoding
scores a given target under the full vocabulary: the shortlist is a speed device
of the search, and a forced target may hold tokens it leaves out.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import torch

from qa.backends.direction import TokenScores
from qa.errors import BackendError
from qa.marian.model import TinyTransformer
from qa.marian.shortlist import Shortlist
from qa.marian.vocab import EOS_ID, UNK_ID, Encoded, Vocab

#: The engine's max-length-factor (config.intgemm8bitalpha.yml): at most ceil(2.5 n) target tokens
#: for n source tokens (EOS included), as measured against the engine on runaway outputs.
MAX_LENGTH_FACTOR = 2.5
_NEVER = float("-inf")


class MarianModel:
    """One bundled model for one direction (e.g. en→pt): vocabulary, shortlist and torch model."""

    def __init__(self, model_dir: str | Path):
        model_dir = Path(model_dir)
        models = sorted(model_dir.glob("*.intgemm.alphas.bin"))
        shortlists = sorted(model_dir.glob("lex.*.s2t.bin"))
        if not models or not shortlists:
            raise BackendError(f"{model_dir}: no Marian model (*.intgemm.alphas.bin) and shortlist (lex.*.s2t.bin)")
        self.vocab = Vocab(model_dir)
        self.model = TinyTransformer(models[0])
        self.shortlist = Shortlist(shortlists[0], self.vocab.size)

    @torch.inference_mode()
    def translate(self, texts: Sequence[str]) -> list[str]:
        """Greedy translations, as the engine makes them."""
        return [self.vocab.decode(ids) for ids in self.greedy([self.vocab.encode(text) for text in texts])]

    def greedy(self, sources: Sequence[Encoded]) -> list[list[int]]:
        """Greedy target ids (without EOS) for a batch of encoded sources."""
        source_ids, lengths = _pad([s.ids for s in sources])
        state = self.model.encode(source_ids, lengths)
        vocabulary, allowed = self._shortlists(sources)
        layer = self.model.output_layer(vocabulary)
        limits = torch.ceil(lengths.float() * MAX_LENGTH_FACTOR).long()
        rows = torch.arange(len(sources))  # the sentences still being decoded
        cells = self.model.start_cells(len(sources))
        previous = torch.zeros(len(sources), 1, dtype=torch.long)
        outputs: list[list[int]] = [[] for _ in sources]
        for step in range(int(limits.max())):
            states, cells = self.model.decode(self.model.target_inputs(previous, step), state, cells)
            scores = self.model.logits(states[:, -1], layer).masked_fill(~allowed, _NEVER)
            chosen = vocabulary[scores.argmax(-1)]
            going = (chosen != EOS_ID) & (limits[rows] > step)
            for row, token in zip(rows[going].tolist(), chosen[going].tolist()):
                outputs[row].append(token)
            if not going.all():  # drop finished sentences from the batch
                if not going.any():
                    break
                rows, state, allowed, chosen = rows[going], state.select(going), allowed[going], chosen[going]
                cells = [cell[going] for cell in cells]
            previous = chosen[:, None]
        return outputs

    @torch.inference_mode()
    def nbest(self, texts: Sequence[str], n: int = 4, beam: int | None = None) -> list[list[tuple[str, float]]]:
        """For each text, up to ``n`` distinct translations with their scores (log-probability
        per token), best first; the greedy translation is always among them."""
        from qa.marian.search import SourceDecoder, beam_search

        found = []
        for text in texts:
            decoder = SourceDecoder(self, self.vocab.encode(text), MAX_LENGTH_FACTOR)
            hypotheses = beam_search(decoder, max(n, beam or n))
            hypotheses += beam_search(decoder, 1)  # greedy: beam search may prune its path
            found.append(_distinct(self.vocab, hypotheses, n, keep_last=True))
        return found

    @torch.inference_mode()
    def sampled(self, texts: Sequence[str], count: int, seed: int, temperature: float = 1.0) -> list[list[tuple[str, float]]]:
        """For each text, the distinct translations among ``count`` samples (seeded: the same
        seed gives the same samples), best scored first."""
        from qa.marian.search import SourceDecoder, sample

        found = []
        for number, text in enumerate(texts):
            decoder = SourceDecoder(self, self.vocab.encode(text), MAX_LENGTH_FACTOR)
            hypotheses = sample(decoder, count, seed + number, temperature)
            found.append(_distinct(self.vocab, hypotheses, count))
        return found

    def _shortlists(self, sources: Sequence[Encoded]) -> tuple[torch.Tensor, torch.Tensor]:
        """The union of the sentences' shortlists, and which of its tokens each sentence may use."""
        lists = [torch.from_numpy(self.shortlist.select(source.ids)) for source in sources]
        vocabulary = torch.unique(torch.cat(lists))
        allowed = torch.stack([torch.isin(vocabulary, ids) for ids in lists])
        allowed &= vocabulary[None, :] != UNK_ID
        return vocabulary, allowed

    @torch.inference_mode()
    def score(self, sources: Sequence[str], targets: Sequence[str]) -> list[TokenScores]:
        """Forced decoding: log P(target token | source, previous target tokens) for every token.
        Sources are read as the engine reads them; targets with straightened quotes (see Vocab)."""
        encoded_sources = [self.vocab.encode(text) for text in sources]
        encoded_targets = [self.vocab.encode(text, straighten_quotes=True) for text in targets]
        source_ids, source_lengths = _pad([s.ids for s in encoded_sources])
        target_ids, target_lengths = _pad([t.ids for t in encoded_targets])
        state = self.model.encode(source_ids, source_lengths)
        previous = torch.cat([torch.zeros(len(targets), 1, dtype=torch.long), target_ids[:, :-1]], dim=1)
        states, _ = self.model.decode(self.model.target_inputs(previous, 0), state, self.model.start_cells(len(targets)))
        # Only real (unpadded) positions go through the 32000-way output layer: it is most of the cost.
        real = torch.arange(target_ids.shape[1])[None, :] < target_lengths[:, None]
        logprobs = torch.log_softmax(self.model.logits(states[real]), dim=-1)
        picked = logprobs.gather(-1, target_ids[real][:, None])[:, 0].split(target_lengths.tolist())
        return [TokenScores(row.tolist(), t.offsets, t.ids) for t, row in zip(encoded_targets, picked)]


def _distinct(vocab: Vocab, hypotheses, n: int, keep_last: bool = False) -> list[tuple[str, float]]:
    """The best-scored hypothesis of each distinct text, best first, at most ``n``; with
    ``keep_last`` the last hypothesis given (the greedy one) is kept even past ``n``."""
    best: dict[str, float] = {}
    for hypothesis in hypotheses:
        text = vocab.decode(list(hypothesis.ids))
        best[text] = max(best.get(text, _NEVER), hypothesis.score)
    ranked = sorted(best.items(), key=lambda item: -item[1])
    chosen = ranked[:n]
    if keep_last and hypotheses:
        last = vocab.decode(list(hypotheses[-1].ids))
        if all(text != last for text, _ in chosen):
            chosen = chosen[: n - 1] + [(last, best[last])]
    return sorted(chosen, key=lambda item: -item[1])


def _pad(sequences: Sequence[list[int]]) -> tuple[torch.Tensor, torch.Tensor]:
    lengths = torch.tensor([len(ids) for ids in sequences])
    padded = torch.full((len(sequences), int(lengths.max())), EOS_ID, dtype=torch.long)
    for row, ids in enumerate(sequences):
        padded[row, : len(ids)] = torch.tensor(ids)
    return padded, lengths
