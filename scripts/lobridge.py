"""LibreOffice through its Python bridge (Debian's python3-uno), for the
review-loop scripts: a headless soffice with a profile of its own, its
desktop, a document opened hidden, and shut down whatever happens."""

import contextlib
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


@contextlib.contextmanager
def office():
    """(component context, desktop) of a LibreOffice started for the caller."""
    profile = tempfile.mkdtemp(prefix="ctg-lo-")
    pipe = f"ctg{os.getpid()}"
    process = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--norestore", "--nologo",
         f"-env:UserInstallation=file://{profile}", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    desktop = None
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(200):
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.1)
        else:
            sys.exit("LibreOffice did not start")
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        yield ctx, desktop
    finally:
        try:
            if desktop is not None:
                desktop.terminate()
        except Exception:
            pass
        process.terminate()
        process.wait(timeout=30)


def open_hidden(desktop, path):
    url = uno.systemPathToFileUrl(os.path.abspath(path))
    return desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))


FILTERS = {"docx": "MS Word 2007 XML", "odt": "writer8"}


def load_without_view(ctx, path):
    """The document's model alone, with no window: LibreOffice 7.4 without
    a GUI (libreoffice-writer-nogui) aborts when it builds the side panel of
    a comment in a view, so comments are made on a document opened this way."""
    doc = ctx.ServiceManager.createInstanceWithContext("com.sun.star.text.TextDocument", ctx)
    url = uno.systemPathToFileUrl(os.path.abspath(path))
    doc.load((prop("URL", url), prop("FilterName", FILTERS[path.rsplit(".", 1)[-1]])))
    return doc


def save_as(doc, path):
    target = uno.systemPathToFileUrl(os.path.abspath(path))
    doc.storeToURL(target, (prop("FilterName", FILTERS[path.rsplit(".", 1)[-1]]),))


def save_as_docx_and_odt(doc, out):
    """`out`.docx and `out`.odt."""
    for ext in FILTERS:
        save_as(doc, f"{out}.{ext}")
