"""The 公文 fonts: each role a document uses (仿宋 body, 小标宋 title, 黑体, 楷体, 宋体), the
fonts that can fill it best first, and which of them a machine has — without Qt: the caller
passes a `has_family(name) -> bool` (the window's is QFontDatabase.hasFamily)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

STANDARD, EQUIVALENT, STAND_IN = "标准字体", "同款字体", "代用字体"


@dataclass(frozen=True)
class Candidate:
    """A font that can fill a role: the name written into documents and the other names the
    same font is installed under (Windows lists English names, Linux often Chinese ones)."""

    name: str
    aliases: tuple[str, ...] = ()
    fit: str = STANDARD

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Role:
    """A font role of GB/T 9704 and the setting that names its font."""

    setting: str
    label: str
    used_for: str
    candidates: tuple[Candidate, ...]
    if_missing: str


ROLES: tuple[Role, ...] = (
    Role("font_fang", "正文（仿宋）", "正文、主送机关、落款、版记", (
        Candidate("仿宋_GB2312", ("FangSong_GB2312",)),
        Candidate("仿宋", ("FangSong",), EQUIVALENT),
        Candidate("方正仿宋_GBK", ("FZFangSong-Z02",), EQUIVALENT),
        Candidate("方正仿宋简体", ("FZFangSong-Z02S",), EQUIVALENT),
        Candidate("华文仿宋", ("STFangsong",), STAND_IN),
    ), "正文会以宋体等其他字体打印，字形与公文要求不符，每行字数和每页行数也可能变化"),
    Role("font_title", "标题（小标宋）", "文件标题、发文机关标志", (
        Candidate("方正小标宋简体", ("FZXiaoBiaoSong-B05S",)),
        Candidate("方正小标宋_GBK", ("FZXiaoBiaoSong-B05",), EQUIVALENT),
        Candidate("华文中宋", ("STZhongsong",), STAND_IN),
        Candidate("宋体", ("SimSun",), STAND_IN),
    ), "标题会以普通宋体等字体打印，笔画细，不像公文标题"),
    Role("font_hei", "一级标题（黑体）", "“一、”层次标题、表格标题", (
        Candidate("黑体", ("SimHei",)),
        Candidate("方正黑体_GBK", ("FZHei-B01",), EQUIVALENT),
        Candidate("方正黑体简体", ("FZHei-B01S",), EQUIVALENT),
        Candidate("微软雅黑", ("Microsoft YaHei",), STAND_IN),
        Candidate("思源黑体", ("Source Han Sans SC",), STAND_IN),
        Candidate("Noto Sans CJK SC", (), STAND_IN),
    ), "“一、”标题会以其他字体打印，和正文区分不明显"),
    Role("font_kai", "二级标题（楷体）", "“（一）”层次标题", (
        Candidate("楷体_GB2312", ("KaiTi_GB2312",)),
        Candidate("楷体", ("KaiTi",), EQUIVALENT),
        Candidate("方正楷体_GBK", ("FZKai-Z03",), EQUIVALENT),
        Candidate("方正楷体简体", ("FZKai-Z03S",), EQUIVALENT),
        Candidate("华文楷体", ("STKaiti",), STAND_IN),
    ), "“（一）”标题会以其他字体打印，和正文区分不明显"),
    Role("font_song", "页码（宋体）", "页码", (
        Candidate("宋体", ("SimSun",)),
        Candidate("方正书宋_GBK", ("FZShuSong-Z01",), EQUIVALENT),
        Candidate("华文宋体", ("STSong",), STAND_IN),
        Candidate("思源宋体", ("Source Han Serif SC",), STAND_IN),
        Candidate("Noto Serif CJK SC", (), STAND_IN),
    ), "页码会以其他字体打印"),
)


@dataclass
class RoleCheck:
    """How one role stands on this machine."""

    role: Role
    configured: str           # the name the office's settings write into documents
    configured_present: bool  # whether this machine has that font
    best: Candidate | None    # the best font of the role this machine has

    @property
    def proposal(self) -> str | None:
        """The name to write instead, or None when the setting should stay as it is."""
        if self.configured_present or self.best is None:
            return None
        return self.best.name

    @property
    def ok(self) -> bool:
        return self.configured_present


def _known_aliases(name: str) -> tuple[str, ...]:
    """`name` and every other name the same font goes by (for a name from the lists above)."""
    for role in ROLES:
        for candidate in role.candidates:
            if name in candidate.names():
                return candidate.names()
    return (name,)


def font_present(name: str, has_family: Callable[[str], bool]) -> bool:
    """Whether the machine has the font `name` (under this or another of its names)."""
    return bool(name) and any(has_family(n) for n in _known_aliases(name))


def check_fonts(settings: dict, has_family: Callable[[str], bool]) -> list[RoleCheck]:
    """Each role: the configured font, whether it is installed, and the best one that is."""
    checks = []
    for role in ROLES:
        configured = str(settings.get(role.setting) or "")
        best = next((c for c in role.candidates if any(has_family(n) for n in c.names())), None)
        checks.append(RoleCheck(role, configured, font_present(configured, has_family), best))
    return checks


def proposed_settings(checks: list[RoleCheck]) -> dict[str, str]:
    """The settings that would make every document use fonts this machine has."""
    return {c.role.setting: c.proposal for c in checks if c.proposal}


def describe(check: RoleCheck) -> str:
    """One plain sentence about a role, for the dialog and the export warning."""
    role = check.role
    if check.configured_present:
        fit = next((c.fit for c in role.candidates if check.configured in c.names()), None)
        note = f"（{fit}）" if fit and fit != STANDARD else ""
        return f"{role.label}：本机有“{check.configured}”{note}，用于{role.used_for}。"
    text = f"{role.label}：本机没有“{check.configured or '（未设置）'}”，{role.if_missing}。"
    if check.best is not None:
        return text + f"建议改用本机已有的“{check.best.name}”（{check.best.fit}）。"
    return text + "本机也没有可代替的字体，请安装该字体，或在装有该字体的电脑上打印。"


def missing_warning(checks: list[RoleCheck]) -> str | None:
    """A warning naming every font a document would ask for that this machine lacks."""
    missing = [c for c in checks if not c.configured_present]
    if not missing:
        return None
    names = "、".join(f"“{c.configured or '（未设置）'}”（{c.role.label}）" for c in missing)
    return (f"本机没有文档所用的字体 {names}。文档仍会写入这些字体名；在缺少它们的电脑上，"
            "WPS 或 Word 会用其他字体代替，打印出的字形和版面可能与公文格式不符。"
            "可在“设置 → 检查本机字体”中改用本机已有的字体。")
