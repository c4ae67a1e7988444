#!/usr/bin/env python3
"""Scores `openceir lists` output against `openceir simulate`'s truth (scripts/quality-gate.sh).

Python 3 standard library only. Reads the lists of two dates (the folders given to
`openceir lists`), truth.csv (imei,category,details) and truth_owners.csv (imei,imsi: the
genuine user of each cloned IMEI), writes the Markdown report and exits 1 when a gate fails.
"""
import argparse
import csv
import datetime
import glob
import io
import os
import re
import subprocess
import sys
import zipfile

SHOULD_BLOCK = ["cloned", "counterfeit", "malformed", "rat_2g_on_lte", "stolen"]
MUST_KEEP = ["genuine", "dual_sim", "family_shared", "device_swap", "inbound_roamer",
             "stolen_recovered"]
# Categories the issue leaves to the configuration, with what etc/openceir.yaml does to them.
INFORMATIONAL = {
    "sim_box": "transient_imei is informational (blocking: false): not listed",
    "test_tac": "test_tac is informational (blocking: false): not listed",
    "unregistered": "not_on_registration_list is informational (blocking: false): not listed",
    "stolen_report_pending": "stolen_list reads confirmed reports only (issue 4 item 1): "
                             "listed once the report is confirmed",
}
# The conditions meant to catch each should-block category (labels of etc/openceir.yaml).
TARGETS = {
    "cloned": ["duplicate_mk1", "duplicate_daily_avg", "impossible_travel",
               "concurrent_operators"],
    "counterfeit": ["gsma_not_found", "barred_imei", "barred_tac"],
    "malformed": ["malformed_imei"],
    "rat_2g_on_lte": ["inconsistent_rat"],
    "stolen": ["local_stolen"],
}
RECALL_GATE = 0.99


def imei_norm(raw):
    """imei_norm as in FORMATS.md: the first 14 characters when digits, else the upper-cased
    trimmed value."""
    raw = raw.strip()
    return raw[:14] if len(raw) >= 14 and raw[:14].isdigit() else raw.upper()


def read_conditions(path):
    """label -> (reason, blocking) from the YAML config (the `conditions:` items only)."""
    conditions, label = {}, None
    in_conditions = False
    for line in open(path, encoding="utf-8"):
        if re.match(r"^\S", line):
            in_conditions = line.startswith("conditions:")
            continue
        if not in_conditions:
            continue
        m = re.match(r"^\s*- label:\s*(\S+)", line)
        if m:
            label = m.group(1)
            conditions[label] = ["", False]
            continue
        m = re.match(r"^\s{4}(reason|blocking):\s*(.*?)\s*$", line)
        if m and label:
            if m.group(1) == "reason":
                conditions[label][0] = m.group(2).strip('"')
            else:
                conditions[label][1] = m.group(2) == "true"
    return {k: tuple(v) for k, v in conditions.items()}


class Lists:
    """The full lists of one `openceir lists` output folder."""

    def __init__(self, folder):
        runs = sorted(glob.glob(os.path.join(folder, "listgen__*")))
        if len(runs) != 1:
            sys.exit(f"quality-gate: expected one listgen__* folder in {folder}, got {runs}")
        self.folder = runs[0]
        self.blacklist = {}      # imei -> reasons (set)
        self.notified = {}       # imei -> set of imsis
        self.notified_reasons = {}
        self.exceptions = set()  # (imei, imsi)
        for path in sorted(glob.glob(os.path.join(self.folder, "*.zip"))):
            name = os.path.basename(path)
            with zipfile.ZipFile(path) as z:
                full = [m for m in z.namelist() if "_delta_" not in m]
                if len(full) != 1:
                    sys.exit(f"quality-gate: {path}: expected one full list, got {full}")
                rows = csv.DictReader(io.TextIOWrapper(z.open(full[0]), encoding="utf-8"))
                for row in rows:
                    imei = row["imei"][:14] if row["imei"][:14].isdigit() else row["imei"]
                    if "_blacklist" in name:
                        self.blacklist[imei] = set(row["reasons"].split("|"))
                    elif "_notifications_" in name:
                        self.notified.setdefault(imei, set()).add(row["imsi"])
                        self.notified_reasons.setdefault(imei, set()).update(
                            row["reasons"].split("|"))
                    elif "_exceptions_" in name:
                        self.exceptions.add((imei, row["imsi"]))
        self.excepted_imeis = {imei for imei, _ in self.exceptions}

    def caught(self, imei):
        return imei in self.blacklist or imei in self.notified

    def reasons(self, imei):
        return self.blacklist.get(imei, set()) | self.notified_reasons.get(imei, set())


def pct(num, den):
    return "n/a" if den == 0 else f"{100.0 * num / den:.1f} %"


def explain(args, imei, lines=14):
    """The first lines of `openceir explain IMEI` (the evidence a fixer needs)."""
    try:
        out = subprocess.run([args.explain_bin, "--config", args.explain_config, "--store",
                              args.explain_store, "explain", imei], capture_output=True,
                             text=True, timeout=60)
        text = (out.stdout or out.stderr).rstrip().splitlines()
    except (OSError, subprocess.TimeoutExpired) as error:
        text = [f"(explain failed: {error})"]
    return text[:lines]


