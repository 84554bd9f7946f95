#!/usr/bin/env python3
"""Validate the fahras gazetteer files in this folder (stdlib only).

Usage: python3 data/gazetteer/check.py [folder]
Exit status 0 when every rule holds, 1 otherwise. Prints counts per file and
kind, the errors, and non-fatal warnings.
"""
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))

COLUMNS = {
    "places.tsv": ["id", "kind", "canonical", "variants", "nisba", "parent"],
    "orgs.tsv": ["id", "canonical", "variants", "abbreviations", "kind"],
    "triggers.tsv": ["phrase", "type", "role", "note"],
    "aliases.tsv": ["canonical", "aliases"],
    "ambiguous.tsv": ["id", "form", "rule", "note"],
}
PLACE_KINDS = {"country", "capital", "city", "region"}
ORG_KINDS = {"intl", "regional", "agency", "company", "party", "other"}
TRIGGER_TYPES = {"PER", "ORG", "LOC"}
TRIGGER_ROLES = {"title", "org-head", "before-name", "after-name"}
AMBIGUOUS_RULES = {"cue", "default"}

# The 193 UN member states plus Palestine, Kosovo, Taiwan, Western Sahara.
REQUIRED_COUNTRIES = set("""
afghanistan albania algeria andorra angola antigua_and_barbuda argentina armenia
australia austria azerbaijan bahamas bahrain bangladesh barbados belarus belgium
belize benin bhutan bolivia bosnia_and_herzegovina botswana brazil brunei bulgaria
burkina_faso burundi cabo_verde cambodia cameroon canada central_african_republic
chad chile china colombia comoros congo costa_rica cote_divoire croatia cuba cyprus
czechia north_korea dr_congo denmark djibouti dominica dominican_republic ecuador
egypt el_salvador equatorial_guinea eritrea estonia eswatini ethiopia fiji finland
france gabon gambia georgia germany ghana greece grenada guatemala guinea
guinea_bissau guyana haiti honduras hungary iceland india indonesia iran iraq
ireland israel italy jamaica japan jordan kazakhstan kenya kiribati kuwait
kyrgyzstan laos latvia lebanon lesotho liberia libya liechtenstein lithuania
luxembourg madagascar malawi malaysia maldives mali malta marshall_islands
mauritania mauritius mexico micronesia monaco mongolia montenegro morocco
mozambique myanmar namibia nauru nepal netherlands new_zealand nicaragua niger
nigeria north_macedonia norway oman pakistan palau panama papua_new_guinea
paraguay peru philippines poland portugal qatar south_korea moldova romania russia
rwanda saint_kitts_and_nevis saint_lucia saint_vincent samoa san_marino
sao_tome_and_principe saudi_arabia senegal serbia seychelles sierra_leone
singapore slovakia slovenia solomon_islands somalia south_africa south_sudan spain
sri_lanka sudan suriname sweden switzerland syria tajikistan thailand timor_leste
togo tonga trinidad_and_tobago tunisia turkey turkmenistan tuvalu uganda ukraine
uae united_kingdom tanzania usa uruguay uzbekistan vanuatu venezuela vietnam yemen
zambia zimbabwe
palestine kosovo taiwan western_sahara
""".split())
# Countries listed without a separate capital row, and why (see README.md).
NO_CAPITAL_ROW = {
    "monaco": "city-state",
    "singapore": "city-state",
    "vatican": "city-state",
    "israel": "capital disputed; تل أبيب is listed as a city, القدس under palestine",
}
MINIMUMS = {
    ("places.tsv", "city"): 150,
    ("places.tsv", "region"): 40,
    ("orgs.tsv", None): 120,
    ("triggers.tsv", "PER"): 80,
    ("aliases.tsv", None): 40,
    ("ambiguous.tsv", None): 20,
}

HARAKAT = re.compile("[\u064b-\u065f\u0670\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
LETTER_FOLD = str.maketrans({
    "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",  # أ إ آ ٱ -> ا
    "\u0649": "\u064a", "\u06cc": "\u064a", "\u0626": "\u064a",  # ى ی ئ -> ي
    "\u0629": "\u0647", "\u06c0": "\u0647", "\u06be": "\u0647",  # ة ۀ ھ -> ه
    "\u0624": "\u0648",  # ؤ -> و
    "\u06a9": "\u0643",  # ک -> ك
})
ID_RE = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
LATIN_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 +.&-]*$")


