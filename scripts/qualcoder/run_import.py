#!/usr/bin/python3
"""
Import a .qdpx with QualCoder's own REFI-QDA importer (vendored, unmodified) and report, as JSON,
what arrived in QualCoder's project database, and per kind whether what the .qdpx held arrived.

  /usr/bin/python3 scripts/qualcoder/run_import.py FILE.qdpx [--project PATH] [--replace]
        [--out REPORT.json] [--check] [--allow KIND,...]

--project PATH   where QualCoder's project goes: PATH.qda/, and PATH.home/ as QualCoder's HOME
                 (~/.qualcoder/config.ini); default: a temporary folder, removed
--replace        remove PATH.qda and PATH.home first if they exist
--out FILE       write the JSON there instead of stdout
--check          exit 1 when a kind the .qdpx holds did not (fully) arrive, except --allow'ed ones
                 (the lost kinds are listed on stderr)

Runs the way QualCoder's menu "Import REFI-QDA project" does (MainWindow.refi_project_import):
new_project (QualCoder's own code makes the folder and data.qda), then RefiImport(app, log, "qdpx").
"""
from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import sqlite3
import sys
import tempfile
import traceback
from collections import Counter
from pathlib import Path

sys.dont_write_bytecode = True  # keep vendor/ as copied (no __pycache__)
sys.path.insert(0, str(Path(__file__).resolve().parent))
from qc_harness import MESSAGES, Dialogs, QualCoder, VENDOR  # noqa: E402
from refi_summary import QdpxSummary  # noqa: E402

SAMPLE = 60  # rows per table in the report


def vendored_commit() -> str:
    for line in (VENDOR / "README.md").read_text(encoding="utf-8").splitlines():
        if "commit" in line:
            return line.split("commit", 1)[1].strip(" :`")
    return "?"


def rows(conn, sql, args=()):
    cur = conn.execute(sql, args)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def table_names(conn):
    return [r[0] for r in conn.execute("select name from sqlite_master where type='table' order by name")]


def code_paths(conn):
    """cid -> list of names from the top category down to the code (QualCoder: code_cat.supercatid,
    code_name.catid, code_name.supercid)."""
    cats = {r["catid"]: r for r in rows(conn, "select * from code_cat")}
    codes = {r["cid"]: r for r in rows(conn, "select * from code_name")}

    def cat_path(catid, seen=()):
        if catid is None or catid not in cats or catid in seen:
            return []
        c = cats[catid]
        return cat_path(c["supercatid"], seen + (catid,)) + [c["name"]]

    def code_path(cid, seen=()):
        if cid is None or cid not in codes or cid in seen:
            return []
        c = codes[cid]
        if c["supercid"] is not None:
            return code_path(c["supercid"], seen + (cid,)) + [c["name"]]
        return cat_path(c["catid"]) + [c["name"]]

    return {cid: code_path(cid) for cid in codes}, {catid: cat_path(catid) for catid in cats}


