"""``mtqa models``: list the models mtqa can use; ``mtqa models convert`` for CTranslate2."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

app = typer.Typer(help="List available models; convert Hugging Face models for the ctranslate2 backend.")


@app.callback(invoke_without_command=True)
def list_models(ctx: typer.Context) -> None:
    """List the bundled models and those placed in models/ (MTQA_MODELS_DIR overrides it)."""
    if ctx.invoked_subcommand is not None:
        return
    from qa.commands.exits import errors_as_exit_codes, output_may_be_cut
    from qa.models import list_models as available

    with errors_as_exit_codes():
        models = available()
    with output_may_be_cut():
        for info in models:
            typer.echo(f"{info.name:<32} {info.backend:<13} {info.family:<20} {info.location}")


@app.command()
def convert(
    source: str = typer.Argument(..., help="Model directory, models/NAME or hub id."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Output directory (default models/NAME-ct2)."),
    quantization: str = typer.Option("int8", help="Weight type: int8, int8_float16, float16, float32."),
    force: bool = typer.Option(False, "--force", help="Overwrite the output directory."),
) -> None:
    """Convert a Hugging Face translation model for the ctranslate2 backend (tokenizer included)."""
    from qa.commands.exits import errors_as_exit_codes, output_may_be_cut
    from qa.models import convert_model

    with errors_as_exit_codes():
        written = convert_model(source, output, quantization, force)
    with output_may_be_cut():
        typer.echo(f"converted {source} -> {written} ({quantization})")


@app.command()
def signature(
    backend: str = typer.Option("bergamot", help="The backend, as for mtqa check."),
    pivot: Optional[str] = typer.Option(None, "--pivot", help="Pivot language, as for mtqa check."),
) -> None:
    """Print a backend's signature: a CI cache key for its round trips (the GitHub Action uses it)."""
    from qa.commands.exits import errors_as_exit_codes, output_may_be_cut
    from qa.models import backend_signature

    with errors_as_exit_codes():
        text = backend_signature(backend, **({"pivot": pivot} if pivot else {}))
    with output_may_be_cut():
        typer.echo(text)
