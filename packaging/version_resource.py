"""The Windows version resource of the executable, made from models/version.py's VERSION.

Written in PyInstaller's text form (what `pyi-grab_version` prints; PyInstaller evaluates it
on Windows), so it is made and checked on any platform:

    python packaging/version_resource.py OUT.txt
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCT = "专项治理台账"
LANG_ZH_CN, CODEPAGE_UNICODE = 0x0804, 1200  # Chinese (PRC), UTF-16

_TEMPLATE = """\
# UTF-8
VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0,
                    OS=0x40004, fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([
      StringTable('{table}', [
{strings}
      ])
    ]),
    VarFileInfo([VarStruct('Translation', [{lang}, {codepage}])])
  ]
)
"""


def program_version() -> str:
    """VERSION read from models/version.py without importing the application."""
    text = (ROOT / "models" / "version.py").read_text(encoding="utf-8")
    return re.search(r'^VERSION\s*=\s*"([^"]+)"', text, re.MULTILINE).group(1)


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """The four 16-bit numbers Windows shows (missing parts are 0, text after a number dropped)."""
    numbers = [int(m.group()) for part in version.split(".")[:4] if (m := re.match(r"\d+", part))]
    return tuple((numbers + [0, 0, 0, 0])[:4])


def version_text(version: str | None = None) -> str:
    """The VS_VERSION_INFO of 专项治理台账 at `version` (default: the program's), as text."""
    version = version or program_version()
    strings = {
        "CompanyName": PRODUCT, "FileDescription": PRODUCT, "FileVersion": version,
        "InternalName": "zhuanxiang-taizhang", "OriginalFilename": f"{PRODUCT}.exe",
        "ProductName": PRODUCT, "ProductVersion": version,
    }
    return _TEMPLATE.format(
        numbers=version_tuple(version), table=f"{LANG_ZH_CN:04x}{CODEPAGE_UNICODE:04x}",
        strings=",\n".join(f"        StringStruct({k!r}, {v!r})" for k, v in strings.items()),
        lang=LANG_ZH_CN, codepage=CODEPAGE_UNICODE)


def write(path: Path, version: str | None = None) -> Path:
    """Write the resource's text (UTF-8) and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(version_text(version), encoding="utf-8")
    return path


if __name__ == "__main__":
    print(write(Path(sys.argv[1])))
