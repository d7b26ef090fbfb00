"""Where the project's data lives, resolved from the repository root."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
SAMPLE_CORPUS = DATA / "sample"
LEXICONS = DATA / "lexicons"
GEO = DATA / "geo"
CORRECTIONS = DATA / "corrections.csv"
NOTEBOOKS = ROOT / "notebooks"
REPORTS = ROOT / "reports"
