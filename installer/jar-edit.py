#!/usr/bin/env python3
"""Copies a jar for the .deb, changing only what the package needs:

  jar-edit.py IN OUT --class-path "lib/a.jar lib/b.jar"   sets the manifest's Class-Path
  jar-edit.py IN OUT --native-only Linux/aarch64          drops the native libraries of every
                                                           other platform (.../native/<os>/<cpu>/)

The JavaFX jars differ by platform, so the arm64 package's manifest names other files than the
one Maven wrote; sqlite-jdbc and snappy-java carry libraries for a dozen platforms, of which the
package needs one (and an arm64 package should hold no x86-64 code).
"""
import argparse
import re
import zipfile


def wrap_manifest_line(line):
    # manifest lines are at most 72 bytes; continuation lines start with one space
    raw = line.encode("utf-8")
    chunks = [raw[:72]]
    rest = raw[72:]
    while rest:
        chunks.append(b" " + rest[:71])
        rest = rest[71:]
    return b"\r\n".join(chunks) + b"\r\n"


def with_class_path(manifest, class_path):
    text = manifest.decode("utf-8").replace("\r\n", "\n")
    unfolded = re.sub(r"\n ", "", text)
    lines = [l for l in unfolded.split("\n") if l and not l.startswith("Class-Path:")]
    lines.append("Class-Path: " + class_path)
    return b"".join(wrap_manifest_line(l) for l in lines) + b"\r\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("source")
    parser.add_argument("target")
    parser.add_argument("--class-path")
    parser.add_argument("--native-only")
    args = parser.parse_args()
    native = re.compile(r"(^|/)native/(?P<platform>[^/]+/[^/]+)/")
    with zipfile.ZipFile(args.source) as src, zipfile.ZipFile(
        args.target, "w", zipfile.ZIP_DEFLATED
    ) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if args.class_path is not None and info.filename == "META-INF/MANIFEST.MF":
                data = with_class_path(data, args.class_path)
            if args.native_only is not None:
                m = native.search(info.filename)
                if m and m.group("platform") != args.native_only:
                    continue
            out.writestr(info, data)


if __name__ == "__main__":
    main()
