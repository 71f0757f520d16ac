"""The shared 公文 checker (check_gongwen.py) run on many documents at once: one LibreOffice
call converts them all with the fonts render.sh sets up, then the checker's own checks read
each PDF. Used by the tests that measure rendered layout."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import tempfile
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def tools_dir() -> Path | None:
    """The shared tools folder: $GONGWEN_TOOLS, or shared/tools beside the checkout (or beside
    the folder of work trees it sits in)."""
    named = os.environ.get("GONGWEN_TOOLS")
    candidates = [Path(named)] if named else []
    candidates += [ROOT.parent / "shared" / "tools", ROOT.parent.parent / "shared" / "tools"]
    return next((c for c in candidates if (c / "check_gongwen.py").is_file()), None)


def missing_reason() -> str | None:
    """Why rendered checks cannot run here, or None when they can."""
    if tools_dir() is None:
        return "找不到 shared/tools/check_gongwen.py（可用 GONGWEN_TOOLS 指定其所在文件夹）"
    return None


def fontconfig() -> str:
    """The fontconfig file of the 公文 font stand-ins (render.sh installs them on first use)."""
    out = subprocess.run(["bash", str(tools_dir() / "render.sh"), "--setup-only"], check=True,
                         capture_output=True, text=True, timeout=1800).stdout
    return out.strip().splitlines()[-1]


def checker():
    """check_gongwen.py loaded as a module."""
    spec = importlib.util.spec_from_file_location("check_gongwen", tools_dir() / "check_gongwen.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def convert(files: list[Path], out: Path, conf: str, *, processes: int = 2) -> dict[Path, Path]:
    """Each .docx converted to PDF in `out` as check_gongwen.py converts it (same fonts, a
    private profile), by `processes` LibreOffice runs side by side; returns docx → pdf."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="gongwen-batch.") as tmp:
        runs = []
        for n in range(processes):
            share = files[n::processes]
            if not share:
                continue
            run_dir = Path(tmp, f"run{n}")
            run_dir.mkdir(mode=0o700)
            profile = "file://" + urllib.parse.quote(str(Path(tmp, f"profile{n}")))
            env = dict(os.environ, FONTCONFIG_FILE=conf, XDG_RUNTIME_DIR=str(run_dir))
            runs.append(subprocess.Popen(
                ["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore", "--nologo",
                 "--nodefault", "--nolockcheck", "--convert-to", "pdf", "--outdir", str(out),
                 *map(str, share)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env))
        for run in runs:
            run.wait(timeout=1200)
    return {f: out / (f.stem + ".pdf") for f in files}


def check(module, docx_path: Path, pdf: Path, conf: str) -> list[dict]:
    """Every check of check_gongwen.py on a document whose PDF is already made."""
    original = module.render_pdf
    module.render_pdf = lambda path, tmp: (str(pdf), conf)
    try:
        return module.run_checks(str(docx_path), True).results
    finally:
        module.render_pdf = original


def soffice_available() -> bool:
    return shutil.which("soffice") is not None and shutil.which("pdftotext") is not None


MARKS = "，。、；：？！"


def lost_marks(docx_path: Path, pdf: Path) -> dict[str, int]:
    """Punctuation marks the document holds but its rendering does not show (a mark that
    LibreOffice hangs past a justified line's end can vanish): mark → how many are missing."""
    import re
    import zipfile

    xml = zipfile.ZipFile(docx_path).read("word/document.xml").decode("utf-8")
    text = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))
    shown = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                           timeout=120).stdout
    return {m: text.count(m) - shown.count(m) for m in MARKS if text.count(m) != shown.count(m)}
