#!/usr/bin/env python3
"""Trains the entity recogniser's CRF with python-crfsuite (L-BFGS, which is
deterministic: the same features give the same model) on the features that
`cargo run --release --example ner -- features` writes for CoNLL-2003's
train.txt, then exports its weights in the core's own format
(src/extract/ner/model.aen, read by src/extract/ner/model.rs). Dev-time
only: the build never needs Python.

    pip install python-crfsuite==0.9.11
    cargo run --release --example ner -- features train.txt target/ner/train.tsv
    python3 tools/train_ner.py target/ner/train.tsv target/ner/ner.crfsuite \\
        --export src/extract/ner/model.aen

The model.aen format: magic "AENER\\0\\x1a\\n", u32 version (1), u32 payload
length, u32 FNV-1a of the payload, all little-endian; payload: u8 label
count, each label as u8 length + UTF-8; the transition weights as f32
[from][to]; u32 attribute count, then per attribute (sorted by name) u8
length + UTF-8, u8 weight count, and (u8 label, f32 weight) each.
"""
import argparse
import struct
import time

import pycrfsuite


def read_features(path):
    """Sentences of (features, label) from the tab-separated file."""
    xseq, yseq = [], []
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if xseq:
                    yield xseq, yseq
                xseq, yseq = [], []
                continue
            cols = line.split("\t")
            yseq.append(cols[0])
            xseq.append(cols[1:])
    if xseq:
        yield xseq, yseq


def train(args):
    trainer = pycrfsuite.Trainer(verbose=False)
    n = 0
    for xseq, yseq in read_features(args.features):
        trainer.append(xseq, yseq)
        n += 1
    trainer.set_params({
        "c1": args.c1,
        "c2": args.c2,
        "max_iterations": args.iterations,
        "feature.possible_transitions": True,
        "feature.minfreq": args.minfreq,
    })
    t = time.time()
    trainer.train(args.model)
    print(f"{n} sentences, {time.time() - t:.0f} s, c1={args.c1} c2={args.c2} "
          f"iterations={args.iterations} minfreq={args.minfreq}: {args.model}")


def fnv1a(data):
    h = 0x811C9DC5
    for b in data:
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return h


def export(crfsuite_path, out_path):
    tagger = pycrfsuite.Tagger()
    tagger.open(crfsuite_path)
    info = tagger.info()
    labels = sorted(info.labels, key=lambda l: int(info.labels[l]))
    index = {l: i for i, l in enumerate(labels)}
    payload = bytearray([len(labels)])
    for label in labels:
        b = label.encode()
        payload.append(len(b))
        payload += b
    for a in labels:
        for b in labels:
            payload += struct.pack("<f", info.transitions.get((a, b), 0.0))
    attrs = {}
    for (attr, label), w in info.state_features.items():
        attrs.setdefault(attr, []).append((index[label], w))
    keep = sorted(a for a in attrs if len(a.encode()) < 256)
    payload += struct.pack("<I", len(keep))
    for a in keep:
        b = a.encode()
        payload.append(len(b))
        payload += b
        weights = sorted(attrs[a])
        payload.append(len(weights))
        for li, w in weights:
            payload.append(li)
            payload += struct.pack("<f", w)
    head = b"AENER\0\x1a\n" + struct.pack("<III", 1, len(payload), fnv1a(payload))
    with open(out_path, "wb") as f:
        f.write(head + payload)
    print(f"{len(keep)} attributes, {len(info.state_features)} weights -> {out_path} "
          f"({len(head) + len(payload)} bytes)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("features", help="the feature file (ignored with --export-only)")
    ap.add_argument("model", help="the CRFsuite model to write (or read with --export-only)")
    ap.add_argument("--c1", type=float, default=0.05, help="L1 weight (prunes features)")
    ap.add_argument("--c2", type=float, default=0.05, help="L2 weight")
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--minfreq", type=float, default=1)
    ap.add_argument("--export", help="also write the model in the core's format here")
    ap.add_argument("--export-only", action="store_true", help="only convert MODEL")
    args = ap.parse_args()
    if not args.export_only:
        train(args)
    if args.export:
        export(args.model, args.export)


if __name__ == "__main__":
    main()
