"""ChineseSortProxyModel: sorts Chinese text as a person expects (by pinyin, through Qt's
collator for the zh_CN locale) and numbers the rows as shown, 1, 2, 3…, whatever the order."""

from __future__ import annotations

from PySide6.QtCore import QCollator, QLocale, QSortFilterProxyModel, Qt


class ChineseSortProxyModel(QSortFilterProxyModel):
    """A sort and filter proxy with pinyin order and row numbers for the vertical header."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.collator = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        self.collator.setNumericMode(True)  # 第2组 before 第10组
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def lessThan(self, left, right) -> bool:
        a = self.sourceModel().data(left, Qt.ItemDataRole.DisplayRole) or ""
        b = self.sourceModel().data(right, Qt.ItemDataRole.DisplayRole) or ""
        if not a or not b:  # empty cells last, whatever the direction
            return bool(a) and not b if self.sortOrder() == Qt.SortOrder.AscendingOrder else bool(b) and not a
        return self.collator.compare(str(a), str(b)) < 0

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Vertical:  # answered here: the header asks for every row
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        return super().headerData(section, orientation, role)