def main():
    p = argparse.ArgumentParser(description=__doc__)
    for flag in ("truth", "owners", "stolen", "config", "first", "second", "command", "explain-bin",
                 "explain-config", "explain-store"):
        p.add_argument("--" + flag, required=True)
    p.add_argument("--report", default="")
    p.add_argument("--failure", action="append", default=[],
                   help="a failure found by the caller (e.g. classify exited non-zero)")
    args = p.parse_args()

    conditions = read_conditions(args.config)
    reason_label = {reason: label for label, (reason, _) in conditions.items()}
    stolen_reason = conditions.get("local_stolen", ("", True))[0]

    category = {}   # imei_norm -> category
    details = {}
    with open(args.truth, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            category[imei_norm(row["imei"])] = row["category"]
            details[imei_norm(row["imei"])] = row["details"]
    # A stolen device whose theft report is still pending (status other than empty or
    # `blacklist`) is not yet for the stolen_list rule: scored apart, not as missed.
    with open(args.stolen, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            imei = imei_norm(row["imei"])
            if row["status"] not in ("", "blacklist") and category.get(imei) == "stolen":
                category[imei] = "stolen_report_pending"
    owners = {}
    with open(args.owners, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            owners[imei_norm(row["imei"])] = row["imsi"]
    first, second = Lists(args.first), Lists(args.second)

    by_category = {}
    for imei, cat in category.items():
        by_category.setdefault(cat, []).append(imei)

    failures = list(args.failure)
    examples = []  # (title, imei)
    rows = []
    for cat in SHOULD_BLOCK + MUST_KEEP + sorted(INFORMATIONAL):
        imeis = by_category.get(cat, [])
        blocked = sum(1 for i in imeis if i in second.blacklist)
        notified = sum(1 for i in imeis if i in second.notified and i not in second.blacklist)
        excepted = sum(1 for i in imeis if i in second.excepted_imeis)
        caught = [i for i in imeis if second.caught(i)]
        ever = [i for i in imeis if second.caught(i) or first.caught(i)]
        rows.append((cat, len(imeis), blocked, notified, excepted, len(caught), len(ever)))
        if cat in SHOULD_BLOCK:
            recall = len(caught) / len(imeis) if imeis else 0.0
            if recall < RECALL_GATE:
                missed = [i for i in imeis if not second.caught(i)]
                failures.append(f"{cat}: recall {pct(len(caught), len(imeis))} "
                                f"({len(missed)} of {len(imeis)} missed; gate >= 99 %)")
                examples += [(f"missed {cat}", i) for i in missed[:2]]
        elif cat in MUST_KEEP:
            if ever:
                failures.append(f"{cat}: {len(ever)} of {len(imeis)} notified or blocked "
                                f"(gate: 0)")
                examples += [(f"wrongly listed {cat}", i) for i in ever[:2]]

    # Precision of the conditions meant for each should-block category, on the second date.
    precision = []
    for cat in SHOULD_BLOCK:
        reasons = {conditions[l][0] for l in TARGETS[cat] if l in conditions}
        blocking = [l for l in TARGETS[cat] if conditions.get(l, ("", False))[1]]
        listed = [i for i in set(second.blacklist) | set(second.notified)
                  if second.reasons(i) & reasons]
        right = sum(1 for i in listed if category.get(i) == cat)
        other_block = sum(1 for i in listed
                          if category.get(i) in SHOULD_BLOCK and category.get(i) != cat)
        wrong = len(listed) - right - other_block
        precision.append((cat, ", ".join(blocking) or "none (all informational)", len(listed),
                          right, other_block, wrong, pct(right, len(listed)),
                          pct(right + other_block, len(listed))))

    # IMEIs cloned only once: the owner plus one clone.
    once = [i for i in by_category.get("cloned", []) if " 1 clone SIM(s)" in details[i]]
    once_caught = sum(1 for i in once if second.caught(i))
    if not once or once_caught / len(once) < RECALL_GATE:
        failures.append(f"cloned only once: recall {pct(once_caught, len(once))} "
                        f"({len(once) - once_caught} of {len(once)} missed; gate >= 99 %)")

    # Genuine owners of cloned IMEIs: their pair excepted and never notified, on both dates.
    owners_hit, owners_excepted, owners_cannot = [], 0, 0
    for imei, imsi in owners.items():
        hit = False
        for lists in (first, second):
            if not lists.caught(imei):
                continue
            excepted = (imei, imsi) in lists.exceptions
            notified = imsi in lists.notified.get(imei, set())
            if lists is second and excepted:
                owners_excepted += 1
            hit = hit or notified or not excepted
        if hit:
            owners_hit.append(imei)
    cloned_caught = sum(1 for i in owners if second.caught(i))
    # The genuine-user decision on its own, caught or not (informational matches record it).
    owners_excepted_all = sum(1 for i, s in owners.items() if (i, s) in second.exceptions)
    others_excepted = sum(1 for i, s in owners.items()
                          if any((i, t) in second.exceptions
                                 for t in second.notified.get(i, set()) - {s}))
    if owners_hit:
        failures.append(f"genuine owners of cloned IMEIs: {len(owners_hit)} of {len(owners)} "
                        f"notified or blocked (gate: 0)")
        examples += [("owner not protected", i) for i in owners_hit[:2]]

    # Notified before blocked: every IMEI on either date's blacklist was on the first date's
    # notification lists, unless it is blocked as stolen only.
    unwarned = {}
    for lists in (first, second):
        for imei, reasons in lists.blacklist.items():
            if imei in first.notified or reasons <= {stolen_reason}:
                continue
            unwarned[imei] = reasons
    unwarned_by = {}
    for imei, reasons in unwarned.items():
        key = (category.get(imei, "not in truth"),
               " | ".join(sorted(reason_label.get(r, r) for r in reasons)))
        unwarned_by[key] = unwarned_by.get(key, 0) + 1
    if unwarned:
        failures.append(f"blocked without an earlier notification (stolen excepted): "
                        f"{len(unwarned)} IMEIs (gate: 0)")
        examples += [("blocked without notification", i) for i in sorted(unwarned)[:2]]

    out = []
    w = out.append
    w("# Quality gate\n")
    w("Issue 4 item 8: the shipped default conditions (`etc/openceir.yaml`) on a synthetic "
      "country, scored against the simulator's truth file (`truth.csv`, and `truth_owners.csv` "
      "for the genuine user of each cloned IMEI). Generated by `scripts/quality-gate.sh` "
      "(ctest `integration_quality_gate`); do not edit by hand.\n")
    w(f"* Date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC")
    w(f"* Command: `{args.command}`")
    w(f"* Lists: first date `{os.path.basename(first.folder)}`, second date "
      f"`{os.path.basename(second.folder)}` (blacklisted {len(second.blacklist)}, notified "
      f"{len(second.notified)} IMEIs)")
    w(f"* Result: **{'FAIL' if failures else 'PASS'}**\n")
    if failures:
        w("## Failing gates\n")
        for f in failures:
            w(f"* {f}")
        w("")
    w("## Per category (second date)\n")
    w("Caught = on the blacklist or on a notification list (it will be blocked). Notified "
      "counts IMEIs notified and not yet blacklisted. Excepted = the IMEI has a pair on an "
      "exception list. Ever = caught on either date.\n")
    w("| category | devices | blocked | notified | excepted | caught | recall | ever caught "
      "| gate |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for cat, n, blocked, notified, excepted, caught, ever in rows:
        if cat in SHOULD_BLOCK:
            gate = "recall >= 99 %: " + ("ok" if n and caught / n >= RECALL_GATE else "**FAIL**")
        elif cat in MUST_KEEP:
            gate = "0 listed: " + ("ok" if ever == 0 else "**FAIL**")
        else:
            gate = "info: " + INFORMATIONAL[cat]
        w(f"| {cat} | {n} | {blocked} | {notified} | {excepted} | {caught} | {pct(caught, n)} "
          f"| {ever} | {gate} |")
    w("")
    w("## Precision of the conditions meant for each should-block category (second date)\n")
    w("IMEIs listed with a reason of those conditions: of the target category, of another "
      "should-block category (rightly listed all the same), of a category that must keep "
      "service.\n")
    w("| category | blocking conditions | listed | target | other should-block | wrong "
      "| precision | precision (any should-block) |")
    w("|---|---|---:|---:|---:|---:|---:|---:|")
    for row in precision:
        w("| " + " | ".join(str(x) for x in row) + " |")
    w("")
    w("## Other gates\n")
    w(f"* IMEIs cloned only once (owner plus one clone): {once_caught} of {len(once)} caught "
      f"({pct(once_caught, len(once))}; gate >= 99 %)")
    w(f"* Genuine owners of cloned IMEIs notified or blocked: {len(owners_hit)} of "
      f"{len(owners)} (gate 0); of the {cloned_caught} caught cloned IMEIs, "
      f"{owners_excepted} have their owner's pair on an exception list")
    w(f"* Genuine-user decision (all cloned IMEIs, caught or not): the owner's pair is on an "
      f"exception list for {owners_excepted_all} of {len(owners)}; a notified clone SIM is "
      f"excepted for {others_excepted}")
    w(f"* Blocked without an earlier notification (stolen excepted): {len(unwarned)} (gate 0)")
    for (cat, reasons), count in sorted(unwarned_by.items()):
        w(f"  * {count} {cat}, blocked by {reasons}")
    w("")
    if examples:
        w("## Examples (`openceir explain`)\n")
        seen = set()
        for title, imei in examples:
            if imei in seen:
                continue
            seen.add(imei)
            w(f"### {title}: {imei} ({details.get(imei, '')})\n")
            w("```")
            out.extend(explain(args, imei))
            w("```\n")
    text = "\n".join(out) + "\n"
    print(text)
    if args.report:
        with open(args.report, "w", encoding="utf-8") as f:
            f.write(text)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
