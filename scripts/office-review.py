#!/usr/bin/python3
"""A legal service's review, made by LibreOffice itself through its Python
bridge (Debian's python3-uno), with change tracking on and an author set:
an action's title replaced, a partner deleted, the end date moved, a word
inserted in a visa
(the model's text), then a comment on an axis. Saved as .docx and .odt,
these are the review loop's fixtures. The comment is made in a second
pass, on the document without a view (lobridge.load_without_view says why).

    /usr/bin/python3 scripts/office-review.py IN.docx|IN.odt OUT_BASENAME [N]

With N, N more anchored passages get a word added (the benchmark's review
of many changes, docs/benchmarks.md).
"""

import sys

import os
import tempfile

from lobridge import load_without_view, office, open_hidden, prop, save_as, save_as_docx_and_odt
from com.sun.star.util import DateTime  # after lobridge, which imports uno


def set_author(ctx):
    provider = ctx.ServiceManager.createInstanceWithContext(
        "com.sun.star.configuration.ConfigurationProvider", ctx
    )
    access = provider.createInstanceWithArguments(
        "com.sun.star.configuration.ConfigurationUpdateAccess",
        (prop("nodepath", "/org.openoffice.UserProfile/Data"),),
    )
    access.setPropertyValue("givenname", "Service")
    access.setPropertyValue("sn", "juridique")
    access.commitChanges()


def main():
    source, out = sys.argv[1], sys.argv[2]
    more = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    with office() as (ctx, desktop):
        set_author(ctx)
        doc = open_hidden(desktop, source)
        marks = doc.getBookmarks()

        def anchor(name):
            if not marks.hasByName(name):
                sys.exit(f"no bookmark {name}")
            return marks.getByName(name).getAnchor()

        doc.RecordChanges = True

        # An action's title replaced (in the plan's table).
        anchor("ctg_A0_i_1").setString("Observer l'offre et la demande d'accueil du jeune enfant")
        # A partner deleted.
        anchor("ctg_A0_P0_1").setString("")
        # The end date moved a year: a date in words, read back as a date.
        anchor("ctg_Pd_fn_1").setString("31 décembre 2023")
        # A word inserted in a visa: the model's text.
        search = doc.createSearchDescriptor()
        search.setSearchString("82-213")
        found = doc.findFirst(search)
        found.getText().insertString(found.getEnd(), " modifiée", False)
        done = {"ctg_A0_i_1", "ctg_A0_P0_1", "ctg_Pd_fn_1"}
        for name in marks.getElementNames():
            if more <= 0:
                break
            if not name.startswith("ctg_") or name in done:
                continue
            passage = marks.getByName(name).getAnchor()
            if not passage.getString():
                continue
            passage.getText().insertString(passage.getEnd(), " relu", False)
            more -= 1
        tracked = os.path.join(tempfile.mkdtemp(prefix="ctg-revue-"), os.path.basename(source))
        save_as(doc, tracked)
        doc.close(True)

        # A comment on the first axis's title, with its author and date.
        doc = load_without_view(ctx, tracked)
        title = doc.getBookmarks().getByName("ctg_X0_i_1").getAnchor()
        comment = doc.createInstance("com.sun.star.text.textfield.Annotation")
        comment.Author = "Service juridique"
        comment.Content = "Préciser le public visé par cet axe."
        when = DateTime()
        when.Year, when.Month, when.Day, when.Hours, when.Minutes = 2026, 12, 2, 10, 30
        comment.DateTimeValue = when
        # A cursor over the title (the bookmark's own range is refused).
        cursor = title.getText().createTextCursorByRange(title.getStart())
        cursor.goRight(len(title.getString()), True)
        title.getText().insertTextContent(cursor, comment, True)
        save_as_docx_and_odt(doc, out)
        doc.close(True)


if __name__ == "__main__":
    main()
