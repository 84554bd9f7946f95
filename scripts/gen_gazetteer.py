#!/usr/bin/env python3
"""Compiles data/gazetteer/*.tsv into src/entity/tables.rs.

Usage: python3 scripts/gen_gazetteer.py   (from the repository root; stdlib only)

Every form is stored folded exactly as fahras's default `Normalizer` folds it
(harakat, Quranic marks, tatweel and format controls removed; أ إ آ ٱ ٲ ٳ → ا,
ؤ → و, ئ → ي, ى → ي, ة → ه; Persian ک ی ھ forms → Arabic; Arabic-Indic and
Persian digits → ASCII; lowercase). A Rust unit test re-folds every stored
form with `crate::Normalizer` and fails on any drift.

Nisba adjectives are stored once, as the masculine singular without the
article, one word at a time (الكوري الجنوبي → "كوري جنوبي"); the recognizer
reduces feminine, dual and plural, definite and indefinite forms to that
(`NISBA_SUFFIXES` in src/entity/recognize.rs), which keeps the table small.
"""
import os
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "data", "gazetteer")
OUT = os.path.join(ROOT, "src", "entity", "tables.rs")

REMOVE = set(range(0x064B, 0x0660)) | {0x0670} | set(range(0x0610, 0x061B)) | set(
    range(0x06D6, 0x06EE)) | {0x0640} | set(range(0x200B, 0x2010)) | set(
    range(0x202A, 0x202F)) | set(range(0x2060, 0x2065)) | set(range(0x2066, 0x206A)) | {
    0xFEFF, 0x061C, 0x00AD}
REPLACE = {}
for c in "\u0623\u0625\u0622\u0671\u0672\u0673":
    REPLACE[c] = "\u0627"
REPLACE["\u0624"] = "\u0648"
REPLACE["\u0626"] = "\u064A"
REPLACE["\u0649"] = "\u064A"
REPLACE["\u0629"] = "\u0647"
for c in "\u06A9\u06AA":
    REPLACE[c] = "\u0643"
for c in "\u06CC\u06D0\u06D2\u06D3":
    REPLACE[c] = "\u064A"
for c in "\u06BE\u06C0\u06C1\u06C2\u06C3\u06D5":
    REPLACE[c] = "\u0647"
for i in range(10):
    REPLACE[chr(0x0660 + i)] = str(i)
    REPLACE[chr(0x06F0 + i)] = str(i)


def fold(text):
    out = []
    for c in text:
        cp = ord(c)
        if cp in REMOVE:
            continue
        if c in REPLACE:
            out.append(REPLACE[c])
        elif 0xFB50 <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFF:
            out.append(fold(unicodedata.normalize("NFKC", c)))
        elif 0xFF01 <= cp <= 0xFF5E:
            out.append(chr(cp - 0xFF01 + 0x21).lower())
        else:
            out.append(c.lower() if len(c.lower()) == 1 else c)
    return " ".join("".join(out).split())


def rows(name):
    with open(os.path.join(DATA, name), encoding="utf-8") as f:
        lines = f.read().split("\n")
    out = []
    for line in lines[1:]:
        if not line.strip():
            continue
        out.append([c.strip() for c in line.split("\t")])
    return out


def items(cell):
    return [x.strip() for x in cell.split("|") if x.strip()] if cell else []


KIND = {"PER": 0, "LOC": 1, "ORG": 2}
FLAG_NAME, FLAG_NISBA, FLAG_UPPER = 0, 1, 2

entities = []  # (id, canonical, kind)
index = {}
names = {}  # (form, flag) -> entity


def entity(eid, canonical, kind):
    if eid not in index:
        index[eid] = len(entities)
        entities.append((eid, canonical, kind))
    return index[eid]


def add(form, e, flag=FLAG_NAME):
    key = (fold(form), flag)
    if key[0] and key not in names:
        names[key] = e


def strip_al(word):
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


for r in rows("places.tsv"):
    r += [""] * (6 - len(r))
    e = entity(r[0], r[2], KIND["LOC"])
    for f in [r[2]] + items(r[3]):
        add(f, e)
    for n in items(r[4]):
        add(" ".join(strip_al(w) for w in fold(n).split()), e, FLAG_NISBA)
for r in rows("orgs.tsv"):
    r += [""] * (5 - len(r))
    e = entity(r[0], r[1], KIND["ORG"])
    for f in [r[1]] + items(r[2]):
        add(f, e)
    for a in items(r[3]):
        latin = any("a" <= c.lower() <= "z" for c in a)
        add(a, e, FLAG_UPPER if latin and a.upper() == a else FLAG_NAME)

