"""The newest glibc symbol version any ELF file in a folder asks for: the oldest glibc the
package runs on. Reads each file's .gnu.version_r section (no binutils needed).

    python packaging/glibc_floor.py dist/专项治理台账     # prints e.g. "2.28 libQt6Core.so.6"
"""

from __future__ import annotations

import re
import struct
import sys
from pathlib import Path

SHT_GNU_VERNEED = 0x6FFFFFFE
_GLIBC = re.compile(rb"^GLIBC_(\d+)\.(\d+)(?:\.(\d+))?$")


def required_glibc(path: Path) -> tuple[int, ...] | None:
    """The highest GLIBC_x.y version `path` needs, or None (not ELF, or needs no glibc)."""
    data = path.read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2:  # 64-bit ELF only (x86_64, aarch64)
        return None
    endian = "<" if data[5] == 1 else ">"
    shoff, = struct.unpack_from(endian + "Q", data, 0x28)
    shentsize, shnum = struct.unpack_from(endian + "HH", data, 0x3A)
    sections = [struct.unpack_from(endian + "IIQQQQIIQQ", data, shoff + i * shentsize)
                for i in range(shnum)]
    best = None
    for _name, kind, _flags, _addr, offset, _size, link, count, _align, _entsize in sections:
        if kind != SHT_GNU_VERNEED:
            continue
        strtab = sections[link][4]
        entry = offset
        for _ in range(count):
            _version, aux_count, _file, aux, next_entry = struct.unpack_from(endian + "HHIII", data, entry)
            at = entry + aux
            for _ in range(aux_count):
                _hash, _flags2, _other, name, next_aux = struct.unpack_from(endian + "IHHII", data, at)
                text = data[strtab + name:data.index(b"\0", strtab + name)]
                m = _GLIBC.match(text)
                if m:
                    found = tuple(int(g) for g in m.groups() if g is not None)
                    best = max(best or found, found)
                at += next_aux
                if not next_aux:
                    break
            entry += next_entry
            if not next_entry:
                break
    return best


def glibc_floor(folder: Path) -> tuple[tuple[int, ...], list[str]]:
    """The oldest glibc every ELF file under `folder` runs on, and the files that set it."""
    floor, files = (2, 0), []
    for path in sorted(p for p in Path(folder).rglob("*") if p.is_file() and not p.is_symlink()):
        try:
            needed = required_glibc(path)
        except (OSError, struct.error, ValueError, IndexError):
            continue
        if needed is None or needed < floor:
            continue
        if needed > floor:
            floor, files = needed, []
        files.append(str(path.relative_to(folder)))
    return floor, files


if __name__ == "__main__":
    version, culprits = glibc_floor(Path(sys.argv[1]))
    print(".".join(map(str, version)), " ".join(culprits[:5]))
