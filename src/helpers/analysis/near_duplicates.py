"""Near-duplicate reports: republications with small edits, found with MinHash.

Each report's normalised words are cut into overlapping word pairs
(shingles). MinHash signatures estimate the Jaccard similarity of two
reports' shingle sets, and an LSH index finds the earlier reports whose
estimate passes the threshold without comparing every pair.
"""
from __future__ import annotations

import re

import numpy as np

from datasketch import MinHash, MinHashLSH

from helpers.ingest.normalise import normalise

THRESHOLD = 0.6
PERMUTATIONS = 128
SHINGLE_WORDS = 2
_WORD = re.compile(r"[^\W_]+")


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    words = _WORD.findall(normalise(text).text)
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + size]).encode() for i in range(len(words) - size + 1)}


def signature(text: str) -> MinHash:
    minhash = MinHash(num_perm=PERMUTATIONS, seed=1)
    minhash.update_batch(list(shingles(text)))
    return minhash


class _Bands:
    """The LSH index datasketch's MinHashLSH would build for these parameters (the same
    bands of the signature), kept compact: per band, a dict from the band's hash to the
    first report's number (a list when several share it). About 2 KB per report."""

    def __init__(self, threshold: float):
        lsh = MinHashLSH(threshold=threshold, num_perm=PERMUTATIONS)
        self.ranges = list(lsh.hashranges)
        self.tables: list[dict] = [{} for _ in self.ranges]

    def keys(self, hashvalues: np.ndarray) -> list[int]:
        return [hash(hashvalues[start:end].tobytes()) for start, end in self.ranges]

    def query(self, keys: list[int]) -> list[int]:
        found = set()
        for table, key in zip(self.tables, keys):
            hit = table.get(key)
            if hit is not None:
                found.update(hit if isinstance(hit, list) else (hit,))
        return sorted(found)

    def insert(self, number: int, keys: list[int]) -> None:
        for table, key in zip(self.tables, keys):
            hit = table.get(key)
            if hit is None:
                table[key] = number
            elif isinstance(hit, list):
                hit.append(number)
            else:
                table[key] = [hit, number]


class NearDuplicateIndex:
    """Add reports one at a time; each is linked to the first earlier report
    it nearly repeats (the most similar one; on a tie, the earliest). Holds
    signatures only, never the texts."""

    def __init__(self, threshold: float = THRESHOLD):
        self._bands = _Bands(threshold)
        self._ids: list[str] = []
        self._numbers: dict[str, int] = {}
        self._signatures = np.zeros((1024, PERMUTATIONS), dtype=np.uint32)  # hash values (each below 2^32)
        self.threshold = threshold
        self.group_of: dict[str, str] = {}     # report id → id of the group's first report
        self.similar_to: dict[str, tuple[str, float]] = {}  # report id → (earlier report, similarity)

    def add(self, report_id: str, text: str) -> str | None:
        """Index a report; return the id of the earlier report it repeats, if any."""
        return self.add_hashvalues(report_id, signature(text).hashvalues)

    def add_signature(self, report_id: str, minhash: MinHash) -> str | None:
        return self.add_hashvalues(report_id, minhash.hashvalues)

    def add_hashvalues(self, report_id: str, hashvalues) -> str | None:
        """`add` for a signature computed elsewhere (`signature(text).hashvalues`, e.g. in a worker)."""
        values = np.asarray(hashvalues).astype(np.uint32)
        keys = self._bands.keys(values)
        best = None
        candidates = self._bands.query(keys)
        if candidates:  # MinHash.jaccard for all candidates at once; the first best one wins
            similarity = np.count_nonzero(self._signatures[candidates] == values, axis=1) / float(PERMUTATIONS)
            top = int(np.argmax(similarity))
            if similarity[top] >= self.threshold:
                best = (self._ids[candidates[top]], float(similarity[top]))
        if report_id not in self._numbers:
            number = len(self._ids)
            if number == len(self._signatures):
                self._signatures = np.concatenate([self._signatures, np.zeros_like(self._signatures)])
            self._signatures[number] = values
            self._ids.append(report_id)
            self._numbers[report_id] = number
            self._bands.insert(number, keys)
        if best is None:
            self.group_of.setdefault(report_id, report_id)
            return None
        self.similar_to[report_id] = best
        self.group_of[report_id] = self.group_of.get(best[0], best[0])
        return best[0]
