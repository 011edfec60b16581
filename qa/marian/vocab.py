"""The model's SentencePiece vocabulary, through the ``tokenizer.json`` shipped beside each model.

The engine tokenises with that same file, so token ids match it exactly; the
encoding also gives each piece's character span, which maps surprisal to words.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from qa.errors import BackendError

# The vocabularies have no typographic quotes (they become <unk>, as the engine sees them).
# A scored target straightens them, one character for one, so piece offsets still index
# the original text and a quote costs what a quote costs, not what <unk> does.
_STRAIGHT = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00ab": '"', "\u00bb": '"'})

EOS_ID = 0  # "</s>": Marian's end of sentence (and its padding)
UNK_ID = 1  # "<unk>": never produced (Marian's allow-unk is off)


@dataclass(frozen=True, slots=True)
class Encoded:
    """A sentence as token ids (ending with EOS) with each piece's [start, end) in the text."""

    ids: list[int]
    offsets: list[tuple[int, int]]


class Vocab:
    def __init__(self, model_dir: str | Path):
        from tokenizers import Tokenizer

        path = Path(model_dir) / "tokenizer.json"
        if not path.is_file():
            raise BackendError(f"no tokenizer.json in {model_dir}")
        self._tokenizer = Tokenizer.from_file(str(path))
        self.size = self._tokenizer.get_vocab_size()

    def encode(self, text: str, straighten_quotes: bool = False) -> Encoded:
        if straighten_quotes:
            text = text.translate(_STRAIGHT)
        encoding = self._tokenizer.encode(text, add_special_tokens=False)
        end = len(text)
        return Encoded(list(encoding.ids) + [EOS_ID], list(encoding.offsets) + [(end, end)])

    def decode(self, ids: list[int]) -> str:
        return self._tokenizer.decode([i for i in ids if i != EOS_ID], skip_special_tokens=False)

    def token_id(self, piece: str) -> int | None:
        return self._tokenizer.token_to_id(piece)

    def pieces(self, ids: list[int]) -> list[str]:
        return [self._tokenizer.id_to_token(i) for i in ids]
