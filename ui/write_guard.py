"""Commands that write the ledger, switched off on a ledger opened read-only: each button says
why in its tooltip (the window's banner says it once for all), so nobody types into a form
only to learn at 保存 that nothing can be kept."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

READ_ONLY_TIP = "台账以只读方式打开，不能修改：{reason}。请把台账复制到有写入权限的位置后再打开。"


def read_only_tip(ledger) -> str:
    """What a switched-off command says when hovered."""
    return READ_ONLY_TIP.format(reason=ledger.readonly_reason or "没有写入权限")


def guard_writes(ledger, *widgets: QWidget) -> None:
    """Switch off `widgets` (buttons, actions) when `ledger` cannot be written."""
    if not ledger.readonly:
        return
    for widget in widgets:
        widget.setEnabled(False)
        widget.setToolTip(read_only_tip(ledger))


def enable_write(ledger, widget: QWidget, allowed: bool = True) -> None:
    """Enable a writing command when `allowed` — never on a read-only ledger."""
    widget.setEnabled(allowed and not ledger.readonly)
    if ledger.readonly:
        widget.setToolTip(read_only_tip(ledger))
