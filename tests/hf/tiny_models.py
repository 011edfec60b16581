"""Build tiny translation models with random weights for the tests.

The SentencePiece vocabulary is trained here on a small English/German text,
so nothing is downloaded and no weights are committed.
"""

from __future__ import annotations

import json
from pathlib import Path

CORPUS = [
    "The prime minister met the president in London on Monday.",
    "The coalition of the willing agreed on a new plan for peace.",
    "Der Premierminister traf den Präsidenten am Montag in London.",
    "Die Koalition der Willigen einigte sich auf einen neuen Friedensplan.",
    "Talks will continue next week, officials said.",
    "Die Gespräche werden nächste Woche fortgesetzt, sagten Beamte.",
    "A watershed moment for Europe and its security.",
    "Ein Wendepunkt für Europa und seine Sicherheit.",
]
VOCAB_SIZE = 100
TINY = dict(d_model=32, encoder_layers=1, decoder_layers=1, encoder_attention_heads=2, decoder_attention_heads=2,
            encoder_ffn_dim=64, decoder_ffn_dim=64, max_position_embeddings=512,
            init_std=0.3)  # large random weights make the output depend on the input


def train_sentencepiece(work: Path, model_type: str = "unigram") -> Path:
    import sentencepiece as spm

    text = work / "corpus.txt"
    text.write_text("\n".join(CORPUS * 20) + "\n", encoding="utf-8")
    prefix = work / f"spm-{model_type}"
    spm.SentencePieceTrainer.train(
        input=str(text), model_prefix=str(prefix), vocab_size=VOCAB_SIZE, model_type=model_type,
        character_coverage=1.0, pad_id=-1, bos_id=-1, eos_id=1, unk_id=0, minloglevel=2,
    )
    return prefix.with_suffix(".model")


def _pieces(spm_model: Path) -> list[str]:
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_file=str(spm_model))
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())]


def build_marian(out: Path, spm_model: Path, seed: int) -> Path:
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    vocab = {piece: i for i, piece in enumerate(_pieces(spm_model))}
    vocab["<pad>"] = len(vocab)
    vocab_file = out.parent / f"{out.name}-vocab.json"
    vocab_file.write_text(json.dumps(vocab), encoding="utf-8")
    tokenizer = MarianTokenizer(source_spm=str(spm_model), target_spm=str(spm_model), vocab=str(vocab_file))
    pad = vocab["<pad>"]
    config = MarianConfig(vocab_size=len(vocab), pad_token_id=pad, decoder_start_token_id=pad, eos_token_id=vocab["</s>"],
                          forced_eos_token_id=vocab["</s>"], share_encoder_decoder_embeddings=True, **TINY)
    torch.manual_seed(seed)
    model = MarianMTModel(config).eval()
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out


def train_sentencepiece_bpe(work: Path) -> Path:
    """NLLB's tokenizer is BPE: the same small text, trained as BPE."""
    return train_sentencepiece(work, "bpe")


def _bpe_vocab_and_merges(spm_model: Path) -> tuple[dict[str, int], list[tuple[str, str]]]:
    """fairseq ids first (as NLLB has them), then the pieces; merges are every split of a piece
    into two known pieces, in the order the pieces were learned (what transformers' converter does)."""
    vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
    for piece in _pieces(spm_model):
        vocab.setdefault(piece, len(vocab))
    merges = []
    for piece, merged_id in sorted(vocab.items(), key=lambda item: item[1]):
        pairs = [(piece[:k], piece[k:]) for k in range(1, len(piece))]
        known = [(left, right) for left, right in pairs if left in vocab and right in vocab]
        merges += sorted(known, key=lambda pair: (vocab[pair[0]], vocab[pair[1]]))
    return vocab, merges


def build_nllb(out: Path, spm_bpe_model: Path, seed: int) -> Path:
    import torch
    from transformers import M2M100Config, M2M100ForConditionalGeneration, NllbTokenizer

    vocab, merges = _bpe_vocab_and_merges(spm_bpe_model)
    tokenizer = NllbTokenizer(vocab=vocab, merges=merges)  # adds the 200 FLORES language codes
    config = M2M100Config(vocab_size=len(tokenizer), pad_token_id=1, bos_token_id=0, eos_token_id=2,
                          decoder_start_token_id=2, scale_embedding=True, **TINY)
    torch.manual_seed(seed)
    model = M2M100ForConditionalGeneration(config).eval()
    with torch.no_grad():
        # Random weights would mostly emit the 200 language codes (decoded as ""): damp them.
        codes = [i for token, i in tokenizer.get_vocab().items() if token[-5:-4] == "_" and token[:3].islower()]
        model.get_output_embeddings().weight[codes] *= 0.4
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out
