"""帮助: the manual (one page per office task, Markdown files under resources/manual/ shown in
a QTextBrowser) and 关于 (version, where the ledger and the data folder are, the licences of
the libraries the program carries)."""

from __future__ import annotations

from html import escape
from importlib import metadata

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
)

from models.paths import data_dir, program_dir
from models.version import VERSION
from ui.widgets import fit_to_screen

MANUAL_DIR = program_dir() / "resources" / "manual"
# (distribution name, what it is, licence) of what a build of the program carries
LIBRARIES = (
    ("PySide6-Essentials", "Qt for Python（窗口界面）", "LGPL-3.0"),
    ("shiboken6", "Qt for Python 运行库", "LGPL-3.0"),
    ("sqlite-utils", "SQLite 数据库工具", "Apache-2.0"),
    ("python-docx", "Word 文档读写", "MIT"),
    ("openpyxl", "Excel 工作簿读写", "MIT"),
    ("xlrd", "旧版 Excel（.xls）读取", "BSD-3-Clause"),
    ("lxml", "XML 处理（python-docx 所用）", "BSD-3-Clause"),
)
BUNDLED = (
    ("Qt", "窗口界面框架", "LGPL-3.0"),
    ("SQLite", "台账数据库", "公有领域（Public Domain）"),
    ("Python", "运行环境", "PSF-2.0"),
    ("Phosphor Icons 2.1", "窗口中的图标", "MIT"),
)


def manual_pages() -> list[tuple[str, str]]:
    """(title, file name) of each manual page, in order: the first line of each file is
    its title (a Markdown heading)."""
    pages = []
    for path in sorted(MANUAL_DIR.glob("*.md")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        pages.append((first.lstrip("# ").strip(), path.name))
    return pages


class ManualDialog(QDialog):
    """使用说明: the list of pages on the left, the chosen page on the right."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("使用说明 — 专项治理台账")
        self.pages = manual_pages()
        self.index = QListWidget()
        self.index.addItems([title for title, _ in self.pages])
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setSearchPaths([str(MANUAL_DIR)])
        splitter = QSplitter()
        splitter.setObjectName("manual_splitter")
        splitter.addWidget(self.index)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([190, 620])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.index.currentRowChanged.connect(self.show_page)
        self.browser.sourceChanged.connect(self._follow)
        self.index.setCurrentRow(0)
        fit_to_screen(self, 880, 620)

    def show_page(self, row: int) -> None:
        """Show the manual page at `row` of the list."""
        if 0 <= row < len(self.pages):
            self.browser.setSource(QUrl.fromLocalFile(str(MANUAL_DIR / self.pages[row][1])))

    def _follow(self, url: QUrl) -> None:
        """A link to another page selects it in the list too."""
        names = [name for _, name in self.pages]
        name = url.fileName()
        if name in names and self.index.currentRow() != names.index(name):
            self.index.blockSignals(True)
            self.index.setCurrentRow(names.index(name))
            self.index.blockSignals(False)


def _version_of(distribution: str) -> str:
    if distribution in ("PySide6-Essentials", "shiboken6"):  # the module knows best
        import PySide6

        return PySide6.__version__
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "—"


def _bundled_versions() -> dict[str, str]:
    import platform
    import sqlite3

    from PySide6.QtCore import qVersion

    return {"Qt": qVersion(), "SQLite": sqlite3.sqlite_version, "Python": platform.python_version()}


def about_html(ledger) -> str:
    """The text of 关于: version, places, licences."""
    place = escape(str(ledger.path)) if ledger is not None and ledger.path else "（内存台账）"
    state = "（只读打开）" if ledger is not None and ledger.readonly else ""
    rows = "".join(f"<tr><td>{escape(n)} {escape(_version_of(n))}</td><td>{escape(what)}</td>"
                   f"<td>{escape(lic)}</td></tr>" for n, what, lic in LIBRARIES)
    versions = _bundled_versions()
    rows += "".join(f"<tr><td>{escape(n)} {escape(versions.get(n, ''))}</td><td>{escape(what)}</td>"
                    f"<td>{escape(lic)}</td></tr>" for n, what, lic in BUNDLED)
    return (f"<h2>专项治理台账</h2><p>版本 {escape(VERSION)}</p>"
            "<p>失信专项治理工作的方案、任务、进展、案例与公文台账。</p>"
            f"<p><b>当前台账：</b>{place}{state}<br><b>数据文件夹：</b>{escape(str(data_dir()))}"
            "（窗口设置、错误日志；台账的备份在台账旁的 backups 文件夹中）</p>"
            "<p><b>本程序使用的开源软件及其许可证：</b></p>"
            "<table cellpadding='3'><tr><th align='left'>软件</th><th align='left'>用途</th>"
            f"<th align='left'>许可证</th></tr>{rows}</table>"
            "<p>LGPL 许可的 Qt 库以独立的动态库形式随程序提供，可以替换。</p>")


class AboutDialog(QDialog):
    """关于专项治理台账."""

    def __init__(self, ledger, parent=None):
        super().__init__(parent)
        self.setWindowTitle("关于专项治理台账")
        self.text = QTextBrowser()
        self.text.setHtml(about_html(ledger))
        self.text.setOpenExternalLinks(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        buttons.accepted.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(QLabel(f"版本 {VERSION}"))
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addLayout(row)
        fit_to_screen(self, 620, 520)


def open_manual(window, page: int = 0) -> ManualDialog:
    """Show the manual (not modal: it can stay open beside the work)."""
    dialog = ManualDialog(window)
    dialog.index.setCurrentRow(page)
    window.manual_dialog = dialog
    dialog.show()
    return dialog


def open_about(window) -> AboutDialog:
    """Show 关于."""
    dialog = AboutDialog(window.ledger, window)
    window.about_dialog = dialog
    dialog.show()
    return dialog
