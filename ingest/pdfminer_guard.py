"""Make pdfminer (under pdfplumber) safe against reference cycles.

pdfminer's ``resolve1`` follows an indirect reference until it reaches a value, with no cycle check:
an object whose whole body is a reference to itself (``2 0 obj 2 0 R endobj``, which a damaged file
easily yields) or a ring of such objects spins forever. The fuzzer found such files; PDFium opens
them fine, so they got past the precheck and hung the reader. The PDF rule for a reference that leads
nowhere is that it means null, so :class:`CycleSafeDocument` resolves a ring of bare references to
``None``. pdfplumber builds its document from the name ``PDFDocument`` in its own module; ``install``
points that one name at this subclass (nothing else in pdfminer or pdfplumber changes).
"""

from __future__ import annotations

import logging
from typing import Any

from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdftypes import PDFObjRef

log = logging.getLogger(__name__)


class CycleSafeDocument(PDFDocument):
    def getobj(self, objid: int) -> Any:
        obj = super().getobj(objid)
        seen = {objid}
        while isinstance(obj, PDFObjRef):  # a body that is only a reference: follow it here, with a memory
            if obj.objid in seen:
                log.warning("PDF object %s is a reference cycle; read as null", objid)
                return None
            seen.add(obj.objid)
            obj = super().getobj(obj.objid)
        return obj


def install() -> None:
    import pdfplumber.pdf

    pdfplumber.pdf.PDFDocument = CycleSafeDocument  # type: ignore[misc]
