"""
What a .qdpx holds, read independently of QualCoder (xml.etree), per kind, so that the report can
say which exported kinds arrived in QualCoder's database. Generic REFI-QDA: works on Markeer's
export and on QualCoder's own.
"""
from __future__ import annotations

import zipfile
import xml.etree.ElementTree as ET
from pathlib import PurePosixPath

NS = "{urn:QDA-XML:project:1.0}"


def _local(tag: str) -> str:
    return tag.split("}", 1)[-1]


def _text_of(el) -> str:
    return el.text or "" if el is not None else ""


def _child(el, name):
    for c in el:
        if _local(c.tag) == name:
            return c
    return None


def _children(el, name):
    return [c for c in el if _local(c.tag) == name]


def _strip_bom(s: str) -> str:
    return s[1:] if s.startswith("\ufeff") else s


class QdpxSummary:
    def __init__(self, path: str):
        self.zip = zipfile.ZipFile(path)
        names = self.zip.namelist()
        qde = [n for n in names if n.lower().endswith(".qde") and "/" not in n]
        if len(qde) != 1:
            raise ValueError(f"expected one .qde at the root of {path}, found {qde}")
        self.qde_name = qde[0]
        self.root = ET.fromstring(self.zip.read(qde[0]))
        self.files = {n.lower(): n for n in names}
        self.users = {u.get("guid"): u.get("name") for u in self.root.iter(NS + "User")}
        self._read()

    def _internal(self, ref: str | None) -> str | None:
        """Contents of an internal:// file, or None."""
        if not ref or not ref.startswith("internal://"):
            return None
        name = ref[len("internal://"):]
        for candidate in (f"sources/{name}", f"Sources/{name}"):
            real = self.files.get(candidate.lower())
            if real:
                return _strip_bom(self.zip.read(real).decode("utf-8", errors="replace"))
        return None

    def _user(self, el) -> str | None:
        guid = el.get("creatingUser") or el.get("modifyingUser")
        return self.users.get(guid) if guid else None

    def _read(self):
        r = self.root
        self.origin = r.get("origin")
        self.project_name = r.get("name")
        desc = _child(r, "Description")
        self.project_description = _text_of(desc) if desc is not None else None
        self.project_note_refs = [n.get("targetGUID") for n in _children(r, "NoteRef")]

        # Codes: path of names, codable, description, note refs
        self.codes = []
        self.code_by_guid = {}
        codebook = _child(r, "CodeBook")
        codes_el = _child(codebook, "Codes") if codebook is not None else None

        def walk(el, path):
            for c in _children(el, "Code"):
                entry = {
                    "guid": c.get("guid"), "name": c.get("name"), "path": path + [c.get("name")],
                    "isCodable": c.get("isCodable", "true") != "false", "color": c.get("color"),
                    "description": _text_of(_child(c, "Description")) if _child(c, "Description") is not None else "",
                    "noteRefs": [n.get("targetGUID") for n in _children(c, "NoteRef")],
                }
                self.codes.append(entry)
                self.code_by_guid[entry["guid"]] = entry
                walk(c, entry["path"])

        if codes_el is not None:
            walk(codes_el, [])

        # Variables
        self.variables = {}
        vars_el = _child(r, "Variables")
        for v in (_children(vars_el, "Variable") if vars_el is not None else []):
            d = _child(v, "Description")
            self.variables[v.get("guid")] = {"name": v.get("name"), "type": v.get("typeOfVariable"),
                                             "description": _text_of(d) if d is not None else ""}

        # Sources
        self.sources = []
        self.source_by_guid = {}
        self.selections = []
        self.values = []
        sources_el = _child(r, "Sources")
        for s in (list(sources_el) if sources_el is not None else []):
            kind = _local(s.tag)
            text = self._internal(s.get("plainTextPath")) if kind == "TextSource" else None
            d = _child(s, "Description")
            src = {"guid": s.get("guid"), "name": s.get("name"), "kind": kind, "text": text,
                   "creatingUser": self._user(s), "description": _text_of(d) if d is not None else "",
                   "noteRefs": [n.get("targetGUID") for n in _children(s, "NoteRef")]}
            self.sources.append(src)
            self.source_by_guid[src["guid"]] = src
            for sel in _children(s, "PlainTextSelection"):
                sd = _child(sel, "Description")
                start, end = int(sel.get("startPosition")), int(sel.get("endPosition"))
                self.selections.append({
                    "guid": sel.get("guid"), "source": src["name"], "source_guid": src["guid"],
                    "start": start, "end": end, "text": (text or "")[start:end],
                    "user": self._user(sel), "description": _text_of(sd) if sd is not None else "",
                    "codings": [{"code_guid": _child(c, "CodeRef").get("targetGUID"), "user": self._user(c)}
                                for c in _children(sel, "Coding") if _child(c, "CodeRef") is not None],
                    "noteRefs": [n.get("targetGUID") for n in _children(sel, "NoteRef")],
                })
            for vv in _children(s, "VariableValue"):
                ref = _child(vv, "VariableRef")
                value_el = next((c for c in vv if _local(c.tag).endswith("Value")), None)
                var = self.variables.get(ref.get("targetGUID") if ref is not None else None, {})
                self.values.append({"source": src["name"], "source_guid": src["guid"], "variable": var.get("name"),
                                    "type": var.get("type"), "element": _local(value_el.tag) if value_el is not None else None,
                                    "value": _text_of(value_el)})

        # Cases
        self.cases = []
        cases_el = _child(r, "Cases")
        for c in (_children(cases_el, "Case") if cases_el is not None else []):
            d = _child(c, "Description")
            vals = []
            for vv in _children(c, "VariableValue"):
                ref = _child(vv, "VariableRef")
                value_el = next((x for x in vv if _local(x.tag).endswith("Value")), None)
                var = self.variables.get(ref.get("targetGUID") if ref is not None else None, {})
                vals.append({"variable": var.get("name"), "element": _local(value_el.tag) if value_el is not None else None,
                             "value": _text_of(value_el)})
            self.cases.append({"guid": c.get("guid"), "name": c.get("name"), "description": _text_of(d) if d is not None else "",
                               "values": vals, "sourceRefs": [x.get("targetGUID") for x in _children(c, "SourceRef")]})

        # Notes: where the text is, and who refers to them
        self.notes = {}
        notes_el = _child(r, "Notes")
        for n in (_children(notes_el, "Note") if notes_el is not None else []):
            content = _child(n, "PlainTextContent")
            sel = _child(n, "PlainTextSelection")
            from_file = self._internal(n.get("plainTextPath"))
            self.notes[n.get("guid")] = {
                "guid": n.get("guid"), "name": n.get("name"), "user": self._user(n),
                "text": _text_of(content) if content is not None else (from_file or ""),
                "text_in": "PlainTextContent" if content is not None else ("plainTextPath" if from_file is not None else None),
                "selection": {"start": sel.get("startPosition"), "end": sel.get("endPosition")} if sel is not None else None,
            }

        # Sets
        self.sets = []
        sets_el = _child(r, "Sets")
        for s in (_children(sets_el, "Set") if sets_el is not None else []):
            d = _child(s, "Description")
            self.sets.append({"guid": s.get("guid"), "name": s.get("name"), "description": _text_of(d) if d is not None else "",
                              "memberSources": [m.get("targetGUID") for m in _children(s, "MemberSource")],
                              "memberCodes": [m.get("targetGUID") for m in _children(s, "MemberCode")]})

    def note_referrers(self):
        """note guid -> list of (kind, what) that reference it."""
        refs: dict = {}
        for g in self.project_note_refs:
            refs.setdefault(g, []).append(("project", self.project_name))
        for c in self.codes:
            for g in c["noteRefs"]:
                refs.setdefault(g, []).append(("code", "/".join(c["path"])))
        for s in self.sources:
            for g in s["noteRefs"]:
                refs.setdefault(g, []).append(("source", s["name"]))
        for sel in self.selections:
            for g in sel["noteRefs"]:
                refs.setdefault(g, []).append(("selection", f'{sel["source"]}[{sel["start"]}:{sel["end"]}]'))
        return refs
