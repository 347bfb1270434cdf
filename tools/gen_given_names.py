#!/usr/bin/env python3
"""Writes src/extract/ner/given_names.txt: US SSA given names (public domain,
../shared/data/given-names/derived/given-names.tsv) given to at least 1,000
people 1880-2023, lower case, sorted, one per line; the SSA placeholders
(Unknown, Baby, Infant, ...) left out. A feature of the entity recogniser,
never a rule on its own (many given names are also ordinary words).

    python3 tools/gen_given_names.py [--data ../shared/data]
"""
import argparse, os, pathlib

PLACEHOLDERS = {"unknown", "baby", "infant", "notnamed", "male", "female", "boy", "girl", "unnamed"}
ap = argparse.ArgumentParser()
ap.add_argument("--data", default=os.environ.get("AE_DATA", str(pathlib.Path(__file__).resolve().parent.parent.parent / "shared/data")))
ap.add_argument("--min", type=int, default=1000)
args = ap.parse_args()
src = pathlib.Path(args.data) / "given-names/derived/given-names.tsv"
names = set()
with open(src) as f:
    next(f)
    for line in f:
        name, total = line.split("\t")[:2]
        if int(total) >= args.min and name.lower() not in PLACEHOLDERS:
            names.add(name.lower())
out = pathlib.Path(__file__).resolve().parent.parent / "src/extract/ner/given_names.txt"
out.write_text("".join(n + "\n" for n in sorted(names)))
print(f"{len(names)} names -> {out}")
