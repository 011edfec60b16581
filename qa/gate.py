"""The CI gate: whether one sentence passes, and why not.

One place decides it, and every report reads the decision from the result
(``SentenceResult.gate``), so no format can say it another way. A sentence
fails when

* it has a flag at or above the ``--fail-on`` severity (error by default),
* the backend could not translate it (``backend-error``, R301), or
* its score is under ``--fail-under`` (``low-score``, S501),

each as far as ``--select``/``--ignore``/``--severity`` leave the rule on and
at a failing severity (qa/rules.py's RuleSelection).

The score's band (``Status``: ok/review/poor/error) is a separate thing: it
says how much the sentence needs a reviewer, never whether it passed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from qa.errors import UsageError
from qa.records import Flag, Gate, GateReason, SentenceResult, Status
from qa.rules import BACKEND_ERROR, LOW_SCORE, RuleSelection, rule_for


@dataclass(frozen=True, slots=True)
class GatePolicy:
    #: A sentence scoring under this fails (``--fail-under``); None: no score gate.
    fail_under: float | None = None
    #: Which rules are on, at what severity, and ``--fail-on``.
    rules: RuleSelection = field(default_factory=RuleSelection)

    def judge(self, result: SentenceResult) -> Gate:
        reasons = [
            _flag_reason(index, flag)
            for index, flag in enumerate(result.flags)
            if self.rules.fails(flag.severity) and flag.suppressed is None
        ]
        sentence = result.sentence.id
        if result.status is Status.ERROR:
            if self.rules.fails_gate(BACKEND_ERROR):
                message = f"sentence {sentence} could not be back-translated: {result.error}"
                reasons.append(GateReason(BACKEND_ERROR.name, message, BACKEND_ERROR.id))
        elif self._low(result.score) and self.rules.fails_gate(LOW_SCORE):
            message = f"sentence {sentence} scores {result.score:.1f}, under the --fail-under gate of {self.fail_under:g}"
            reasons.append(GateReason(LOW_SCORE.name, message, LOW_SCORE.id))
        return Gate(reasons)

    def _low(self, score: float | None) -> bool:
        return self.fail_under is not None and score is not None and score < self.fail_under


def _flag_reason(index: int, flag: Flag) -> GateReason:
    return GateReason(flag.kind, flag.message, rule_id(flag.kind), index)


def rule_id(name: str) -> str | None:
    """The registered id of a rule name; None for a flag kind no check declared (a plugin's)."""
    try:
        return rule_for(name).id
    except UsageError:
        return None
