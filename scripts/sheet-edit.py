#!/usr/bin/python3
"""A copil's spreadsheet filled in by LibreOffice itself, through its Python
bridge (Debian's python3-uno): on the sheet of ctg export, a status
changed, realised values typed (one a text, "douze"), then saved as .xlsx
and .ods. The import test reads both back (tests/suivi.rs).

    /usr/bin/python3 scripts/sheet-edit.py IN.xlsx|IN.ods OUT_BASENAME
"""

import os
import sys

from lobridge import office, open_hidden, prop
import uno


def row_of(sheet, column, wanted):
    """The first row (from 0) whose cells in `column` are `wanted`."""
    for row in range(1, 1000):
        values = [sheet.getCellByPosition(c, row).getString() for c in column]
        if values == wanted:
            return row
    sys.exit(f"no row {wanted} on {sheet.Name}")


def header(sheet, name):
    for col in range(0, 30):
        if sheet.getCellByPosition(col, 0).getString() == name:
            return col
    sys.exit(f"no column {name} on {sheet.Name}")


def main():
    source, out = sys.argv[1], sys.argv[2]
    with office() as (ctx, desktop):
        doc = open_hidden(desktop, source)
        sheets = doc.getSheets()
        actions = sheets.getByName("Actions")
        statut = header(actions, "Statut")
        # Action 2.1 has started.
        actions.getCellByPosition(statut, row_of(actions, [1], ["2.1"])).setString("En cours")
        ind = sheets.getByName("Indicateurs")
        node, year, done = header(ind, "Nœud"), header(ind, "Année"), header(ind, "Réalisé")
        cell = lambda n, y: ind.getCellByPosition(done, row_of(ind, [node, year], [n, y]))
        # Assistantes maternelles: 31 in 2026, and 2025 corrected to 28.
        cell("actions[0].indicateurs[0]", "2026").setValue(31)
        cell("actions[0].indicateurs[0]", "2025").setValue(28)
        # Familles participantes (one value in the convention): a year's value.
        cell("actions[1].indicateurs[0]", "2024").setValue(36)
        # A text where a number goes: refused at its cell.
        cell("actions[3].indicateurs[0]", "2025").setString("douze")
        for ext, flt in (("xlsx", "Calc MS Excel 2007 XML"), ("ods", "calc8")):
            target = uno.systemPathToFileUrl(os.path.abspath(f"{out}.{ext}"))
            doc.storeToURL(target, (prop("FilterName", flt),))
        doc.close(True)


if __name__ == "__main__":
    main()
