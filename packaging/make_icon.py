"""Render packaging/icon.svg into the window icon (resources/icon.png) and the Windows icon
(packaging/icon.ico, PNG-compressed images of 16–256 px). Run after editing the SVG:

    QT_QPA_PLATFORM=offscreen python packaging/make_icon.py
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
SIZES = (16, 24, 32, 48, 64, 128, 256)


def render_png(renderer: QSvgRenderer, size: int) -> bytes:
    """The SVG drawn at `size` × `size` pixels, as PNG bytes."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def ico_bytes(images: dict[int, bytes]) -> bytes:
    """An .ico file holding one PNG per size (Windows Vista and later read PNG entries)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, blobs = b"", b""
    for size, png in sorted(images.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv)  # noqa: F841 (QImage needs it)
    renderer = QSvgRenderer(str(HERE / "icon.svg"))
    if not renderer.isValid():
        print("icon.svg 无法读取", file=sys.stderr)
        return 1
    images = {size: render_png(renderer, size) for size in SIZES}
    (HERE / "icon.ico").write_bytes(ico_bytes(images))
    (HERE.parent / "resources" / "icon.png").write_bytes(images[256])
    print(HERE / "icon.ico")
    print(HERE.parent / "resources" / "icon.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
