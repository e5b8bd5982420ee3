#!/usr/bin/python3
"""A legal service's edit, made by LibreOffice itself through its Python
bridge (Debian's python3-uno): open a .docx or .odt that ctg wrote, add
words inside one bookmark and in a paragraph outside any, and save the
result as .docx and .odt. The review tests then check that every bookmark
is still there, with its name.

    /usr/bin/python3 scripts/office-roundtrip.py IN.docx OUT_BASENAME BOOKMARK
    # writes OUT_BASENAME.docx and OUT_BASENAME.odt
"""

import os
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main():
    source, out, bookmark = sys.argv[1], sys.argv[2], sys.argv[3]
    profile = tempfile.mkdtemp(prefix="ctg-lo-")
    pipe = f"ctg{os.getpid()}"
    office = subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            f"-env:UserInstallation=file://{profile}",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local
        )
        for _ in range(200):
            try:
                ctx = resolver.resolve(
                    f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext"
                )
                break
            except Exception:
                time.sleep(0.1)
        else:
            sys.exit("LibreOffice did not start")
        desktop = ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", ctx
        )
        url = uno.systemPathToFileUrl(os.path.abspath(source))
        doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
        # Inside the bookmark: a word added after its first word.
        marks = doc.getBookmarks()
        if not marks.hasByName(bookmark):
            sys.exit(f"no bookmark {bookmark}")
        anchor = marks.getByName(bookmark).getAnchor()
        text = anchor.getText()
        cursor = text.createTextCursorByRange(anchor.getStart())
        cursor.gotoEndOfWord(False)
        text.insertString(cursor, " relue", False)
        # Outside any bookmark: a sentence added to the first paragraph of
        # the body text that says "Entre :".
        enum = doc.getText().createEnumeration()
        while enum.hasMoreElements():
            par = enum.nextElement()
            if par.supportsService("com.sun.star.text.Paragraph") and par.getString() == "Entre :":
                par.getText().insertString(par.getEnd(), " (texte du modèle relu)", False)
                break
        for ext, flt in (("docx", "MS Word 2007 XML"), ("odt", "writer8")):
            target = uno.systemPathToFileUrl(os.path.abspath(f"{out}.{ext}"))
            doc.storeToURL(target, (prop("FilterName", flt),))
        doc.close(True)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        office.terminate()
        office.wait(timeout=30)


if __name__ == "__main__":
    main()
