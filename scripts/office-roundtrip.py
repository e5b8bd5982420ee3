#!/usr/bin/python3
"""A legal service's edit, made by LibreOffice itself through its Python
bridge (Debian's python3-uno): open a .docx or .odt that ctg wrote, add
words inside one bookmark and in a paragraph outside any, and save the
result as .docx and .odt. The review tests then check that every bookmark
is still there, with its name.

    /usr/bin/python3 scripts/office-roundtrip.py IN.docx OUT_BASENAME BOOKMARK
    # writes OUT_BASENAME.docx and OUT_BASENAME.odt
"""

import sys

from lobridge import office, open_hidden, save_as_docx_and_odt


def main():
    source, out, bookmark = sys.argv[1], sys.argv[2], sys.argv[3]
    with office() as (_, desktop):
        doc = open_hidden(desktop, source)
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
        save_as_docx_and_odt(doc, out)
        doc.close(True)


if __name__ == "__main__":
    main()
