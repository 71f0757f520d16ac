"""The window takes plans in every format the reader knows: the file dialog offers them,
a dropped .ofd/.pdf/.doc opens the preview, and the welcome page names them all."""

from __future__ import annotations

import re

from ofd_docs import write_ofd_from_text
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from test_plan_seeds import SAMPLES, SEEDS

from ui.main_window import MainWindow
from ui.plan_actions import PLAN_FILTER
from ui.plan_import_dialog import PlanImportDialog
from ui.welcome_page import WelcomePage

FORMATS = (".docx", ".doc", ".wps", ".pdf", ".ofd", ".txt", ".xlsx", ".xls")


def test_the_file_dialog_offers_every_plan_format():
    first = PLAN_FILTER.split(";;")[0]
    assert set(re.findall(r"\*(\.\w+)", first)) == set(FORMATS)


def test_the_welcome_page_names_every_plan_format(qtbot):
    page = WelcomePage()
    qtbot.addWidget(page)
    from PySide6.QtWidgets import QLabel

    text = " ".join(label.text() for label in page.findChildren(QLabel))
    for suffix in FORMATS:
        assert suffix in text, suffix
    assert "PDF" in text and "OFD" in text


def _drop(window, path):
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)


def test_an_ofd_dropped_on_the_window_opens_the_preview(qtbot, ledger, tmp_path):
    ofd = write_ofd_from_text(SAMPLES / SEEDS["002"], tmp_path / "临汾方案.ofd")
    window = MainWindow(ledger)
    qtbot.addWidget(window)
    _drop(window, ofd)
    assert isinstance(window.import_dialog, PlanImportDialog)
    qtbot.addWidget(window.import_dialog)
    assert window.import_dialog.tree.topLevelItemCount() == 11


def test_a_scanned_pdf_dropped_on_the_window_says_why(qtbot, ledger, tmp_path, monkeypatch):
    from test_plan_formats import _image_only_pdf

    shown = []
    monkeypatch.setattr("ui.plan_actions.QMessageBox.warning", lambda parent, title, text: shown.append(text))
    window = MainWindow(ledger)
    qtbot.addWidget(window)
    _drop(window, _image_only_pdf(tmp_path / "扫描.pdf"))
    assert window.import_dialog is None
    assert "扫描.pdf" in shown[0] and "没有文字层" in shown[0]
