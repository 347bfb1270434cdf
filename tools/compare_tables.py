#!/usr/bin/env python3
"""Compare two dumps of the summary tables (`cargo run --release --example
tables_time -- BLOB --json FILE`) row by row, mapping the older row shapes
to today's first: a row's `at` as { article, block, cell, start, end,
matchStart, matchEnd } becomes { article, sentence, fact } locations, and
`perArticle` as an object keyed by id becomes [id, count] pairs. Prints
whether the two are identical; exits 1 when they differ.

    python3 tools/compare_tables.py OLD.json NEW.json
"""
import json
import sys


def segment(block, cell):
    if cell:
        return {"in": "cell", "table": cell[0], "row": cell[1], "col": cell[2]}
    if block is None:
        return {"in": "title"}
    return {"in": "block", "block": block}


OLD_AT = {"article", "block", "cell", "start", "end", "matchStart", "matchEnd"}


def today(value):
    if isinstance(value, list):
        return [today(v) for v in value]
    if not isinstance(value, dict):
        return value
    if set(value) == OLD_AT:
        seg = segment(value["block"], value["cell"])
        return {
            "article": value["article"],
            "sentence": {"segment": seg, "start": value["start"], "end": value["end"]},
            "fact": {"segment": seg, "start": value["matchStart"], "end": value["matchEnd"]},
        }
    out = {}
    for k, v in value.items():
        if k == "perArticle" and isinstance(v, dict):
            out[k] = sorted([key, n] for key, n in v.items())
        else:
            out[k] = today(v)
    return out


def main():
    old, new = (json.load(open(p)) for p in sys.argv[1:3])
    same = today(old) == today(new)
    print("identical" if same else "different")
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
