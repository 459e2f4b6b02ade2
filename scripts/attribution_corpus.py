#!/usr/bin/env python3
"""Validate, summarise and review the attribution (reported speech) corpus.

The corpus is standoff: tests/attribution/annotations.jsonl holds UTF-8 byte
offsets into article bodies that live outside the repository, in
../shared/data/pages/aeb/ground-truth.json (relative to the project root).
See tests/attribution/GUIDELINE.md for the annotation rules.

Usage:
  scripts/attribution_corpus.py [validate]           check everything (default)
  scripts/attribution_corpus.py stats                validate, then print statistics
  scripts/attribution_corpus.py show DOC [--hints]   print one article with its
                                                     annotations (DOC = id prefix or
                                                     url host); --hints also lists
                                                     unannotated reporting-verb
                                                     candidates for review
Options:
  --annotations PATH   default: tests/attribution/annotations.jsonl
  --ground-truth PATH  default: ../shared/data/pages/aeb/ground-truth.json

Exit status: 0 if valid, 1 on any violation, 2 if the ground truth is missing.
Python 3 standard library only.
"""

import argparse
import collections
import hashlib
import json
import os
import re
import sys
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_ANN = os.path.join(ROOT, "tests", "attribution", "annotations.jsonl")
DEFAULT_GT = os.path.join(ROOT, "..", "shared", "data", "pages", "aeb", "ground-truth.json")

KINDS = ("source", "cue", "content")
SOURCE_TYPES = ("named", "pronoun", "descriptive", "anonymous")
MAX_SNIPPET_CHARS = 150  # source_text / cue_text must stay short snippets
RECORD_KEYS = {"doc", "url", "sha256", "attributions", "annotated_until"}
ATT_KEYS = {"source", "cue", "content", "source_text", "cue_text", "source_type"}


def host(url):
    h = urllib.parse.urlparse(url).netloc.lower()
    return h[4:] if h.startswith("www.") else h