def db_report(conn):
    out = {}
    out["tables"] = {t: conn.execute(f'select count(*) from "{t}"').fetchone()[0] for t in table_names(conn)}
    out["project"] = rows(conn, "select databaseversion, date, memo, about, codername from project")
    code_path, cat_path = code_paths(conn)
    out["code_categories"] = [dict(r, path="/".join(cat_path[r["catid"]]))
                              for r in rows(conn, "select catid, name, memo, supercatid, owner from code_cat order by catid")]
    out["codes"] = [dict(r, path="/".join(code_path[r["cid"]]))
                    for r in rows(conn, "select cid, name, memo, catid, supercid, color, owner from code_name order by cid")]
    sources = rows(conn, "select id, name, owner, date, memo, mediapath, fulltext from source order by id")
    texts = {s["id"]: s["fulltext"] or "" for s in sources}
    out["sources"] = [dict({k: v for k, v in s.items() if k != "fulltext"}, text_length=len(s["fulltext"] or ""),
                           text_start=(s["fulltext"] or "")[:60]) for s in sources]
    names = {s["id"]: s["name"] for s in sources}
    coded = rows(conn, "select ctid, cid, fid, pos0, pos1, seltext, owner, memo, date, important from code_text order by fid, pos0, ctid")
    out["coded_text"] = [dict(r, code_path="/".join(code_path.get(r["cid"], [])) if r["cid"] is not None else None,
                              source=names.get(r["fid"]),
                              seltext_equals_source_slice=(r["seltext"] == texts.get(r["fid"], "")[r["pos0"]:r["pos1"]]))
                         for r in coded][:SAMPLE]
    out["coded_text_summary"] = {
        "count": len(coded),
        "by_owner": dict(Counter(r["owner"] for r in coded)),
        "with_memo": sum(1 for r in coded if r["memo"]),
        "without_code (cid null)": sum(1 for r in coded if r["cid"] is None),
        "seltext_mismatches": sum(1 for r in coded if r["seltext"] != texts.get(r["fid"], "")[r["pos0"]:r["pos1"]]),
    }
    out["annotations"] = [dict(r, source=names.get(r["fid"]), text=texts.get(r["fid"], "")[r["pos0"]:r["pos1"]])
                          for r in rows(conn, "select anid, fid, pos0, pos1, memo, owner, date from annotation order by anid")][:SAMPLE]
    out["journals"] = rows(conn, "select jid, name, jentry, owner, date from journal order by jid")[:SAMPLE]
    out["attribute_types"] = rows(conn, "select name, caseOrFile, valuetype, memo, owner from attribute_type order by name")
    out["attributes"] = rows(conn, "select attrid, name, attr_type, id, value, typeof(value) as sqlite_type, owner "
                                   "from attribute order by attr_type, id, name")[:SAMPLE]
    for a in out["attributes"]:
        a["of"] = names.get(a["id"]) if a["attr_type"] == "file" else a["id"]
    out["cases"] = rows(conn, "select caseid, name, memo, owner from cases order by caseid")[:SAMPLE]
    out["case_text"] = rows(conn, "select * from case_text")[:SAMPLE]
    out["coders"] = {
        "coder_names_table": rows(conn, "select name, visibility from coder_names") if "coder_names" in out["tables"] else None,
        "owners_by_table": {t: sorted({r[0] for r in conn.execute(f'select distinct owner from "{t}" where owner is not null')})
                            for t in ("source", "code_text", "annotation", "journal", "code_name", "code_cat",
                                      "attribute", "attribute_type", "cases")},
    }
    return out


TEXT_COLUMNS = [("project", "memo"), ("journal", "jentry"), ("annotation", "memo"), ("code_text", "memo"),
                ("source", "memo"), ("code_name", "memo"), ("code_cat", "memo"), ("cases", "memo"),
                ("attribute_type", "memo"), ("case_text", "memo"), ("code_image", "memo"), ("code_av", "memo")]


def norm(s):
    s = s or ""
    return s.lstrip("\ufeff").strip()


