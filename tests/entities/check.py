#!/usr/bin/env python3
"""Validate the entity evaluation set (tests/entities/) and tests/cases/variants.toml.

Python 3.11+ standard library only. Run from anywhere:

    python3 tests/entities/check.py

Checks, for every NN-slug.txt / NN-slug.expected.json pair:
  * the article has 150-400 whitespace-separated words;
  * every mention has a valid `text`, `type` (PER, LOC, ORG) and ASCII `entity` slug,
    an optional `name` (the bare name when `text` carries a clitic) and an optional
    `nisba: true` (LOC only);
  * the mentions occur in the text in the listed order: each `text` is found as a whole
    word sequence (not inside a longer word) searching forward from the end of the
    previous mention — the same procedure a scorer uses to place gold spans;
  * one entity slug has one type across the whole set.
Then the totals: at least 450 mentions, 120 PER, 150 LOC, 80 ORG, and at least 60
entities written in two or more different forms (bare names, nisba adjectives not
counted). Finally variants.toml: at least 60 [[case]] and 60 [[near_miss]], well formed,
and consistent with the gold mentions (case variants never map to two entities, near
misses never map to one).

Exit status 0 when everything holds; the counts are printed either way.
"""

import collections
import json
import pathlib
import re
import sys
import tomllib
import unicodedata

