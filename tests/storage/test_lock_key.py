"""The lock file's name is the one every coachkit computes: SHA-256, checked against hashlib."""

from __future__ import annotations

import hashlib

from hypothesis import given, settings
from hypothesis import strategies as st

from coachkit.storage.lock_key import lock_key, sha256_hex
from tests.hypothesis_strategies import examples


@settings(max_examples=examples(300), deadline=None)
@given(st.binary(max_size=300))
def test_sha256_is_hashlibs(data: bytes) -> None:
    assert sha256_hex(data) == hashlib.sha256(data).hexdigest()


def test_every_padding_length_and_a_path_with_undecodable_bytes() -> None:
    for size in range(0, 200):
        data = bytes(range(256))[:size]
        assert sha256_hex(data) == hashlib.sha256(data).hexdigest()
    odd = "clients/acme-\udcff"  # a name os.fsdecode made from a byte that is not UTF-8
    want = hashlib.sha256(odd.encode("utf-8", "surrogateescape")).hexdigest()[:24]
    assert lock_key(odd) == want
    assert lock_key(".") == hashlib.sha256(b".").hexdigest()[:24]
