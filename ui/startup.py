"""What the window does once a ledger is open: 更新说明 after an upgrade, the font check on a
machine's first start; and, for the package's smoke test, closing itself after a while."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QTimer

SMOKE_ENV = "ZXTZ_SMOKE_SECONDS"  # set by packaging/test_frozen.py only
SHOT_ENV = "ZXTZ_SMOKE_SHOT"  # and where to save a picture of each window before closing


def after_open(window, ledger, state) -> None:
    """Run the checks due after `ledger` is shown in `window` (dialogs open window-modal)."""
    from ui.font_check_dialog import check_fonts_on_first_start
    from ui.whats_new_dialog import show_notes_once

    window.startup_dialogs = [d for d in (show_notes_once(window, ledger),
                                          check_fonts_on_first_start(window, ledger, state)) if d]
    _smoke_close(window)


def _smoke_close(window) -> None:
    """With ZXTZ_SMOKE_SECONDS set, say when the event loop runs and close after that long."""
    seconds = os.environ.get(SMOKE_ENV)
    if not seconds:
        return

    def shown() -> None:  # the harness times the start from launch to this line
        print("窗口已显示", file=sys.stderr, flush=True)

    def close() -> None:
        shot = os.environ.get(SHOT_ENV)
        for number, dialog in enumerate(getattr(window, "startup_dialogs", []), start=1):
            if shot:
                dialog.grab().save(shot.replace(".png", f"-{number}.png"))
            dialog.close()
        if shot:
            window.grab().save(shot)
        window.close()

    QTimer.singleShot(0, shown)
    QTimer.singleShot(int(float(seconds) * 1000), close)
