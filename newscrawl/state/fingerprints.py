"""Text fingerprints for near-duplicate detection: trafilatura's 64-bit SimHash.

Two articles whose SimHashes differ in at most ``NEAR_BITS`` bits are near
duplicates (a syndicated copy with a new first line, a changed byline). To
find candidates without scanning, the hash is cut into four 16-bit bands:
hashes within 3 bits share at least one band exactly (pigeonhole), so one
indexed look-up per band finds them all.
"""

from __future__ import annotations

from trafilatura.deduplication import Simhash

NEAR_BITS = 3
BANDS = 4
BAND_BITS = 64 // BANDS


def simhash(text: str) -> int:
    """The 64-bit SimHash of a text, as an unsigned int."""
    return Simhash(text).hash


def bands(fingerprint: int) -> list[int]:
    """The four 16-bit bands of a fingerprint, tagged with their position."""
    mask = (1 << BAND_BITS) - 1
    return [(i << BAND_BITS) | ((fingerprint >> (i * BAND_BITS)) & mask) for i in range(BANDS)]


def near_duplicate_bits(a: int, b: int) -> int:
    """Hamming distance of two fingerprints."""
    return (a ^ b).bit_count()


def to_signed(value: int) -> int:
    """A 64-bit unsigned int as SQLite's signed INTEGER."""
    return value - (1 << 64) if value >= 1 << 63 else value


def to_unsigned(value: int) -> int:
    """Back from SQLite's signed INTEGER."""
    return value + (1 << 64) if value < 0 else value
