"""更新说明: shown once after a newer program upgraded the ledger, from CHANGELOG.md."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout

from models.changelog import Release, notes_since
from models.version import VERSION


def notes_markdown(releases: list[Release]) -> str:
    """The sections as Markdown, newest first."""
    return "\n\n".join(f"### {r.title}\n\n" + "\n".join(r.lines) for r in releases)


class WhatsNewDialog(QDialog):
    """What changed between the version that last wrote the ledger and this one."""

    def __init__(self, old: str, releases: list[Release], parent=None):
        super().__init__(parent)
        self.setWindowTitle("更新说明")
        self.resize(640, 480)
        intro = QLabel(f"程序已从 {old} 版更新到 {VERSION} 版，台账已随之升级（升级前的台账已自动备份）。"
                       "本次更新的内容：")
        intro.setWordWrap(True)
        self.text = QTextBrowser()
        self.text.setMarkdown(notes_markdown(releases))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text)
        layout.addWidget(buttons)


def show_notes_once(window, ledger) -> WhatsNewDialog | None:
    """Open the 更新说明 if this ledger was upgraded and they have not been shown yet."""
    old = ledger.notes_pending_since()
    if not old or ledger.readonly:
        return None
    releases = notes_since(old, VERSION)
    ledger.notes_shown()
    if not releases:
        return None
    dialog = WhatsNewDialog(old, releases, window)
    dialog.open()
    return dialog