# Ambiguous forms: the default (first) id owns the form in NAMES.
ambiguous = []
for r in rows("ambiguous.tsv"):
    ids = [i for i in items(r[0]) if i in index]
    if not ids:
        continue
    form = fold(r[1])
    for flag in (FLAG_NAME, FLAG_NISBA):
        if (form, flag) in names:
            names[(form, flag)] = index[ids[0]]
    nisba_form = " ".join(strip_al(w) for w in form.split())
    if (nisba_form, FLAG_NISBA) in names:
        names[(nisba_form, FLAG_NISBA)] = index[ids[0]]
    ambiguous.append((form, [index[i] for i in ids], 0 if r[2] == "cue" else 1))

# Aliases: join the set to the entity one of its spellings already names; a
# set that names no place or organisation is a person (the data's convention).
for r in rows("aliases.tsv"):
    forms = [r[0]] + items(r[1] if len(r) > 1 else "")
    found = None
    for f in forms:
        k = fold(f)
        for cand in (k, "ال" + k, strip_al(k)):
            if (cand, FLAG_NAME) in names:
                found = names[(cand, FLAG_NAME)]
                break
        if found is not None:
            break
    if found is None:
        slug = "per:" + fold(r[0]).replace(" ", "_")
        found = entity(slug, r[0], KIND["PER"])
    for f in forms:
        add(f, found)

triggers = []
ROLE = {"title": 0, "before-name": 1, "after-name": 2, "org-head": 3}
for r in rows("triggers.tsv"):
    triggers.append((fold(r[0]), KIND[r[1]], ROLE[r[2]]))
triggers = sorted(set(triggers))
ambiguous.sort()


def lit(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


name_rows = sorted((f, flag, e) for (f, flag), e in names.items())
size = 0
out = [
    "// @generated by scripts/gen_gazetteer.py from data/gazetteer/*.tsv. Do not edit.",
    "//! Gazetteer tables (generated). See scripts/gen_gazetteer.py.",
    "",
    "/// Entities: (id, canonical form as written in the data, kind: 0 PER, 1 LOC, 2 ORG).",
    "#[rustfmt::skip]",
    "pub(crate) static ENTITIES: &[(&str, &str, u8)] = &[",
]
for eid, canon, kind in entities:
    out.append(f"    ({lit(eid)}, {lit(canon)}, {kind}),")
    size += len(eid.encode()) + len(canon.encode()) + 8 + 8 + 4
out += [
    "];",
    "",
    "/// Folded forms, sorted by (form, flag): (form, flag: 0 name, 1 nisba stem, 2 name",
    "/// written in capitals only, entity index into [`ENTITIES`]).",
    "#[rustfmt::skip]",
    "pub(crate) static NAMES: &[(&str, u8, u16)] = &[",
]
for f, flag, e in name_rows:
    out.append(f"    ({lit(f)}, {flag}, {e}),")
    size += len(f.encode()) + 8 + 4
out += [
    "];",
    "",
    "/// Trigger phrases, folded and sorted: (phrase, type: 0 PER, 1 LOC, 2 ORG, role:",
    "/// 0 title, 1 before-name, 2 after-name, 3 org-head).",
    "#[rustfmt::skip]",
    "pub(crate) static TRIGGERS: &[(&str, u8, u8)] = &[",
]
for f, t, role in triggers:
    out.append(f"    ({lit(f)}, {t}, {role}),")
    size += len(f.encode()) + 8 + 4
out += [
    "];",
    "",
    "/// Ambiguous folded forms, sorted: (form, entity indexes, first is the default;",
    "/// rule: 0 only with a cue, 1 the default reading unless a cue picks another).",
    "#[rustfmt::skip]",
    "pub(crate) static AMBIGUOUS: &[(&str, &[u16], u8)] = &[",
]
for f, ids, rule in ambiguous:
    out.append(f"    ({lit(f)}, &[{', '.join(map(str, ids))}], {rule}),")
    size += len(f.encode()) + 8 + 8 + 2 * len(ids) + 4
out += ["];", ""]
with open(OUT, "w", encoding="utf-8") as fh:
    fh.write("\n".join(out))
print(f"{len(entities)} entities, {len(name_rows)} forms, {len(triggers)} triggers, "
      f"{len(ambiguous)} ambiguous; about {size} bytes of static data in wasm32")
