from qa.scoring.metrics import Bleu, ChrF, RoundTripMetric, Ter
from qa.scoring.score import Scorer

__all__ = ["Bleu", "ChrF", "RoundTripMetric", "Scorer", "Ter"]
