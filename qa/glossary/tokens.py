"""Moved to qa/tokens.py; kept for imports on branches that predate the move."""

from qa.tokens import Token, token_key, tokenize  # noqa: F401  moved to qa/tokens.py; kept for parallel branches
