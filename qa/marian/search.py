"""Beam search (n-best lists) and seeded sampling with the torch port.

The engine decodes greedily (beam 1); generated glossary variants want the other
forms the model finds likely too: "Kyiv" -> "Kiev", "Kyiv", "Kiew". Both searches
use the engine's restrictions (lexical shortlist, <unk> never chosen, at most
ceil(2.5 n) target tokens) and its length normalisation (``normalize: 1.0`` in
the bundled config: a hypothesis is ranked by its log-probability per token,
end of sentence included). The n-best list always holds the greedy output: beam
search may prune the greedy path, so it is decoded too and merged in.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch

from qa.marian.vocab import EOS_ID, Encoded

_NEVER = float("-inf")


@dataclass(slots=True, frozen=True)
class Hypothesis:
    ids: tuple[int, ...]  # target ids without EOS
    logprob: float  # sum over the tokens, EOS included when the hypothesis ended with one
    steps: int  # tokens scored (EOS included)

    @property
    def score(self) -> float:
        """The engine's ranking: log-probability per token (normalize 1.0)."""
        return self.logprob / max(1, self.steps)


class SourceDecoder:
    """One source sentence, encoded once, decoded step by step for any number of rows."""

    def __init__(self, marian, source: Encoded, limit_factor: float):
        ids = torch.tensor([source.ids])
        self.model = marian.model
        self.state = self.model.encode(ids, torch.tensor([len(source.ids)]))
        vocabulary, allowed = marian._shortlists([source])
        self.vocabulary, self.allowed = vocabulary, allowed[0]
        self.layer = self.model.output_layer(vocabulary)
        self.limit = int(torch.ceil(torch.tensor(len(source.ids) * limit_factor)))

    def start(self, rows: int):
        index = torch.zeros(rows, dtype=torch.long)
        return self.state.select(index), self.model.start_cells(rows)

    def step(self, previous: torch.Tensor, step: int, state, cells):
        """Log-probabilities over the shortlist [rows, shortlist] and the new cells."""
        states, cells = self.model.decode(self.model.target_inputs(previous[:, None], step), state, cells)
        scores = self.model.logits(states[:, -1], self.layer).masked_fill(~self.allowed, _NEVER)
        return torch.log_softmax(scores, dim=-1), cells


def beam_search(decoder: SourceDecoder, beam: int) -> list[Hypothesis]:
    """Marian's beam search for one sentence: ``beam`` hypotheses; a finished one leaves
    the beam, which narrows, until none is left or the length limit ends the rest.
    Beam 1 is greedy decoding."""
    state, cells = decoder.start(1)
    alive: list[tuple[tuple[int, ...], float]] = [((), 0.0)]
    previous = torch.zeros(1, dtype=torch.long)
    finished: list[Hypothesis] = []
    for step in range(decoder.limit):
        logprobs, cells = decoder.step(previous, step, state, cells)
        totals = torch.tensor([score for _, score in alive])[:, None] + logprobs
        width = beam - len(finished)
        best = torch.topk(totals.flatten(), min(width, int(torch.isfinite(totals).sum()))).indices
        rows, columns = best // totals.shape[1], best % totals.shape[1]
        keep, kept = [], []
        for row, column in zip(rows.tolist(), columns.tolist()):
            token, total = int(decoder.vocabulary[column]), float(totals[row, column])
            ids = alive[row][0]
            if token == EOS_ID:
                finished.append(Hypothesis(ids, total, step + 1))
            elif step + 1 == decoder.limit:  # the length limit ends it, as it ends greedy decoding
                finished.append(Hypothesis(ids + (token,), total, step + 1))
            else:
                keep.append(row)
                kept.append((ids + (token,), total))
        if not kept:
            break
        index = torch.tensor(keep)
        state, cells = decoder.state.select(torch.zeros(len(keep), dtype=torch.long)), [c[index] for c in cells]
        previous = torch.tensor([ids[-1] for ids, _ in kept])
        alive = kept
    return sorted(finished, key=lambda h: -h.score)


def sample(decoder: SourceDecoder, count: int, seed: int, temperature: float = 1.0) -> list[Hypothesis]:
    """``count`` ancestral samples for one sentence, reproducible for a given seed."""
    generator = torch.Generator().manual_seed(seed)
    state, cells = decoder.start(count)
    previous = torch.zeros(count, dtype=torch.long)
    tokens: list[list[int]] = [[] for _ in range(count)]
    logprob = [0.0] * count
    steps = [0] * count
    going = list(range(count))
    for step in range(decoder.limit):
        logprobs, cells = decoder.step(previous, step, state, cells)
        probabilities = torch.softmax(logprobs / temperature, dim=-1)
        picked = torch.multinomial(probabilities, 1, generator=generator)[:, 0]
        still = []
        for position, (row, column) in enumerate(zip(going, picked.tolist())):
            token = int(decoder.vocabulary[column])
            logprob[row] += float(logprobs[position, column])
            steps[row] = step + 1
            if token != EOS_ID:
                tokens[row].append(token)
                still.append(position)
        if not still:
            break
        index = torch.tensor(still)
        going = [going[i] for i in still]
        state, cells = decoder.state.select(torch.zeros(len(still), dtype=torch.long)), [c[index] for c in cells]
        previous = decoder.vocabulary[picked[index]]
    return [Hypothesis(tuple(t), lp, n) for t, lp, n in zip(tokens, logprob, steps)]
