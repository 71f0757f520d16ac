"""Plain data of the monthly 报送模板 and of a returned one: what the template asks of a unit,
what a returned file says, and where in the file each problem is. No SQL, no openpyxl."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from models.entries import Case

# The template's layout version. Raise it whenever a sheet, column or hidden id moves; a file
# of a version not in READABLE_VERSIONS is refused rather than mapped wrongly.
TEMPLATE_VERSION = 2
READABLE_VERSIONS = (2,)

GUIDE_SHEET, PROGRESS_SHEET, CASES_SHEET, LISTS_SHEET, IDS_SHEET = (
    "填报说明", "进展情况", "典型案例", "红黑名单", "模板标识")
HEADER_ROW = 3  # the header row of every input sheet; entries start below it
CASE_ROWS = 50  # unlocked rows for typical cases
LIST_ROWS = ("红名单", "黑名单", "重点关注名单")
LIST_COLUMNS = ("地方认定（本月新增）", "依据国家标准认定（本月新增）",
                "其中：已作出信用承诺、参加修复培训或接受约谈")
ROLE_LABELS = {"lead": "牵头", "participating": "参与", "responsible": "责任"}

# The 进展情况 sheet: fixed columns, then one column per number asked. Column A carries the
# task id (hidden, locked), so a row maps back to its task wherever the row ends up.
TASK_ID_HEADER = "任务编号"
PROGRESS_FIXED = (TASK_ID_HEADER, "序号", "重点工作任务", "本单位职责", "时限要求")
PROGRESS_INPUTS = (("status", "进展状态"), ("text", "工作进展"), ("problems", "存在问题"),
                   ("next_steps", "下步计划"))
# The 典型案例 sheet: 序号, then the case fields in the 规范格式 order (field name, header).
CASE_INPUTS = (("kind", "案例类型"), ("title", "案例标题"), ("task_id", "所属领域"),
               ("subject_name", "主体名称"), ("subject_type", "主体类型"),
               ("subject_code", "统一社会信用代码/身份证号"), ("behaviour", "失信/守信行为"),
               ("basis", "依据"), ("measures", "奖惩措施"), ("implementing_units", "实施单位"),
               ("occurred_on", "实施日期"), ("publicity_site", "公示网站"),
               ("publicity_date", "公示日期"), ("outcome", "成效"))
CASE_DATES = ("occurred_on", "publicity_date")
# The 模板标识 sheet (very hidden): one id per row, label in A and value in B.
ID_KEYS = (("version", "模板版本"), ("plan_id", "方案编号"), ("unit_id", "单位编号"),
           ("unit_name", "单位名称"), ("period", "报送月份"), ("task_ids", "任务编号"),
           ("signature", "校验码"))
DOMAIN_COLUMN = 4  # 所属领域 choices: label in D, task id in E, from row 2


@dataclass
class TemplateTask:
    """One task a unit reports on in its template."""

    task_id: int
    label: str  # number and title as printed
    domain: str  # the domain (top-level task) it belongs to
    role: str  # 牵头 / 参与 / 责任
    requirement: str  # 时限要求 in the plan's words
    numbers_asked: list[str] = field(default_factory=list)


@dataclass
class TemplateData:
    """Everything one unit's 报送模板 for one month holds."""

    plan_id: int
    plan_title: str
    unit_id: int
    unit_name: str
    period: str
    due: str  # YYYY-MM-DD
    office: str
    tasks: list[TemplateTask]
    domains: list[tuple[int, str]]  # (task id, label) offered for a case's 所属领域

    @property
    def number_columns(self) -> list[str]:
        """Every number any of the unit's tasks asks for, in first-asked order."""
        names: list[str] = []
        for task in self.tasks:
            names += [n for n in task.numbers_asked if n not in names]
        return names

    @property
    def signature(self) -> str:
        """A check over the hidden ids, so an edited id is noticed rather than trusted."""
        return template_signature(TEMPLATE_VERSION, self.plan_id, self.unit_id, self.period,
                                  [t.task_id for t in self.tasks])


def file_name(path: str) -> str:
    """A path's last part, whichever separator the system that wrote it used."""
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def template_signature(version: int, plan_id: int, unit_id: int, period: str,
                       task_ids: list[int]) -> str:
    """Sixteen hex digits over the ids a template carries."""
    text = f"{version}|{plan_id}|{unit_id}|{period}|{','.join(map(str, sorted(task_ids)))}"
    return hashlib.sha256(("专项治理台账" + text).encode()).hexdigest()[:16]


@dataclass
class Problem:
    """Something in a returned file that stops it being taken, and where it is."""

    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""

    @property
    def place(self) -> str:
        """工作表“进展情况”第5行F列 — as a user finds it in the spreadsheet."""
        parts = []
        if self.sheet:
            parts.append(f"工作表“{self.sheet}”")
        if self.row:
            parts.append(f"第{self.row}行")
        if self.column:
            parts.append(f"{self.column}列")
        return "".join(parts)

    def __str__(self) -> str:
        return f"{self.place}：{self.message}" if self.place else self.message


@dataclass
class ReturnRow:
    """One task's progress as a unit filled it in."""

    task_id: int
    row: int
    status: str
    text: str | None = None
    problems: str | None = None
    next_steps: str | None = None
    numbers: dict[str, float] = field(default_factory=dict)


@dataclass
class ReturnFile:
    """A returned template, read: its ids, what it says, and what is wrong with it."""

    path: str
    version: int | None = None
    plan_id: int | None = None
    unit_id: int | None = None
    unit_name: str = ""
    period: str = ""
    signature: str = ""
    task_ids: list[int] = field(default_factory=list)  # the tasks the template was made with
    progress: list[ReturnRow] = field(default_factory=list)
    cases: list[tuple[int, Case]] = field(default_factory=list)  # (row, case)
    list_counts: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # kind → local, national, repaired
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # read correctly, worth telling

    @property
    def ok(self) -> bool:
        """True when nothing stops the file being taken."""
        return not self.problems

    @property
    def name(self) -> str:
        """The file's name without its folder."""
        return file_name(self.path)


@dataclass
class FileOutcome:
    """What an import did (or, in a dry run, would do) with one file."""

    file: str
    unit_name: str
    period: str
    taken: bool
    progress: int = 0
    replaced: int = 0
    cases: int = 0
    list_kinds: int = 0
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)  # human-readable per task/field changes
    import_file_id: int | None = None

    @property
    def name(self) -> str:
        """The file's name without its folder."""
        return file_name(self.file)

    @property
    def summary(self) -> str:
        """进展 3 条（替换 2 条），典型案例 1 件，红黑名单 1 类 — what a taken file brings."""
        return (f"进展 {self.progress} 条（替换 {self.replaced} 条），典型案例 {self.cases} 件，"
                f"红黑名单 {self.list_kinds} 类")


@dataclass
class ImportOutcome:
    """An import batch: its id (None in a dry run), its date received, and every file."""

    import_id: int | None
    received_on: str
    files: list[FileOutcome]

    @property
    def taken(self) -> list[FileOutcome]:
        """Files imported."""
        return [f for f in self.files if f.taken]

    @property
    def refused(self) -> list[FileOutcome]:
        """Files refused."""
        return [f for f in self.files if not f.taken]