def fold(text):
    """The engine's folding: NFKC, drop harakat/tatweel/controls, fold letters, lowercase Latin."""
    text = unicodedata.normalize("NFKC", text)
    text = HARAKAT.sub("", text)
    text = text.translate(LETTER_FOLD)
    return " ".join(text.lower().split())


def is_arabic_char(ch):
    cp = ord(ch)
    return (0x0600 <= cp <= 0x06FF or 0x0750 <= cp <= 0x077F
            or 0xFB50 <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFF)


def arabic_only(text, extra=""):
    return any(is_arabic_char(c) for c in text) and all(
        is_arabic_char(c) or c == " " or c in extra for c in text)


class Checker:
    def __init__(self, folder):
        self.folder = folder
        self.errors = []
        self.warnings = []

    def err(self, where, msg):
        self.errors.append(f"{where}: {msg}")

    def warn(self, where, msg):
        self.warnings.append(f"{where}: {msg}")

    def read(self, name):
        path = os.path.join(self.folder, name)
        cols = COLUMNS[name]
        rows = []
        if not os.path.exists(path):
            self.err(name, "missing file")
            return rows
        with open(path, encoding="utf-8", newline="") as f:
            data = f.read()
        if data.startswith("\ufeff"):
            self.err(name, "has a BOM")
        if "\r" in data:
            self.err(name, "has CR line endings")
        lines = data.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        if not lines or not lines[0].startswith("#"):
            self.err(name, "first line must be a # header")
            return rows
        header = lines[0][1:].split("\t")
        if [h.strip() for h in header] != cols:
            self.err(name, f"header {header} != {cols}")
        for n, line in enumerate(lines[1:], start=2):
            where = f"{name}:{n}"
            if not line.strip():
                self.err(where, "blank line")
                continue
            if line.startswith("#"):
                continue
            cells = line.split("\t")
            if len(cells) != len(cols):
                self.err(where, f"{len(cells)} columns, expected {len(cols)}")
                continue
            row = {}
            for col, cell in zip(cols, cells):
                if cell != cell.strip() or "  " in cell:
                    self.err(where, f"{col} not trimmed: {cell!r}")
                if "|" in cell:
                    items = cell.split("|")
                    if any(i != i.strip() or not i for i in items):
                        self.err(where, f"{col} has an empty or untrimmed list item: {cell!r}")
                row[col] = cell.strip()
            row["_where"] = where
            rows.append(row)
        return rows

    @staticmethod
    def items(cell):
        return [i.strip() for i in cell.split("|") if i.strip()] if cell else []

    def check_forms_in_row(self, where, forms):
        """forms: list of (column, text). No two may fold to the same string."""
        seen = {}
        for col, text in forms:
            f = fold(text)
            if not f:
                self.err(where, f"{col} folds to nothing: {text!r}")
                continue
            if f in seen:
                self.err(where, f"{col} {text!r} equals {seen[f][0]} {seen[f][1]!r} after folding")
            else:
                seen[f] = (col, text)

    def run(self):
        places = self.read("places.tsv")
        orgs = self.read("orgs.tsv")
        triggers = self.read("triggers.tsv")
        aliases = self.read("aliases.tsv")
        ambiguous = self.read("ambiguous.tsv")

        ids = {}
        form_ids = defaultdict(set)    # folded form -> ids
        id_forms = defaultdict(set)    # id -> folded forms
        kinds = {}

        # places
        for r in places:
            w = r["_where"]
            pid = r["id"]
            if not ID_RE.match(pid):
                self.err(w, f"bad id {pid!r}")
            if pid in ids:
                self.err(w, f"duplicate id {pid!r} (first at {ids[pid]})")
            ids[pid] = w
            kinds[pid] = r["kind"]
            if r["kind"] not in PLACE_KINDS:
                self.err(w, f"bad kind {r['kind']!r}")
            if not r["canonical"]:
                self.err(w, "empty canonical")
            forms = [("canonical", r["canonical"])]
            forms += [("variant", v) for v in self.items(r["variants"])]
            forms += [("nisba", v) for v in self.items(r["nisba"])]
            for col, text in forms:
                if not arabic_only(text):
                    self.err(w, f"{col} {text!r} is not Arabic script only")
            for v in self.items(r["nisba"]):
                if not v.startswith("ال"):
                    self.err(w, f"nisba {v!r} should be definite (ال...)")
            self.check_forms_in_row(w, forms)
            for _, text in forms:
                form_ids[fold(text)].add(pid)
                id_forms[pid].add(fold(text))
        for r in places:
            w, kind, parent = r["_where"], r["kind"], r["parent"]
            if kind == "country":
                if parent:
                    self.err(w, "a country has no parent")
            elif kind in ("capital", "city") and not parent:
                self.err(w, f"a {kind} needs a parent")
            if parent:
                if parent not in kinds:
                    self.err(w, f"parent {parent!r} does not exist")
                elif kinds[parent] != "country":
                    self.err(w, f"parent {parent!r} is not a country")

        countries = {p for p, k in kinds.items() if k == "country"}
        for missing in sorted(REQUIRED_COUNTRIES - countries):
            self.err("places.tsv", f"required country missing: {missing}")
        with_capital = {r["parent"] for r in places if r["kind"] == "capital"}
        for c in sorted(countries - with_capital):
            if c not in NO_CAPITAL_ROW:
                self.err("places.tsv", f"country without a capital row: {c}")

        # orgs
        for r in orgs:
            w = r["_where"]
            oid = r["id"]
            if not ID_RE.match(oid):
                self.err(w, f"bad id {oid!r}")
            if oid in ids:
                self.err(w, f"duplicate id {oid!r} (first at {ids[oid]})")
            ids[oid] = w
            kinds[oid] = r["kind"]
            if r["kind"] not in ORG_KINDS:
                self.err(w, f"bad kind {r['kind']!r}")
            if not r["canonical"]:
                self.err(w, "empty canonical")
            forms = [("canonical", r["canonical"])]
            forms += [("variant", v) for v in self.items(r["variants"])]
            for col, text in forms:
                if not arabic_only(text, extra="+"):
                    self.err(w, f"{col} {text!r} is not Arabic script only")
            abbrs = [("abbreviation", v) for v in self.items(r["abbreviations"])]
            for _, text in abbrs:
                if not (arabic_only(text) or LATIN_RE.match(text)):
                    self.err(w, f"abbreviation {text!r} mixes scripts or has odd characters")
            self.check_forms_in_row(w, forms + abbrs)
            for _, text in forms + abbrs:
                form_ids[fold(text)].add(oid)
                id_forms[oid].add(fold(text))

        # ambiguous
        amb = {}
        for r in ambiguous:
            w = r["_where"]
            aids = self.items(r["id"])
            if not aids:
                self.err(w, "empty id")
            for a in aids:
                if a not in ids:
                    self.err(w, f"unknown id {a!r}")
                elif fold(r["form"]) not in id_forms[a]:
                    self.err(w, f"form {r['form']!r} is not a form of {a!r}")
            if len(set(aids)) != len(aids):
                self.err(w, "repeated id")
            if r["rule"] not in AMBIGUOUS_RULES:
                self.err(w, f"bad rule {r['rule']!r}")
            if r["rule"] == "default" and len(aids) < 2:
                self.err(w, "rule default needs two or more ids (the first is the default)")
            if not arabic_only(r["form"]):
                self.err(w, f"form {r['form']!r} is not Arabic script only")
            if not r["note"]:
                self.err(w, "empty note")
            f = fold(r["form"])
            if f in amb:
                self.err(w, f"form {r['form']!r} listed twice")
            amb[f] = set(aids)

        # the same form under different ids must be declared ambiguous
        for f, owners in sorted(form_ids.items()):
            if len(owners) > 1:
                if f not in amb:
                    self.err("cross-id", f"form {f!r} is shared by {sorted(owners)} but not listed in ambiguous.tsv")
                elif not owners <= amb[f]:
                    self.err("cross-id", f"form {f!r} is shared by {sorted(owners)}; ambiguous.tsv lists {sorted(amb[f])}")
        # warning only: collisions once a leading ال is stripped
        stripped = defaultdict(set)
        for f, owners in form_ids.items():
            key = f[2:] if f.startswith("ال") and len(f) > 4 else f
            stripped[key] |= owners
        for key, owners in sorted(stripped.items()):
            if len(owners) > 1 and not any(key == f or "ال" + key == f for f in amb if amb[f] >= owners):
                if not any(len(form_ids.get(x, ())) > 1 for x in (key, "ال" + key)):
                    self.warn("al-strip", f"{key!r} with/without ال names {sorted(owners)}")

        # triggers
        seen = {}
        for r in triggers:
            w = r["_where"]
            if not r["phrase"]:
                self.err(w, "empty phrase")
                continue
            if not arabic_only(r["phrase"], extra="."):
                self.err(w, f"phrase {r['phrase']!r} is not Arabic script only")
            if r["type"] not in TRIGGER_TYPES:
                self.err(w, f"bad type {r['type']!r}")
            if r["role"] not in TRIGGER_ROLES:
                self.err(w, f"bad role {r['role']!r}")
            if r["role"] == "title" and r["type"] != "PER":
                self.err(w, "role title is for PER")
            if r["role"] == "org-head" and r["type"] != "ORG":
                self.err(w, "role org-head is for ORG")
            f = fold(r["phrase"])
            if f in seen:
                self.err(w, f"duplicate phrase (first at {seen[f]})")
            seen[f] = w

        # aliases
        seen = {}
        for r in aliases:
            w = r["_where"]
            if not r["canonical"]:
                self.err(w, "empty canonical")
                continue
            al = self.items(r["aliases"])
            if not al:
                self.err(w, "no aliases")
            forms = [("canonical", r["canonical"])] + [("alias", a) for a in al]
            for col, text in forms:
                if not arabic_only(text):
                    self.err(w, f"{col} {text!r} is not Arabic script only")
            self.check_forms_in_row(w, forms)
            f = fold(r["canonical"])
            if f in seen:
                self.err(w, f"duplicate canonical (first at {seen[f]})")
            seen[f] = w
            can_ids = form_ids.get(f, set())
            for a in al:
                a_ids = form_ids.get(fold(a), set())
                if can_ids and a_ids and not (can_ids & a_ids):
                    self.err(w, f"alias {a!r} names {sorted(a_ids)} but {r['canonical']!r} names {sorted(can_ids)}")

        # counts
        counts = {
            "places.tsv": Counter(r["kind"] for r in places),
            "orgs.tsv": Counter(r["kind"] for r in orgs),
            "triggers.tsv": Counter(f"{r['type']}/{r['role']}" for r in triggers),
            "aliases.tsv": Counter(),
            "ambiguous.tsv": Counter(r["rule"] for r in ambiguous),
        }
        totals = {"places.tsv": len(places), "orgs.tsv": len(orgs), "triggers.tsv": len(triggers),
                  "aliases.tsv": len(aliases), "ambiguous.tsv": len(ambiguous)}
        per_type = Counter(r["type"] for r in triggers)
        for (name, kind), minimum in MINIMUMS.items():
            if kind is None:
                have = totals[name]
            elif name == "triggers.tsv":
                have = per_type[kind]
            else:
                have = counts[name][kind]
            if have < minimum:
                self.err(name, f"{kind or 'rows'}: {have} < minimum {minimum}")

        for name in COLUMNS:
            detail = ", ".join(f"{k} {v}" for k, v in sorted(counts[name].items()))
            print(f"{name}: {totals[name]} rows" + (f" ({detail})" if detail else ""))
        print(f"triggers by type: " + ", ".join(f"{k} {v}" for k, v in sorted(per_type.items())))
        forms_total = sum(len(v) for v in id_forms.values())
        print(f"distinct folded forms: {len(form_ids)} ({forms_total} id-form pairs); "
              f"shared across ids: {sum(1 for v in form_ids.values() if len(v) > 1)}")
        for w in self.warnings:
            print("WARNING", w)
        for e in self.errors:
            print("ERROR", e)
        print("OK" if not self.errors else f"FAILED: {len(self.errors)} error(s)")
        return not self.errors


if __name__ == "__main__":
    folder = sys.argv[1] if len(sys.argv) > 1 else HERE
    sys.exit(0 if Checker(folder).run() else 1)
