#!/usr/bin/env python3
"""What a word processor will find in a .docx or .odt that ctg wrote (or
that LibreOffice saved back): the paragraph styles of the headings, the
table header rows, the document language, the properties, and every
bookmark with the text it spans. Standard library only.

    python3 scripts/office-structure.py FILE.docx|FILE.odt   # JSON on stdout
"""

import json
import sys
import zipfile
import xml.etree.ElementTree as ET

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
DC = "{http://purl.org/dc/elements/1.1/}"


def docx(z):
    body = ET.fromstring(z.read("word/document.xml"))
    headings, bookmarks, open_ = [], {}, {}
    names = {}
    for p in body.iter(W + "p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        text = "".join(t.text or "" for t in p.iter(W + "t"))
        if style is not None and style.get(W + "val", "").startswith("Heading"):
            headings.append([style.get(W + "val"), text])
    for el in body.iter():
        if el.tag == W + "bookmarkStart":
            names[el.get(W + "id")] = el.get(W + "name")
            open_[el.get(W + "id")] = ""
        elif el.tag == W + "bookmarkEnd":
            i = el.get(W + "id")
            if i in open_:
                bookmarks.setdefault(names[i], open_.pop(i))
        elif el.tag == W + "t":
            for i in open_:
                open_[i] += el.text or ""
    header_rows = len(body.findall(f".//{W}trPr/{W}tblHeader"))
    styles = ET.fromstring(z.read("word/styles.xml"))
    lang = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    props = {}
    if "docProps/custom.xml" in z.namelist():
        custom = ET.fromstring(z.read("docProps/custom.xml"))
        for prop in custom:
            props[prop.get("name")] = "".join(prop.itertext())
    core = ET.fromstring(z.read("docProps/core.xml"))
    title = core.find(DC + "title")
    return {
        "headings": headings,
        "header_rows": header_rows,
        "language": lang.get(W + "val") if lang is not None else None,
        "title": title.text if title is not None else None,
        "properties": props,
        "bookmarks": bookmarks,
    }


def odt(z):
    content = ET.fromstring(z.read("content.xml"))
    headings, bookmarks, open_ = [], {}, {}

    def walk(el):
        if el.tag == TEXT + "bookmark-start":
            open_[el.get(TEXT + "name")] = ""
        elif el.tag == TEXT + "bookmark-end":
            name = el.get(TEXT + "name")
            if name in open_:
                bookmarks.setdefault(name, open_.pop(name))
        for name in open_:
            open_[name] += el.text or ""
        for child in el:
            walk(child)
            for name in open_:
                open_[name] += child.tail or ""

    walk(content)
    for h in content.iter(TEXT + "h"):
        headings.append([h.get(TEXT + "outline-level"), "".join(h.itertext())])
    header_rows = len(content.findall(f".//{TABLE}table-header-rows"))
    styles = ET.fromstring(z.read("styles.xml"))
    lang = None
    for d in styles.iter(STYLE + "default-style"):
        props = d.find(STYLE + "text-properties")
        if d.get(STYLE + "family") == "paragraph" and props is not None:
            lang = f"{props.get(FO + 'language')}-{props.get(FO + 'country')}"
    meta = ET.fromstring(z.read("meta.xml"))
    user = {u.get(META + "name"): u.text for u in meta.iter(META + "user-defined")}
    title = meta.find(f".//{DC}title")
    return {
        "headings": headings,
        "header_rows": header_rows,
        "language": lang,
        "title": title.text if title is not None else None,
        "properties": user,
        "bookmarks": bookmarks,
    }


def main():
    path = sys.argv[1]
    with zipfile.ZipFile(path) as z:
        out = docx(z) if "word/document.xml" in z.namelist() else odt(z)
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