HERE = pathlib.Path(__file__).resolve().parent
VARIANTS = HERE.parent / "cases" / "variants.toml"
TYPES = {"PER", "LOC", "ORG"}
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
CLITICS = {"و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "فك"}
MIN = {"mentions": 450, "PER": 120, "LOC": 150, "ORG": 80, "multi_form": 60,
       "case": 60, "near_miss": 60}

errors = []


def err(msg):
    errors.append(msg)


def is_word_char(c):
    return c.isalnum() or unicodedata.category(c) == "Mn" or c == "\u0640"


def find_word(text, s, pos):
    """First occurrence of s at or after pos that is not part of a longer word."""
    while True:
        i = text.find(s, pos)
        if i < 0:
            return -1
        j = i + len(s)
        if (i == 0 or not is_word_char(text[i - 1])) and (
            j == len(text) or not is_word_char(text[j])
        ):
            return i
        pos = i + 1


def clitic_ok(text, name):
    """text = clitic + name, or clitic ending in ل + name without its alef (لل...)."""
    if text.endswith(name) and text[: len(text) - len(name)] in CLITICS:
        return True
    if name.startswith("ال") and text.endswith(name[1:]):
        pre = text[: len(text) - len(name) + 1]
        return pre in {"ل", "ول", "فل"}
    return False


def bare(m):
    return m.get("name", m["text"])


def check_articles():
    mentions = []  # (file, mention)
    txts = sorted(HERE.glob("[0-9][0-9]-*.txt"))
    if not txts:
        err("no articles found")
    for txt in txts:
        gold = txt.with_name(txt.stem + ".expected.json")
        if not gold.exists():
            err(f"{txt.name}: missing {gold.name}")
            continue
        text = txt.read_text(encoding="utf-8")
        words = len(text.split())
        if not 150 <= words <= 400:
            err(f"{txt.name}: {words} words, expected 150-400")
        try:
            data = json.loads(gold.read_text(encoding="utf-8"))
        except json.JSONDecodeError as e:
            err(f"{gold.name}: {e}")
            continue
        ms = data.get("mentions")
        if not isinstance(ms, list) or not ms:
            err(f"{gold.name}: no mentions list")
            continue
        pos = 0
        for k, m in enumerate(ms):
            where = f"{gold.name}#{k} {m.get('text')!r}"
            if set(m) - {"text", "type", "entity", "name", "nisba"}:
                err(f"{where}: unknown keys {sorted(set(m) - {'text', 'type', 'entity', 'name', 'nisba'})}")
            t = m.get("text")
            if not isinstance(t, str) or not t.strip() or t != t.strip():
                err(f"{where}: bad text")
                continue
            if m.get("type") not in TYPES:
                err(f"{where}: bad type {m.get('type')!r}")
            if not isinstance(m.get("entity"), str) or not SLUG.match(m["entity"]):
                err(f"{where}: bad entity slug {m.get('entity')!r}")
            if "name" in m and not (isinstance(m["name"], str) and clitic_ok(t, m["name"])):
                err(f"{where}: name {m.get('name')!r} is not the text without a clitic")
            if "nisba" in m and (m["nisba"] is not True or m.get("type") != "LOC"):
                err(f"{where}: nisba must be true and only on LOC")
            i = find_word(text, t, pos)
            if i < 0:
                err(f"{where}: not found (as a whole word) after offset {pos}")
                continue
            pos = i + len(t)
            mentions.append((txt.name, m))
    return len(txts), mentions


def main():
    n_files, mentions = check_articles()
    by_type = collections.Counter(m["type"] for _, m in mentions)
    slug_types = collections.defaultdict(set)
    forms = collections.defaultdict(collections.Counter)
    form_slugs = collections.defaultdict(set)
    files_of = collections.defaultdict(set)
    nisba = 0
    for f, m in mentions:
        slug_types[m["entity"]].add(m["type"])
        files_of[m["entity"]].add(f)
        if m.get("nisba"):
            nisba += 1
            continue
        forms[m["entity"]][bare(m)] += 1
        form_slugs[bare(m)].add(m["entity"])
    for s, ts in slug_types.items():
        if len(ts) > 1:
            err(f"entity {s} has several types {sorted(ts)}")
    multi = sorted(e for e, c in forms.items() if len(c) >= 2)

    def contains(a, b):  # token sequence a inside token sequence b
        ta, tb = a.split(), b.split()
        return any(tb[i : i + len(ta)] == ta for i in range(len(tb) - len(ta) + 1))

    spelling = [e for e in multi
                if any(not contains(a, b) and not contains(b, a)
                       for a in forms[e] for b in forms[e] if a != b)]

    total = len(mentions)
    for key, have in (("mentions", total), ("PER", by_type["PER"]), ("LOC", by_type["LOC"]),
                      ("ORG", by_type["ORG"]), ("multi_form", len(multi))):
        if have < MIN[key]:
            err(f"{key}: {have} < {MIN[key]}")

    # variants.toml
    try:
        var = tomllib.loads(VARIANTS.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        err(f"{VARIANTS.name}: {e}")
        var = {}
    cases = var.get("case", [])
    near = var.get("near_miss", [])
    names = collections.Counter()
    case_types = collections.Counter()
    for c in cases:
        nm = c.get("name")
        names[nm] += 1
        v = c.get("variants")
        if not isinstance(nm, str) or not nm:
            err(f"case without name: {c}")
        if c.get("type") not in TYPES:
            err(f"case {nm}: bad type {c.get('type')!r}")
        case_types[c.get("type")] += 1
        if (not isinstance(v, list) or not 2 <= len(v) <= 6 or len(set(v)) != len(v)
                or not all(isinstance(x, str) and x.strip() == x and x for x in v)):
            err(f"case {nm}: variants must be 2-6 distinct non-empty strings")
            continue
        slugs = {next(iter(form_slugs[x])) for x in v if len(form_slugs.get(x, ())) == 1}
        if len(slugs) > 1:
            err(f"case {nm}: gold data maps its variants to {sorted(slugs)}")
        if set(c) - {"name", "variants", "type"}:
            err(f"case {nm}: unknown keys")
    same_set = [set(c.get("variants", [])) for c in cases]
    for p in near:
        nm = p.get("name")
        names[nm] += 1
        a, b = p.get("a"), p.get("b")
        if not isinstance(nm, str) or not nm:
            err(f"near_miss without name: {p}")
        if not (isinstance(a, str) and isinstance(b, str) and a and b and a != b):
            err(f"near_miss {nm}: a and b must be two different strings")
            continue
        if any(a in s and b in s for s in same_set):
            err(f"near_miss {nm}: a and b are listed as variants of one case")
        sa, sb = form_slugs.get(a, set()), form_slugs.get(b, set())
        if len(sa) == 1 and sa == sb:
            err(f"near_miss {nm}: gold data maps both to {next(iter(sa))}")
        if set(p) - {"name", "a", "b"}:
            err(f"near_miss {nm}: unknown keys")
    for nm, k in names.items():
        if k > 1:
            err(f"variants.toml: name {nm!r} used {k} times")
    if len(cases) < MIN["case"]:
        err(f"variants.toml: {len(cases)} cases < {MIN['case']}")
    if len(near) < MIN["near_miss"]:
        err(f"variants.toml: {len(near)} near misses < {MIN['near_miss']}")
    if not all(case_types[t] for t in TYPES):
        err(f"variants.toml: cases must cover PER, LOC and ORG: {dict(case_types)}")

    print(f"articles: {n_files}")
    print(f"mentions: {total} (PER {by_type['PER']}, LOC {by_type['LOC']}, ORG {by_type['ORG']}; "
          f"{nisba} of the LOC are nisba adjectives)")
    print(f"entities: {len(slug_types)}; in 2+ articles: "
          f"{sum(1 for s in files_of if len(files_of[s]) >= 2)}")
    print(f"entities written in 2+ forms: {len(multi)} "
          f"({len(spelling)} with forms that are not just a shorter part of another, "
          f"e.g. not only full name + bare surname)")
    print(f"variants.toml: {len(cases)} cases (PER {case_types['PER']}, LOC {case_types['LOC']}, "
          f"ORG {case_types['ORG']}), {len(near)} near misses")
    if errors:
        print(f"\n{len(errors)} problem(s):", file=sys.stderr)
        for e in errors:
            print("  " + e, file=sys.stderr)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
