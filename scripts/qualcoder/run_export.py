#!/usr/bin/python3
"""
Export a QualCoder project (made by run_import.py --project PATH) with QualCoder's own REFI-QDA
project exporter (RefiExport(app, log, "project"), vendored, unmodified) to a .qdpx.

  /usr/bin/python3 scripts/qualcoder/run_export.py --project PATH --out OUT.qdpx [--add-missing]
        [--line-endings no-change|maxqda]

--project PATH   the project PATH.qda (as given to run_import.py; QualCoder's HOME is PATH.home)
--out FILE       where to put the .qdpx QualCoder writes
--add-missing    before exporting, add what the import did not bring, the way QualCoder's UI
                 stores it, so that the export shows how QualCoder writes each kind:
                   an annotation with a memo (code_text.py: insert into annotation), twice on one
                   source; a journal (journals.py: insert into journal); the project memo
                   (__main__.py: update project set memo); a coded-segment memo
                   (code_text.py: update code_text set memo); a source memo (update source set memo).
                 Only what is missing is added: a second run adds nothing.
--line-endings   the answer to QualCoder's export dialog "Plain text representation may need
                 adjustment of line endings" (default no-change, QualCoder's default)

Prints a JSON summary (what was added, where the file went, QualCoder's messages) on stdout.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import shutil
import sys
import tempfile
from pathlib import Path

sys.dont_write_bytecode = True  # keep vendor/ as copied (no __pycache__)
sys.path.insert(0, str(Path(__file__).resolve().parent))
from qc_harness import MESSAGES, Dialogs, QualCoder, _QRadioButton  # noqa: E402


def now_local() -> str:
    # How QualCoder's UI dates what it stores.
    return datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S")


def add_missing(app) -> list[str]:
    cur = app.conn.cursor()
    owner = app.settings["codername"]
    added = []
    sources = cur.execute("select id, name, fulltext from source where fulltext is not null order by id").fetchall()
    if not sources:
        return added
    fid, name, text = sources[0]

    def span(word: str, fallback: tuple[int, int]) -> tuple[int, int]:
        at = text.find(word)
        return (at, at + len(word)) if at >= 0 else fallback

    if cur.execute("select count(*) from annotation where memo is not null and memo != ''").fetchone()[0] == 0:
        # code_text.py annotate(): one row per annotation, memo required (empty memos are not stored)
        for word, memo in (("first week", "Annotation added in QualCoder: the first week."),
                           ("Monday", "Second annotation on the same source (QualCoder writes a NoteRef for the first only).")):
            pos0, pos1 = span(word, (0, min(5, len(text))))
            cur.execute("insert into annotation (fid,pos0, pos1,memo,owner,date) values(?,?,?,?,?,?)",
                        (fid, pos0, pos1, memo, owner, now_local()))
            added.append(f"annotation on {name}[{pos0}:{pos1}]")
    if cur.execute("select count(*) from journal").fetchone()[0] == 0:
        # journals.py create(): insert with an empty entry, the text is saved as the user types
        cur.execute("insert into journal(name,jentry,owner,date) values(?,?,?,?)", ("Reflections", "", owner, now_local()))
        cur.execute("update journal set jentry=? where name=?", ("Journal written in QualCoder.\nSecond line & <markup>.", "Reflections"))
        added.append("journal 'Reflections'")
    if (cur.execute("select memo from project").fetchone()[0] or "") == "":
        # __main__.py project_memo()
        cur.execute("update project set memo=?", ("Project memo written in QualCoder.",))
        added.append("project memo")
    if cur.execute("select count(*) from code_text where memo is not null and memo != ''").fetchone()[0] == 0:
        row = cur.execute("select ctid from code_text where cid is not null order by ctid").fetchone()
        if row:
            # code_text.py coded_text_memo(): update code_text set memo=? where ctid=?
            cur.execute("update code_text set memo=? where ctid=?", ("Coding memo written in QualCoder.", row[0]))
            added.append(f"memo on code_text {row[0]}")
    if cur.execute("select count(*) from source where memo is not null and memo != ''").fetchone()[0] == 0:
        cur.execute("update source set memo=? where id=?", ("Source memo written in QualCoder.", fid))
        added.append(f"memo on source {name}")
    app.conn.commit()
    return added


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--project", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--add-missing", action="store_true")
    p.add_argument("--line-endings", choices=["no-change", "maxqda"], default="no-change")
    args = p.parse_args(argv)

    project = Path(args.project).resolve()
    qda = Path(str(project) + ".qda")
    if not (qda / "data.qda").exists():
        p.error(f"no QualCoder project at {qda}")
    qc = QualCoder(Path(str(project) + ".home"))
    app = qc.open_project(qda)
    added = add_missing(app) if args.add_missing else []

    if args.line_endings == "maxqda":
        original = _QRadioButton.isChecked
        _QRadioButton.isChecked = lambda self: (getattr(self, "_name", "") == "radioButton_maxqda") or original(self)
        _QRadioButton.setObjectName = lambda self, n: setattr(self, "_name", n)

    target = Path(tempfile.mkdtemp(prefix="qualcoder-export-"))
    try:
        Dialogs.directory = str(target)
        with contextlib.redirect_stdout(qc.stdout):
            qc.refi.RefiExport(app, qc.log, "project")
        written = sorted(target.glob("*.qdpx"))
        if len(written) != 1:
            raise RuntimeError(f"QualCoder wrote {written} in {target}; log: {qc.log.lines}")
        out = Path(args.out).resolve()
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(written[0], out)
    finally:
        shutil.rmtree(target, ignore_errors=True)
    app.conn.close()
    print(json.dumps({"out": str(out), "added_before_export": added, "codername": app.settings["codername"],
                      "qualcoder_messages": MESSAGES, "qualcoder_log": qc.log.lines,
                      "qualcoder_stdout": qc.stdout.getvalue().splitlines()}, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
