"""Near-duplicate reports: republications with small edits, found with MinHash.

Each report's normalised words are cut into overlapping word pairs
(shingles). MinHash signatures estimate the Jaccard similarity of two
reports' shingle sets, and an LSH index finds the earlier reports whose
estimate passes the threshold without comparing every pair.

The index is built for an archive of a million reports: it holds no Python
object per report. Band keys are 64-bit integers in sorted numpy arrays
(`_KeyTable`), the signatures wait in a small block and then go to a
temporary file read back only for candidates (`_Signatures`), and the groups
are integer arrays read through dict-like views (`group_of`, `similar_to`).
About 0.3 KB of memory per report. Keys are computed the same in every process, so an index
can be saved beside an archive (`save`) and loaded by the next run (`load`), which then adds
only its new reports.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
import tempfile
from array import array
from collections.abc import Iterator, Mapping
from pathlib import Path

import numpy as np

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


def signature(text: str):
    """The text's datasketch MinHash (datasketch, which imports scipy, is imported here: a run
    whose reports all come from the cache never needs it)."""
    from datasketch import MinHash

    minhash = MinHash(num_perm=PERMUTATIONS, seed=1)
    minhash.update_batch(list(shingles(text)))
    return minhash


_MASK = (1 << 64) - 1


def _mix(values: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser over uint64 values (wrapping arithmetic): well-spread 64-bit keys."""
    with np.errstate(over="ignore"):
        values = (values ^ (values >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        values = (values ^ (values >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return values ^ (values >> np.uint64(31))


def id_key(report_id: str) -> int:
    """A report id's 64-bit key, the same in every process."""
    return int.from_bytes(hashlib.blake2b(report_id.encode("utf-8"), digest_size=8).digest(), "little", signed=True)


class _KeyTable:
    """An append-only multimap from 64-bit keys (the same in every process) to report
    numbers. The latest entries sit in a dict (and in two compact arrays, in the order they
    came); every `flush_every` of them are merged into two sorted numpy arrays (12 bytes an
    entry), searched with `searchsorted`."""

    def __init__(self, flush_every: int = 1 << 17):
        self.keys = np.zeros(0, dtype=np.int64)
        self.numbers = np.zeros(0, dtype=np.uint32)
        self.recent: dict[int, int | list[int]] = {}
        self.recent_keys, self.recent_numbers = array("q"), array("L")
        self.flush_every = flush_every

    def find_one(self, key: int) -> list[int]:
        """`find([key])` without building arrays (a lookup by report id)."""
        stored, found = self.keys, []
        if len(stored):
            at = end = int(stored.searchsorted(key))
            while end < len(stored) and stored[end] == key:
                end += 1
            if end > at:
                found = self.numbers[at:end].tolist()
        hit = self.recent.get(key)
        if hit is not None:
            found.extend(hit if isinstance(hit, list) else (hit,))
        return found

    def find(self, keys: list[int]) -> list[int]:
        """The numbers under any of `keys` (a number may come more than once)."""
        found: list[int] = []
        stored = self.keys
        if len(stored):
            wanted = np.array(keys, dtype=np.int64)
            at = np.searchsorted(stored, wanted)
            hits = np.flatnonzero(stored[np.minimum(at, len(stored) - 1)] == wanted)
            for hit in hits.tolist():
                start = end = int(at[hit])
                while end < len(stored) and stored[end] == wanted[hit]:
                    end += 1
                found.extend(self.numbers[start:end].tolist())
        recent = self.recent
        for key in keys:
            hit = recent.get(key)
            if hit is not None:
                found.extend(hit if isinstance(hit, list) else (hit,))
        return found

    def add(self, number: int, keys: list[int]) -> None:
        recent = self.recent
        for key in keys:
            hit = recent.get(key)
            if hit is None:
                recent[key] = number
            elif isinstance(hit, list):
                hit.append(number)
            else:
                recent[key] = [hit, number]
        self.recent_keys.extend(keys)
        self.recent_numbers.extend([number] * len(keys))
        if len(self.recent_keys) >= self.flush_every:
            self.flush()

    def flush(self) -> None:
        """Merge the recent entries into the sorted arrays (after the equal keys already there)."""
        if not self.recent_keys:
            return
        new_keys = np.frombuffer(self.recent_keys, dtype=np.int64)
        new_numbers = np.frombuffer(self.recent_numbers, dtype=np.uint64 if self.recent_numbers.itemsize == 8
                                    else np.uint32).astype(np.uint32)
        order = np.argsort(new_keys, kind="stable")
        new_keys, new_numbers = new_keys[order], new_numbers[order]
        at = np.searchsorted(self.keys, new_keys, side="right")
        self.keys = np.insert(self.keys, at, new_keys)
        self.numbers = np.insert(self.numbers, at, new_numbers)
        self.recent, self.recent_keys, self.recent_numbers = {}, array("q"), array("L")


class _Signatures:
    """Every report's signature (PERMUTATIONS uint32 values) by report number: the first
    `base_rows` in a saved file (`base`, read only), then the latest `block` ones in memory,
    the others in a temporary file, read back one by one."""

    def __init__(self, block: int = 4096, base: Path | None = None, base_rows: int = 0):
        self.block = np.zeros((block, PERMUTATIONS), dtype=np.uint32)
        self.in_block = 0
        self.base = open(base, "rb") if base is not None else None
        self.on_disk = self.base_rows = base_rows if base is not None else 0
        self.file = None

    def append(self, values: np.ndarray) -> None:
        if self.in_block == len(self.block):
            if self.file is None:
                self.file = tempfile.TemporaryFile(prefix="rasd_signatures_")
            self.file.seek(0, os.SEEK_END)
            self.file.write(self.block[:self.in_block].tobytes())
            self.file.flush()
            self.on_disk += self.in_block
            self.in_block = 0
        self.block[self.in_block] = values
        self.in_block += 1

    def rows(self, numbers: list[int]) -> np.ndarray:
        out = np.empty((len(numbers), PERMUTATIONS), dtype=np.uint32)
        size = PERMUTATIONS * 4
        for place, number in enumerate(numbers):
            if number >= self.on_disk:
                out[place] = self.block[number - self.on_disk]
            elif number < self.base_rows:
                out[place] = np.frombuffer(os.pread(self.base.fileno(), size, number * size), dtype=np.uint32)
            else:
                out[place] = np.frombuffer(os.pread(self.file.fileno(), size, (number - self.base_rows) * size),
                                           dtype=np.uint32)
        return out

    def write_from(self, first: int, handle) -> None:
        """Write the signatures of reports `first`… to `handle`."""
        size = PERMUTATIONS * 4
        if first < self.base_rows:
            _copy_bytes(self.base, first * size, self.base_rows * size, handle)
            first = self.base_rows
        if first < self.on_disk:
            self.file.flush()
            _copy_bytes(self.file, (first - self.base_rows) * size, (self.on_disk - self.base_rows) * size, handle)
        handle.write(self.block[max(first - self.on_disk, 0):self.in_block].tobytes())

    def close(self) -> None:
        for handle in (self.file, self.base):
            if handle is not None:
                handle.close()
        self.file = self.base = None


def _copy_bytes(source, start: int, end: int, handle) -> None:
    while start < end:
        chunk = os.pread(source.fileno(), min(1 << 24, end - start), start)
        handle.write(chunk)
        start += len(chunk)


@functools.lru_cache
def _band_ranges(threshold: float) -> list[tuple[int, int]]:
    """The bands datasketch's MinHashLSH cuts a signature into for this threshold (for the
    default threshold, its 18 bands of 7 values without importing it: a test checks them)."""
    if (threshold, PERMUTATIONS) in KNOWN_BANDS:
        bands, width = KNOWN_BANDS[threshold, PERMUTATIONS]
        return [(band * width, (band + 1) * width) for band in range(bands)]
    from datasketch import MinHashLSH

    return list(MinHashLSH(threshold=threshold, num_perm=PERMUTATIONS).hashranges)


KNOWN_BANDS = {(THRESHOLD, PERMUTATIONS): (18, 7)}   # (threshold, permutations) → (bands, values per band)


class NearDuplicateIndex:
    """Add reports one at a time; each is linked to the first earlier report
    it nearly repeats (the most similar one; on a tie, the earliest). Holds
    signatures only, never the texts.

    The candidates are the earlier reports that share a whole band of the
    signature with it (datasketch's MinHashLSH banding for `threshold`); their
    estimated similarity is the share of equal signature values."""

    def __init__(self, threshold: float = THRESHOLD, *, recent_keys: int = 1 << 17,
                 signatures_in_memory: int = 4096):
        """`recent_keys`: band keys kept in a dict before they are merged into the sorted arrays;
        `signatures_in_memory`: signatures kept before they go to the temporary file."""
        self.threshold = threshold
        ranges = _band_ranges(threshold)
        # bands of equal width, side by side (datasketch's): band keys are a weighted sum of the
        # band's values, with a different weight per place and per band, mixed (`_band_keys`)
        self._band_width, self._band_count = ranges[0][1] - ranges[0][0], len(ranges)
        assert all(r == (n * self._band_width, (n + 1) * self._band_width) for n, r in enumerate(ranges))
        weights = np.random.default_rng(20261203).integers(1, 2 ** 63, size=(len(ranges), self._band_width),
                                                           dtype=np.uint64)
        self._weights = weights | np.uint64(1)   # odd: a change of one value always changes the sum
        self._bands = _KeyTable(recent_keys)
        self._by_id = _KeyTable(recent_keys)   # hash(id) → the report's number
        self._signatures = _Signatures(signatures_in_memory)
        self._ids: list[str] = []
        self._group = np.zeros(1024, dtype=np.int32)      # number → number of the group's first report
        self._earlier = np.full(1024, -1, dtype=np.int32)  # number → the earlier report it repeats, or -1
        self._equal = np.zeros(1024, dtype=np.uint8)       # number → equal signature values with it
        self.group_of: Mapping[str, str] = _GroupView(self)            # report id → id of the group's first report
        self.similar_to: Mapping[str, tuple[str, float]] = _SimilarView(self)  # report id → (earlier report, similarity)

    def add(self, report_id: str, text: str) -> str | None:
        """Index a report; return the id of the earlier report it repeats, if any."""
        return self.add_hashvalues(report_id, signature(text).hashvalues)

    def add_signature(self, report_id: str, minhash) -> str | None:
        return self.add_hashvalues(report_id, minhash.hashvalues)

    def add_hashvalues(self, report_id: str, hashvalues) -> str | None:
        """`add` for a signature computed elsewhere (`signature(text).hashvalues`, e.g. in a worker)."""
        values = np.asarray(hashvalues).astype(np.uint32)
        keys = self._band_keys(values)
        best = None
        candidates = sorted(set(self._bands.find(keys)))
        if candidates:  # MinHash.jaccard for all candidates at once; the first best one wins
            equal = np.count_nonzero(self._signatures.rows(candidates) == values, axis=1)
            top = int(np.argmax(equal))
            if equal[top] / float(PERMUTATIONS) >= self.threshold:
                best = (candidates[top], int(equal[top]))
        number = self.number_of(report_id)
        if number is None:
            number = len(self._ids)
            self._grow(number)
            self._signatures.append(values)
            self._ids.append(report_id)
            self._by_id.add(number, [id_key(report_id)])
            self._bands.add(number, keys)
            self._group[number] = number
        if best is None:
            return None
        earlier, equal = best
        self._earlier[number], self._equal[number] = earlier, equal
        self._group[number] = self._group[earlier]
        return self._ids[earlier]

    def _band_keys(self, values: np.ndarray) -> list[int]:
        """One 64-bit key per band of a signature, the same in every process."""
        bands = values[:self._band_count * self._band_width].astype(np.uint64).reshape(self._band_count, -1)
        with np.errstate(over="ignore"):
            sums = (bands * self._weights).sum(axis=1, dtype=np.uint64)
        return _mix(sums + np.arange(1, self._band_count + 1, dtype=np.uint64)).view(np.int64).tolist()

    def link_of(self, number: int) -> tuple[str | None, float | None]:
        """(the earlier report report `number` repeats, similarity), or (None, None): what
        `add` returned for it and what `similar_to` holds."""
        earlier = int(self._earlier[number])
        if earlier < 0:
            return None, None
        return self._ids[earlier], int(self._equal[number]) / float(PERMUTATIONS)

    def prefix(self, count: int) -> NearDuplicateIndex:
        """A new index fed this one's first `count` reports, in order."""
        index = NearDuplicateIndex(self.threshold)
        for start in range(0, count, 4096):
            numbers = list(range(start, min(count, start + 4096)))
            for number, values in zip(numbers, self._signatures.rows(numbers)):
                index.add_hashvalues(self._ids[number], values)
        return index

    def number_of(self, report_id: str) -> int | None:
        """The report's place in the index, or None if it was never added."""
        for number in self._by_id.find_one(id_key(report_id)):
            if self._ids[number] == report_id:
                return number
        return None

    def __len__(self) -> int:
        return len(self._ids)

    def groups(self) -> dict[str, str]:
        """`group_of` as a plain dict (one lookup per report, where the view searches the index)."""
        ids, group = self._ids, self._group[:len(self._ids)].tolist()
        return {report_id: ids[first] for report_id, first in zip(ids, group)}

    def close(self) -> None:
        """Let go of the signatures' temporary file (the index answers no more queries)."""
        self._signatures.close()

    def save(self, folder: str | Path) -> None:
        """Keep the index in `folder` for `load`: the signatures in one file that only grows
        (those already there are not written again), the rest in a new sub-folder named by the
        number of reports, made whole before `index.json` points to it."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        saved = saved_reports(folder)
        count = len(self._ids)
        if self._signatures.base_rows != saved or count < saved:   # not loaded from this folder
            saved = 0
        with open(folder / "signatures.u32", "r+b" if saved else "wb") as handle:
            handle.truncate(saved * PERMUTATIONS * 4)
            handle.seek(0, os.SEEK_END)
            self._signatures.write_from(saved, handle)
        self._bands.flush()
        self._by_id.flush()
        arrays = folder / f"reports-{count}"
        shutil.rmtree(arrays, ignore_errors=True)
        arrays.mkdir()
        np.savez(arrays / "index.npz", band_keys=self._bands.keys, band_numbers=self._bands.numbers,
                 id_keys=self._by_id.keys, id_numbers=self._by_id.numbers, group=self._group[:count],
                 earlier=self._earlier[:count], equal=self._equal[:count])
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.table({"id": pa.array(self._ids, pa.string())}), arrays / "ids.parquet")
        partial = folder / "index.json.tmp"
        partial.write_text(json.dumps({"format": SAVE_FORMAT, "reports": count, "threshold": self.threshold}),
                           encoding="utf-8")
        os.replace(partial, folder / "index.json")
        for old in folder.glob("reports-*"):
            if old != arrays:
                shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def load(cls, folder: str | Path, threshold: float = THRESHOLD, **sizes) -> NearDuplicateIndex | None:
        """The index `save` kept in `folder`, ready to take more reports; None when there is
        none (or it was saved for another threshold)."""
        folder = Path(folder)
        try:
            meta = json.loads((folder / "index.json").read_text(encoding="utf-8"))
            if meta.get("format") != SAVE_FORMAT or meta.get("threshold") != threshold:
                return None
            count = int(meta["reports"])
            arrays = np.load(folder / f"reports-{count}" / "index.npz")
            import pyarrow.parquet as pq

            ids = pq.read_table(folder / f"reports-{count}" / "ids.parquet").column("id").to_pylist()
            if len(ids) != count or (folder / "signatures.u32").stat().st_size < count * PERMUTATIONS * 4:
                return None
        except (OSError, ValueError, KeyError):
            return None
        index = cls(threshold, **sizes)
        index._signatures.close()
        index._signatures = _Signatures(len(index._signatures.block), folder / "signatures.u32", count)
        index._bands.keys, index._bands.numbers = arrays["band_keys"], arrays["band_numbers"]
        index._by_id.keys, index._by_id.numbers = arrays["id_keys"], arrays["id_numbers"]
        index._ids = ids
        size = max(1024, count)
        index._group = np.resize(arrays["group"], size)
        index._earlier = np.concatenate([arrays["earlier"], np.full(size - count, -1, dtype=np.int32)])
        index._equal = np.resize(arrays["equal"], size)
        return index

    def _grow(self, number: int) -> None:
        if number < len(self._group):
            return
        size = 2 * len(self._group)
        self._group = np.resize(self._group, size)
        self._earlier = np.concatenate([self._earlier, np.full(size - len(self._earlier), -1, dtype=np.int32)])
        self._equal = np.resize(self._equal, size)


SAVE_FORMAT = 1


def saved_reports(folder: str | Path) -> int:
    """How many reports the index saved in `folder` holds (0: none)."""
    try:
        meta = json.loads((Path(folder) / "index.json").read_text(encoding="utf-8"))
        return int(meta["reports"]) if meta.get("format") == SAVE_FORMAT else 0
    except (OSError, ValueError, KeyError, TypeError):
        return 0


class _GroupView(Mapping):
    """`group_of`: report id → id of the first report of its group (itself when it repeats none)."""

    def __init__(self, index: NearDuplicateIndex):
        self._index = index

    def __getitem__(self, report_id: str) -> str:
        number = self._index.number_of(report_id)
        if number is None:
            raise KeyError(report_id)
        return self._index._ids[int(self._index._group[number])]

    def __iter__(self) -> Iterator[str]:
        return iter(self._index._ids)

    def __len__(self) -> int:
        return len(self._index._ids)


class _SimilarView(Mapping):
    """`similar_to`: report id → (the earlier report it repeats, estimated similarity), for repeats only."""

    def __init__(self, index: NearDuplicateIndex):
        self._index = index

    def __getitem__(self, report_id: str) -> tuple[str, float]:
        index = self._index
        number = index.number_of(report_id)
        if number is None or index._earlier[number] < 0:
            raise KeyError(report_id)
        return index._ids[int(index._earlier[number])], int(index._equal[number]) / float(PERMUTATIONS)

    def __iter__(self) -> Iterator[str]:
        index = self._index
        return (index._ids[number] for number in np.flatnonzero(index._earlier[:len(index._ids)] >= 0).tolist())

    def __len__(self) -> int:
        return int(np.count_nonzero(self._index._earlier[:len(self._index._ids)] >= 0))
