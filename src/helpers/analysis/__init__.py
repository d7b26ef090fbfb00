"""Analysis: as-of totals, repeats, near duplicates, corrections (review decisions included)."""