def compare(summary: QdpxSummary, conn):
    """Per kind: how many the .qdpx held, how many arrived, and notes."""
    kinds = []

    def kind(name, exported, arrived, detail=None, note=""):
        if exported == 0:
            status = "not in file"
        elif arrived >= exported:
            status = "arrived"
        elif arrived == 0:
            status = "lost"
        else:
            status = "partly"
        kinds.append({"kind": name, "in_qdpx": exported, "arrived": arrived, "status": status,
                      **({"note": note} if note else {}), **({"detail": detail} if detail else {})})

    code_path, cat_path = code_paths(conn)
    codes_db = rows(conn, "select * from code_name")
    cats_db = rows(conn, "select * from code_cat")
    sources_db = rows(conn, "select id, name, fulltext, memo, owner from source")
    coded_db = rows(conn, "select * from code_text")
    ann_db = rows(conn, "select * from annotation")
    attr_types = {r["name"]: r for r in rows(conn, "select * from attribute_type")}
    attrs = rows(conn, "select * from attribute")
    project = rows(conn, "select * from project")[0]

    # Users: a user arrives when its name is an owner somewhere in the database.
    owners = set()
    for t in ("source", "code_text", "annotation", "journal", "code_image", "code_av", "cases", "case_text"):
        owners |= {r[0] for r in conn.execute(f'select distinct owner from "{t}"')}
    users = sorted(set(summary.users.values()))
    kind("users (coder names)", len(users), sum(1 for u in users if u in owners),
         {u: ("arrived as owner" if u in owners else "not found as an owner") for u in users})

    # Codes and categories, matched by their path of names.
    def match_paths(exported, db_paths):
        pool = Counter(tuple(p) for p in db_paths)
        hits = []
        for e in exported:
            key = tuple(e["path"])
            if pool[key] > 0:
                pool[key] -= 1
                hits.append(e)
        return hits

    codable = [c for c in summary.codes if c["isCodable"]]
    groups = [c for c in summary.codes if not c["isCodable"]]
    hit_codes = match_paths(codable, [code_path[c["cid"]] for c in codes_db])
    kind("codes (name and place in the tree)", len(codable), len(hit_codes),
         {"/".join(c["path"]): ("arrived" if c in hit_codes else "missing") for c in codable},
         note=f"QualCoder code_name has unique(name); names in file: {dict(Counter(c['name'] for c in codable))}"
         if len({c["name"] for c in codable}) < len(codable) else "")
    hit_groups = match_paths(groups, [cat_path[c["catid"]] for c in cats_db])
    kind("categories (isCodable=false codes)", len(groups), len(hit_groups),
         {"/".join(c["path"]): ("arrived as code_cat" if c in hit_groups else "missing") for c in groups})

    described = [c for c in summary.codes if c["description"]]
    memo_by_path = {tuple(code_path[c["cid"]]): c["memo"] for c in codes_db}
    memo_by_path.update({tuple(cat_path[c["catid"]]): c["memo"] for c in cats_db})
    ok = [c for c in described if norm(memo_by_path.get(tuple(c["path"]))) == norm(c["description"])]
    kind("code Descriptions (definitions)", len(described), len(ok), {"/".join(c["path"]): c in ok for c in described})

    # Sources
    text_sources = [s for s in summary.sources if s["kind"] == "TextSource"]
    source_id = {}
    for s in text_sources:
        for d in sources_db:
            if d["id"] not in source_id.values() and (d["name"] == s["name"] or d["name"].endswith("_" + s["name"])):
                source_id[s["guid"]] = d["id"]
                break
    by_id = {d["id"]: d for d in sources_db}
    same_text = [s for s in text_sources if s["guid"] in source_id and (by_id[source_id[s["guid"]]]["fulltext"] or "") == (s["text"] or "")]
    kind("text sources (name and identical text)", len(text_sources), len(same_text),
         {s["name"]: ("same text" if s in same_text else
                      ("missing" if s["guid"] not in source_id else
                       ("text differs: QualCoder kept the byte-order mark as U+FEFF at position 0"
                        if (by_id[source_id[s["guid"]]]["fulltext"] or "") == "\ufeff" + (s["text"] or "") else "text differs")))
          for s in text_sources})
    described = [s for s in summary.sources if s["description"]]
    kind("source Descriptions", len(described),
         sum(1 for s in described if s["guid"] in source_id and norm(by_id[source_id[s["guid"]]]["memo"]) == norm(s["description"])))

    # Codings
    codings = [(sel, c) for sel in summary.selections for c in sel["codings"]]
    placed, owned, seltext_ok = [], [], []
    for sel, c in codings:
        code = summary.code_by_guid.get(c["code_guid"])
        fid = source_id.get(sel["source_guid"])
        match = [r for r in coded_db if r["fid"] == fid and r["pos0"] == sel["start"] and r["pos1"] == sel["end"]
                 and code is not None and r["cid"] is not None and code_path.get(r["cid"]) == code["path"]]
        if match:
            placed.append((sel, c))
            if any(r["owner"] == (c["user"] or sel["user"]) for r in match):
                owned.append((sel, c))
            if any(r["seltext"] == sel["text"] for r in match):
                seltext_ok.append((sel, c))
    kind("codings (source, range, code)", len(codings), len(placed),
         [f'{sel["source"]}[{sel["start"]}:{sel["end"]}] -> {"/".join(summary.code_by_guid[c["code_guid"]]["path"]) if c["code_guid"] in summary.code_by_guid else c["code_guid"]}: '
          + ("arrived" if (sel, c) in placed else "missing or on another code") for sel, c in codings],
         note=f'{sum(1 for r in coded_db if r["cid"] is None)} code_text row(s) arrived with cid NULL (no code)'
         if any(r["cid"] is None for r in coded_db) else "")
    kind("coding owners (Coding creatingUser -> code_text.owner)", len(codings), len(owned))
    kind("coded text (code_text.seltext == exported text slice)", len(codings), len(seltext_ok))

    # Selections without any Coding: QualCoder makes them annotations.
    uncoded = [sel for sel in summary.selections if not sel["codings"]]
    kind("selections without codes (-> annotation)", len(uncoded),
         sum(1 for sel in uncoded if any(a["fid"] == source_id.get(sel["source_guid"]) and a["pos0"] == sel["start"]
                                         and a["pos1"] == sel["end"] for a in ann_db)))

    sel_desc = [sel for sel in summary.selections if sel["description"] and sel["codings"]]
    kind("selection Descriptions (-> code_text.memo)", len(sel_desc),
         sum(1 for sel in sel_desc if any(r["fid"] == source_id.get(sel["source_guid"]) and r["pos0"] == sel["start"]
                                          and norm(r["memo"]) == norm(sel["description"]) for r in coded_db)))

    # Notes, by what refers to them; a note arrives when its text is stored anywhere.
    stored = []
    for table, col in TEXT_COLUMNS:
        try:
            stored += [(table, norm(r[0])) for r in conn.execute(f'select "{col}" from "{table}"') if norm(r[0])]
        except sqlite3.OperationalError:
            pass

    def where(text):
        """Tables holding the note's text: exactly, else within a longer text (e.g. title + text)."""
        exact = sorted({t for t, s in stored if s == norm(text)})
        if exact or not norm(text):
            return exact
        return sorted({f"{t} (within a longer text)" for t, s in stored if norm(text) in s})

    referrers = summary.note_referrers()
    markeer = (summary.origin or "").startswith("Markeer")
    groups_of_notes = {}
    for guid, note in summary.notes.items():
        refs = referrers.get(guid, [])
        kinds_of = {k for k, _ in refs}
        if "selection" in kinds_of:
            label = "selection Notes (NoteRef in PlainTextSelection)"
            if markeer:
                label = ("segment comments (Note 'Comment: ...', NoteRef in PlainTextSelection)"
                         if (note["name"] or "").startswith("Comment: ") else "segment memos (NoteRef in PlainTextSelection)")
        elif "source" in kinds_of:
            label = ("annotations (source NoteRef -> Note with PlainTextSelection)" if note["selection"]
                     else "source Notes (NoteRef in TextSource, document memos)")
        elif "code" in kinds_of:
            label = "code Notes (NoteRef in Code, code memos)"
        elif "project" in kinds_of:
            label = "project Notes (NoteRef in Project, project memos)"
        elif note["selection"]:
            label = "annotation Notes without a NoteRef (Note with PlainTextSelection, no source)"
        else:
            label = "unreferenced Notes (journals)"
        groups_of_notes.setdefault(label, []).append(note)
    # Where QualCoder itself keeps each kind (a note found elsewhere arrived, but not in place).
    home = {"project": ["project"], "source": ["source"], "code": ["code_name", "code_cat"],
            "selection": ["code_text", "annotation"], "segment": ["code_text", "annotation"],
            "annotation": ["annotation"], "unreferenced": ["journal"]}
    for label, notes in groups_of_notes.items():
        found = {n["guid"]: where(n["text"]) for n in notes}
        key = next((k for k in home if label.lower().startswith(k)), None)
        places = home.get(key, [])
        elsewhere = [n["name"] for n in notes if found[n["guid"]] and not any(f.split(" ")[0] in places for f in found[n["guid"]])]
        kind(label, len(notes), sum(1 for n in notes if found[n["guid"]]),
             [{"name": n["name"], "text_in": n["text_in"], "found_in": found[n["guid"]] or "nowhere"} for n in notes],
             note=(f"arrived, but not where QualCoder keeps this kind ({', '.join(places)}): {elsewhere}" if elsewhere else ""))

    if summary.project_description is not None and summary.project_description.strip():
        kind("project Description (-> project.memo)", 1, int(norm(project["memo"]) == norm(summary.project_description)))
    else:
        kind("project Description (-> project.memo)", 0, 0)

    # Variables
    variables = list(summary.variables.values())
    kind("variables (definitions -> attribute_type)", len(variables), sum(1 for v in variables if v["name"] in attr_types))
    expected_type = {"Text": "character", "Boolean": "character", "Date": "character", "DateTime": "character",
                     "Integer": "numeric", "Float": "numeric"}
    exact = {"Text", "Float"}  # the two types QualCoder has; it exports numeric as Float, all else as Text
    kind("variable types kept (QualCoder has character|numeric)", len(variables),
         sum(1 for v in variables if v["type"] in exact and attr_types.get(v["name"], {}).get("valuetype") == expected_type[v["type"]]),
         {v["name"]: f'{v["type"]} -> {attr_types.get(v["name"], {}).get("valuetype", "missing")}' for v in variables})
    values = [v for v in summary.values if v["value"] != ""]
    ok = []
    for v in values:
        fid = source_id.get(v["source_guid"])
        if any(a["name"] == v["variable"] and a["attr_type"] == "file" and a["id"] == fid and (a["value"] or "") == v["value"].strip()
               for a in attrs):
            ok.append(v)
    kind("variable values of sources (-> attribute)", len(values), len(ok),
         [f'{v["source"]}.{v["variable"]} = {v["value"]!r} ({v["element"]}): ' + ("arrived" if v in ok else "missing") for v in values])
    case_values = [(c, v) for c in summary.cases for v in c["values"]]
    kind("cases", len([c for c in summary.cases if c["name"]]),
         sum(1 for c in summary.cases if c["name"] and conn.execute("select 1 from cases where name=?", (c["name"],)).fetchone()))
    kind("variable values of cases", len(case_values),
         sum(1 for c, v in case_values if conn.execute(
             "select 1 from attribute a join cases c on a.id=c.caseid where a.attr_type='case' and c.name=? and a.name=? and a.value=?",
             (c["name"], v["variable"], v["value"])).fetchone()))

    # Sets
    source_sets = [s for s in summary.sets if s["memberSources"]]
    ok = []
    for s in source_sets:
        ids = {source_id.get(g) for g in s["memberSources"]}
        got = {a["id"] for a in attrs if a["name"] == s["name"] and a["attr_type"] == "file"}
        if s["name"] in attr_types and ids <= got:
            ok.append(s)
    kind("sets of sources (-> file attribute named after the set)", len(source_sets), len(ok))
    with_desc = [s for s in source_sets if s["description"]]
    kind("set Descriptions (-> attribute_type.memo)", len(with_desc),
         sum(1 for s in with_desc if norm(attr_types.get(s["name"], {}).get("memo")) == norm(s["description"])))
    code_sets = [s for s in summary.sets if s["memberCodes"]]
    kind("sets of codes (themes)", len(code_sets),
         sum(1 for s in code_sets if s["name"] in attr_types), note="QualCoder's parse_set reads MemberSource only" if code_sets else "")
    return kinds


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("qdpx")
    p.add_argument("--project", help="QualCoder project path without .qda (default: temporary)")
    p.add_argument("--replace", action="store_true")
    p.add_argument("--out")
    p.add_argument("--check", action="store_true")
    p.add_argument("--allow", default="", help="comma-separated kinds (or unique prefixes) allowed to be lost")
    args = p.parse_args(argv)

    qdpx = Path(args.qdpx).resolve()
    scratch = Path(tempfile.mkdtemp(prefix="qualcoder-import-"))
    try:
        project = Path(args.project).resolve() if args.project else scratch / "project"
        qda = Path(str(project) + ".qda")
        if qda.exists():
            if not args.replace:
                p.error(f"{qda} exists; use --replace")
            shutil.rmtree(qda)
        qda.parent.mkdir(parents=True, exist_ok=True)
        # QualCoder keeps its settings (config.ini: coder name, ...) in ~/.qualcoder. With --project,
        # HOME is PATH.home, so that run_export.py later continues the same "user session".
        home = Path(str(project) + ".home") if args.project else scratch / "home"
        if args.project and home.exists() and args.replace:
            shutil.rmtree(home)
        qc = QualCoder(home)
        window = qc.create_project(project)
        # RefiImport extracts next to the file it reads (FILE[:-4] + "_temporary"): give it a copy.
        work_copy = scratch / qdpx.name
        shutil.copyfile(qdpx, work_copy)
        Dialogs.open_file = str(work_copy)
        crash = None
        with contextlib.redirect_stdout(qc.stdout):
            try:
                qc.refi.RefiImport(window.app, qc.log, "qdpx")
            except Exception:  # QualCoder's importer stopped half way: report what it stored so far
                crash = traceback.format_exc()
        conn = window.app.conn
        conn.commit()
        summary = QdpxSummary(str(qdpx))
        report = {
            "qualcoder": {"commit": vendored_commit(), "version": window.app.version},
            "input": {"file": str(qdpx), "origin": summary.origin, "project": summary.project_name},
            "qualcoder_project": str(qda) if args.project else "(temporary, removed)",
            "qualcoder_crashed": crash,
            "codername_after_import": window.app.settings.get("codername"),
            "kinds": compare(summary, conn),
            "database": db_report(conn),
            "qualcoder_messages": MESSAGES,
            "qualcoder_log": qc.log.lines,
            "qualcoder_stdout": qc.stdout.getvalue().splitlines(),
            "schema": qc.schema_sql(qda),
        }
        conn.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    text = json.dumps(report, ensure_ascii=False, indent=2)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    else:
        print(text)

    lost = [k for k in report["kinds"] if k["status"] in ("lost", "partly")]
    allowed = [a.strip() for a in args.allow.split(",") if a.strip()]
    for k in report["kinds"]:
        mark = {"arrived": "ok  ", "not in file": "    ", "lost": "LOST", "partly": "PART"}[k["status"]]
        print(f'{mark} {k["kind"]}: {k["arrived"]}/{k["in_qdpx"]}', file=sys.stderr)
    if report["qualcoder_crashed"]:
        print("QualCoder's importer crashed:\n" + report["qualcoder_crashed"], file=sys.stderr)
    if args.check:
        failing = [k["kind"] for k in lost if not any(k["kind"].startswith(a) for a in allowed)]
        if report["qualcoder_crashed"]:
            failing.insert(0, "the import itself (QualCoder's importer crashed)")
        if failing:
            print("Did not (fully) arrive in QualCoder:", file=sys.stderr)
            for f in failing:
                print(f"  - {f}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
