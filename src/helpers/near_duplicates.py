"""Near-duplicate reports: republications with small edits, found with MinHash.

Each report's normalised words are cut into overlapping word pairs
(shingles). MinHash signatures estimate the Jaccard similarity of two
reports' shingle sets, and an LSH index finds the earlier reports whose
estimate passes the threshold without comparing every pair.
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from datasketch import MinHash, MinHashLSH

from helpers.normalise import normalise

THRESHOLD = 0.6
PERMUTATIONS = 128
SHINGLE_WORDS = 2
_WORD = re.compile(r"[^\W_]+")


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    words = _WORD.findall(normalise(text).text)
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + size]).encode() for i in range(len(words) - size + 1)}


@lru_cache(maxsize=1)
def _template() -> MinHash:
    return MinHash(num_perm=PERMUTATIONS, seed=1)


def signature(text: str) -> MinHash:
    minhash = MinHash(num_perm=PERMUTATIONS, seed=1)
    minhash.update_batch(list(shingles(text)))
    return minhash


class NearDuplicateIndex:
    """Add reports one at a time; each is linked to the first earlier report
    it nearly repeats. Holds signatures only, never the texts."""

    def __init__(self, threshold: float = THRESHOLD):
        self._lsh = MinHashLSH(threshold=threshold, num_perm=PERMUTATIONS)
        self._signatures: dict[str, np.ndarray] = {}  # hash values only (each below 2^32)
        self.threshold = threshold
        self.group_of: dict[str, str] = {}     # report id → id of the group's first report
        self.similar_to: dict[str, tuple[str, float]] = {}  # report id → (earlier report, similarity)

    def add(self, report_id: str, text: str) -> str | None:
        """Index a report; return the id of the earlier report it repeats, if any."""
        return self.add_signature(report_id, signature(text))

    def add_hashvalues(self, report_id: str, hashvalues) -> str | None:
        """`add` for a signature computed elsewhere (`signature(text).hashvalues`, e.g. in a worker)."""
        minhash = _template().copy()
        minhash.hashvalues = np.asarray(hashvalues, dtype=minhash.hashvalues.dtype)
        return self.add_signature(report_id, minhash)

    def add_signature(self, report_id: str, minhash: MinHash) -> str | None:
        best = None
        candidates = self._lsh.query(minhash)
        if candidates:  # MinHash.jaccard for all candidates at once; the first best one wins
            others = np.stack([self._signatures[c] for c in candidates])
            similarity = np.count_nonzero(others == minhash.hashvalues, axis=1) / float(len(minhash))
            top = int(np.argmax(similarity))
            if similarity[top] >= self.threshold:
                best = (candidates[top], float(similarity[top]))
        if report_id not in self._signatures:
            self._lsh.insert(report_id, minhash)
            self._signatures[report_id] = minhash.hashvalues.astype(np.uint32)
        if best is None:
            self.group_of.setdefault(report_id, report_id)
            return None
        self.similar_to[report_id] = best
        self.group_of[report_id] = self.group_of.get(best[0], best[0])
        return best[0]
