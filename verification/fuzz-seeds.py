#!/usr/bin/env python3
"""Regenerates the fuzz targets' seed corpora (src/test/resources/.../*Inputs/) from spec/vectors.

Seeds stay small: each vector file is cut after its first CAP bytes of whole lines. Run from the
repository root: python3 verification/fuzz-seeds.py. Findings (crash-* files Jazzer writes next
to the seeds) are left alone.
"""
import pathlib

CAP = 2048
ROOT = pathlib.Path(__file__).resolve().parent.parent
VECTORS = sorted((ROOT / "spec" / "vectors").glob("*.vec"))
RES = ROOT / "src" / "test" / "resources" / "fba"


def cut(text):
    out, size = [], 0
    for line in text.splitlines(keepends=True):
        if size + len(line) > CAP:
            break
        out.append(line)
        size += len(line)
    return "".join(out)


def write(directory, name, data):
    directory.mkdir(parents=True, exist_ok=True)
    for old in directory.glob("seed-*"):
        if old.name.startswith("seed-" + name):
            old.unlink()
    (directory / ("seed-" + name)).write_bytes(data)


def main():
    session = RES / "protocol" / "SessionFuzzTestInputs" / "bytePathAndStringPathAnswerAlikeAndPerSpec"
    framing = RES / "protocol" / "FramingFuzzTestInputs" / "sameLinesWhateverTheChunking"
    vectors = RES / "cli" / "VectorFileFuzzTestInputs" / "malformedFilesGetPreciseErrors"
    shapes = RES / "check" / "ResponseShapeFuzzTestInputs" / "acceptsOnlyProtocolResponses"
    responses = set()
    for v in VECTORS:
        text = v.read_text(encoding="utf-8")
        strict = "#! profile strict" in text
        requests = "".join(line.split(" => ")[0] + "\n" for line in cut(text).splitlines())
        # Session: first byte picks the profile (even: substrate, odd: strict).
        write(session, v.stem, (b"\x01" if strict else b"\x00") + requests.encode())
        # Framing: first byte the buffer size, the next four the chunk sizes; CRLF on every other file.
        body = requests.replace("\n", "\r\n") if len(v.stem) % 2 else requests
        write(framing, v.stem, bytes([0, 1, 7, 64, 3]) + body.encode())
        write(vectors, v.stem, cut(text).encode())
        for line in text.splitlines():
            if " => " in line:
                responses.add(line.split(" => ", 1)[1])
    write(shapes, "vector-expectations", "\n".join(sorted(responses)).encode() + b"\n")


if __name__ == "__main__":
    main()
