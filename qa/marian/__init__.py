"""The bundled Bergamot tiny models (Marian format) in torch: greedy decoding,
forced decoding (token log-probabilities) and per-word surprisal.

Imported only by the backend that uses it: it pulls in torch.
"""
