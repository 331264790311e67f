import hashlib
import subprocess
import sys

import gofilehash
import pytest


def test_sha256_matches_hashlib():
    for data in (b"", b"abc", bytes(range(256)) * 1000):
        assert gofilehash.sha256(data) == hashlib.sha256(data).hexdigest()


def test_many_files_hashed_concurrently_in_order(tmp_path):
    paths = []
    for i in range(200):
        path = tmp_path / f"f{i}.bin"
        path.write_bytes(str(i).encode() * (i * 97 + 1))
        paths.append(path)
    digests = gofilehash.sha256_files(paths, workers=8)
    assert list(digests) == [str(p) for p in paths]
    for path in paths:
        assert digests[str(path)] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_missing_file_raises_oserror_naming_it(tmp_path):
    good = tmp_path / "good"
    good.write_text("x")
    with pytest.raises(OSError, match="nope"):
        gofilehash.sha256_files([good, tmp_path / "nope"])


def test_sha256_reads_any_buffer_in_place():
    data = bytearray(b"hello world")
    expected = hashlib.sha256(data).hexdigest()
    assert gofilehash.sha256(data) == expected
    assert gofilehash.sha256(memoryview(data)) == expected
    assert gofilehash.sha256(b"abc", digits=8) == hashlib.sha256(b"abc").hexdigest()[:8]


def test_go_panic_is_raised_and_the_interpreter_carries_on():
    with pytest.raises(gofilehash.GoPanic) as caught:
        gofilehash.sha256(b"abc", digits=65)
    assert "slice bounds out of range" in caught.value.value
    assert "Sha256Hex" in caught.value.go_stack
    assert gofilehash.sha256(b"abc") == hashlib.sha256(b"abc").hexdigest()


def test_wrong_argument_type_raises_type_error():
    with pytest.raises(TypeError):
        gofilehash.sha256("text is not bytes")


def test_go_functions_keep_their_doc_comments():
    from setuptools_golang_ext.runtime import load

    assert load("gofilehash._native").HashFiles.__doc__.startswith("HashFiles hashes")


def test_empty_list():
    assert gofilehash.sha256_files([]) == {}


def test_command_line(tmp_path):
    path = tmp_path / "hello.txt"
    path.write_text("hello\n")
    out = subprocess.run([sys.executable, "-m", "gofilehash", str(path)],
                         capture_output=True, text=True, check=True).stdout
    assert out == f"{hashlib.sha256(b'hello' + bytes([10])).hexdigest()}  {path}\n"


def _files(tmp_path, count):
    paths = []
    for i in range(count):
        path = tmp_path / f"f{i}.txt"
        path.write_bytes(b"x" * i)
        paths.append(path)
    return paths


def test_hasher_is_a_class_with_fields_a_callback_and_a_dict_result(tmp_path):
    files = _files(tmp_path, 20)
    paths = [str(p) for p in files]
    hasher = gofilehash.Hasher(Workers=3, Algorithm="sha512")
    assert (hasher.Workers, hasher.Algorithm) == (3, "sha512")
    seen = []
    digests = hasher.HashFiles(paths, lambda path, done, total: seen.append((path, done, total)))
    assert digests == {str(p): hashlib.sha512(p.read_bytes()).hexdigest() for p in files}
    assert sorted(path for path, _, _ in seen) == sorted(paths)
    assert sorted(done for _, done, _ in seen) == list(range(1, 21))
    assert {total for _, _, total in seen} == {20}


def test_hash_files_defaults_to_sha256_and_keeps_the_order(tmp_path):
    paths = _files(tmp_path, 5)[::-1]
    calls = []
    digests = gofilehash.hash_files(paths, progress=lambda *call: calls.append(call))
    assert list(digests) == [str(p) for p in paths] and len(calls) == 5
    assert digests == gofilehash.sha256_files(paths)
    assert gofilehash.hash_files(paths, "sha1")[str(paths[0])] == \
        hashlib.sha1(paths[0].read_bytes()).hexdigest()
    assert gofilehash.ALGORITHMS == ("sha1", "sha256", "sha512")


def test_hasher_errors(tmp_path):
    from setuptools_golang_ext.runtime import GoError

    with pytest.raises(ValueError, match="unknown algorithm 'md4'"):
        gofilehash.hash_files([], "md4")
    with pytest.raises(GoError, match='unknown algorithm "md4"'):
        gofilehash.Hasher(Algorithm="md4").HashFiles([], lambda *call: None)
    with pytest.raises(OSError, match="missing"):
        gofilehash.hash_files([tmp_path / "missing"])


def test_an_exception_in_progress_is_raised_after_the_call(tmp_path):
    class Stop(Exception):
        pass

    def progress(path, done, total):
        raise Stop(path)

    with pytest.raises(Stop):
        gofilehash.hash_files(_files(tmp_path, 3), progress=progress)
