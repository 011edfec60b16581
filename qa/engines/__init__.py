"""Where ``mtqa check`` does each sentence's model work: the engine (``--engine``).

``local`` (the default) does it in this process. ``ray`` sends blocks of sentences to
workers on a Ray cluster (qa/engines/ray_engine.py) and hands their answers to the same
checker, which runs the checks, the scoring and the reports here, in input order. Ray is
imported only by a run that asks for it (the ``ray`` extra).
"""

from __future__ import annotations

from qa.engines.base import Engine
from qa.errors import UsageError

ENGINES = ("local", "ray")
DEFAULT_ENGINE = "local"
#: The modules ``--engine ray`` imports, and the extra that brings them (pyproject.toml).
RAY_EXTRA = ("ray", ("ray",))


def check_engine_options(engine: str, address: str | None) -> None:
    """Usage errors of ``--engine``/``--ray-address``, raised before anything loads."""
    if engine not in ENGINES:
        raise UsageError(f"--engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if address is not None and engine != "ray":
        raise UsageError("--ray-address needs --engine ray")
    if engine == "ray":
        from qa.backends.extras import require_extra

        require_extra(RAY_EXTRA[0], RAY_EXTRA[1], "--engine ray")


def open_engine(request, encoder: str, readers, model_work: bool = True) -> Engine:
    """The engine a run (a qa.run.CheckRequest) asked for; ``ray`` connects to (or starts) its
    cluster here. ``encoder``: the run's resolved ``--encoder``; ``readers(path)``: each input's
    reader (the same object each time), which the Ray engine reads ahead with; ``model_work``:
    False when no sentence needs a model (``--backend none``), so the checks run here, as
    locally, and no cluster is started (a given address must still answer). The options were
    checked by check_engine_options, before anything loaded."""
    if request.engine == "local":
        return Engine()
    from qa.engines.ray_engine import RayEngine, check_reachable

    if not model_work:
        check_reachable(request.ray_address)
        return Engine()
    from qa.engines.worker import WorkerSetup

    setup = WorkerSetup.of_driver(request.backend, request.backend_options, encoder, request.use_cache)
    return RayEngine.connect(request.ray_address, setup, request.out_dir, request.inputs, readers)


__all__ = ["DEFAULT_ENGINE", "ENGINES", "Engine", "check_engine_options", "open_engine"]