def load_ground_truth(path):
    if not os.path.exists(path):
        sys.stderr.write(
            "ERROR: ground truth not found at %s\n"
            "The article texts are not in this repository; they live in ../shared "
            "(next to the project root). Check out / mount ../shared/data or pass "
            "--ground-truth PATH.\n" % os.path.normpath(path))
        sys.exit(2)
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def load_annotations(path, errors):
    records = []
    if not os.path.exists(path):
        errors.append("annotations file missing: %s" % path)
        return records
    with open(path, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except ValueError as e:
                errors.append("line %d: invalid JSON: %s" % (ln, e))
                continue
            if not isinstance(rec, dict):
                errors.append("line %d: not a JSON object" % ln)
                continue
            rec["_line"] = ln
            records.append(rec)
    return records


def is_boundary(b, i):
    """True if byte offset i starts a UTF-8 character (or is the end)."""
    return i == len(b) or (0 <= i < len(b) and (b[i] & 0xC0) != 0x80)


def check_span(b, span, what, errs, allow_null=False):
    if span is None:
        if not allow_null:
            errs.append("%s is null" % what)
        return None
    if (not isinstance(span, list) or len(span) != 2
            or not all(isinstance(x, int) and not isinstance(x, bool) for x in span)):
        errs.append("%s must be [start, end] integers, got %r" % (what, span))
        return None
    s, e = span
    if not 0 <= s < e <= len(b):
        errs.append("%s %r empty or out of range (text has %d bytes)" % (what, span, len(b)))
        return None
    if not (is_boundary(b, s) and is_boundary(b, e)):
        errs.append("%s %r not on UTF-8 character boundaries" % (what, span))
        return None
    t = b[s:e].decode("utf-8")
    if t != t.strip():
        errs.append("%s %r has leading/trailing whitespace: %r" % (what, span, t))
    return (s, e)


def validate(records, gt):
    """Returns (errors, docs) where docs is a list of (record, text_bytes)."""
    errors = []
    docs = []
    seen = set()
    for rec in records:
        where = "line %d" % rec["_line"]
        extra = set(rec) - RECORD_KEYS - {"_line"}
        if extra:
            errors.append("%s: unknown keys %s" % (where, sorted(extra)))
        doc = rec.get("doc")
        if doc not in gt:
            errors.append("%s: doc %r not in ground truth" % (where, doc))
            continue
        where = "line %d (%s…, %s)" % (rec["_line"], doc[:10], host(gt[doc]["url"]))
        if doc in seen:
            errors.append("%s: duplicate doc" % where)
        seen.add(doc)
        text = gt[doc]["articleBody"]
        b = text.encode("utf-8")
        if rec.get("url") != gt[doc]["url"]:
            errors.append("%s: url differs from ground truth" % where)
        if rec.get("sha256") != hashlib.sha256(b).hexdigest():
            errors.append("%s: sha256 does not match the articleBody (text changed?)" % where)
            continue
        until = rec.get("annotated_until")
        if until is not None:
            if (not isinstance(until, int) or isinstance(until, bool)
                    or not 0 < until <= len(b) or not is_boundary(b, until)):
                errors.append("%s: bad annotated_until %r" % (where, until))
                until = None
        limit = until if until is not None else len(b)
        atts = rec.get("attributions")
        if not isinstance(atts, list):
            errors.append("%s: attributions must be a list" % where)
            continue
        cues = {}
        prev = -1
        for i, a in enumerate(atts):
            errs = []
            if not isinstance(a, dict):
                errors.append("%s att #%d: not an object" % (where, i))
                continue
            extra = set(a) - ATT_KEYS
            if extra:
                errs.append("unknown keys %s" % sorted(extra))
            spans = {}
            for k in KINDS:
                if k not in a:
                    errs.append("missing %s" % k)
                    continue
                sp = check_span(b, a[k], k, errs, allow_null=(k == "content"))
                if sp:
                    spans[k] = sp
            for k in ("source", "cue"):
                tk = k + "_text"
                if not isinstance(a.get(tk), str):
                    errs.append("missing %s" % tk)
                elif k in spans:
                    s, e = spans[k]
                    if b[s:e].decode("utf-8") != a[tk]:
                        errs.append("%s %r does not match text %r" % (tk, a[tk], b[s:e].decode("utf-8")))
                    if len(a[tk]) > MAX_SNIPPET_CHARS:
                        errs.append("%s longer than %d chars" % (tk, MAX_SNIPPET_CHARS))
            if a.get("source_type") not in SOURCE_TYPES:
                errs.append("source_type must be one of %s" % (SOURCE_TYPES,))
            ks = sorted(spans)
            for x in range(len(ks)):
                for y in range(x + 1, len(ks)):
                    p, q = spans[ks[x]], spans[ks[y]]
                    if p[0] < q[1] and q[0] < p[1]:
                        errs.append("%s %r overlaps %s %r" % (ks[x], list(p), ks[y], list(q)))
            for k, (s, e) in spans.items():
                if e > limit:
                    errs.append("%s %r extends past annotated_until %d" % (k, [s, e], limit))
            if "cue" in spans:
                c = spans["cue"]
                if c in cues:
                    errs.append("cue %r annotated twice (one attribution per cue)" % list(c))
                cues[c] = i
                if c[0] < prev:
                    errs.append("attributions not sorted by cue start")
                prev = c[0]
            for e in errs:
                label = a.get("cue_text", "?") if isinstance(a, dict) else "?"
                errors.append("%s att #%d (%r): %s" % (where, i, label, e))
        docs.append((rec, b))
    return errors, docs


QUOTES = "\"“”'‘’"


def stats(docs, gt):
    hosts = collections.Counter()
    types = collections.Counter()
    cues = collections.Counter()
    n = null_content = direct = before = partial = 0
    per_doc = []
    for rec, b in docs:
        hosts[host(rec["url"])] += 1
        atts = rec["attributions"]
        per_doc.append((host(rec["url"]), len(atts), rec.get("annotated_until")))
        if rec.get("annotated_until") is not None:
            partial += 1
        for a in atts:
            n += 1
            types[a["source_type"]] += 1
            words = a["cue_text"].lower().split()
            cues[" ".join(words[-2:]) if words[-1] in ("to", "out", "like") else words[-1]] += 1
            if a["content"] is None:
                null_content += 1
                continue
            ct = b[a["content"][0]:a["content"][1]].decode("utf-8")
            if ct[0] in QUOTES:
                direct += 1
            if a["content"][0] < a["cue"][0]:
                before += 1
    print("docs:           %d (%d annotated only up to annotated_until)" % (len(docs), partial))
    print("distinct hosts: %d" % len(hosts))
    print("attributions:   %d" % n)
    print("source types:   " + ", ".join("%s %d" % (t, types[t]) for t in SOURCE_TYPES))
    print("spans:          source %d, cue %d, content %d (null content %d)"
          % (n, n, n - null_content, null_content))
    print("content:        %d start with a quote mark, %d precede their cue" % (direct, before))
    print("cues (head word): " + ", ".join("%s %d" % kv for kv in cues.most_common()))
    print("per doc:")
    for h, k, u in sorted(per_doc):
        print("  %-32s %3d%s" % (h, k, "" if u is None else "  (until byte %d)" % u))


HINT_RE = re.compile(
    r"\b(said|says|say|saying|told|tells|tell|according to|added|adds|adding|announced|noted|notes|"
    r"wrote|writes|reported|reports|claimed|claims|argued|argues|warned|explained|stated|believes?|"
    r"believed|think|thinks|thought|insisted|acknowledged|confirmed|denied|denies|suggested|asked|"
    r"tweeted|predicted|estimated|recalled|admitted|found|showed|shows|expects?|expected|concluded)\b",
    re.I)


def show(rec, b, hints=False):
    text = b.decode("utf-8")
    atts = rec["attributions"]
    print("=== %s %s" % (rec["doc"], rec["url"]))
    if rec.get("annotated_until") is not None:
        print("    annotated_until byte %d" % rec["annotated_until"])
    covered = set()
    for a in atts:
        for k in KINDS:
            if a[k]:
                covered.update(range(a[k][0], a[k][1]))
    pos = 0
    for para in text.split("\n"):
        start, end = pos, pos + len(para.encode("utf-8"))
        pos = end + 1
        if not para.strip():
            continue
        mine = [(i, a) for i, a in enumerate(atts) if start <= a["cue"][0] < end]
        # mark cues inline as «cue»#i
        marks = sorted(((a["cue"][0], a["cue"][1], i) for i, a in mine), reverse=True)
        pb = b[start:end]
        for s, e, i in marks:
            pb = pb[:s - start] + ("«".encode() + b[s:e] + ("»#%d" % i).encode()) + pb[e - start:]
        print("\n[@%d] %s" % (start, pb.decode("utf-8")))
        for i, a in mine:
            src = b[a["source"][0]:a["source"][1]].decode("utf-8")
            if a["content"]:
                ct = b[a["content"][0]:a["content"][1]].decode("utf-8")
                if len(ct) > 110:
                    ct = ct[:70] + " … " + ct[-30:]
            else:
                ct = None
            print("    #%d %-11s S=%r C=%r T=%r" % (i, a["source_type"], src, a["cue_text"], ct))
        if hints:
            limit = rec.get("annotated_until") or len(b)
            for m in HINT_RE.finditer(para):
                bs = start + len(para[:m.start()].encode("utf-8"))
                if bs not in covered and bs < limit:
                    print("    ? unannotated %r: …%s…" % (m.group(0), para[max(0, m.start() - 40):m.end() + 40]))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", nargs="?", default="validate", choices=("validate", "stats", "show"))
    ap.add_argument("doc", nargs="?")
    ap.add_argument("--hints", action="store_true")
    ap.add_argument("--annotations", default=DEFAULT_ANN)
    ap.add_argument("--ground-truth", default=DEFAULT_GT)
    args = ap.parse_args()

    gt = load_ground_truth(args.ground_truth)
    errors = []
    records = load_annotations(args.annotations, errors)
    verrors, docs = validate(records, gt)
    errors += verrors

    if args.command == "show":
        if not args.doc:
            ap.error("show needs a DOC (id prefix or url host)")
        sel = [(r, b) for r, b in docs
               if r["doc"].startswith(args.doc) or args.doc.lower() in host(r["url"])]
        if not sel:
            sys.stderr.write("no annotated doc matches %r\n" % args.doc)
            return 1
        for r, b in sel:
            show(r, b, args.hints)
    elif args.command == "stats":
        stats(docs, gt)

    for e in errors:
        sys.stderr.write("VIOLATION: %s\n" % e)
    if errors:
        sys.stderr.write("%d violation(s) in %s\n" % (len(errors), args.annotations))
        return 1
    if args.command == "validate":
        n = sum(len(r["attributions"]) for r, _ in docs)
        print("OK: %d docs, %d hosts, %d attributions" % (len(docs), len({host(r["url"]) for r, _ in docs}), n))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # e.g. piped into head
        sys.exit(0)
