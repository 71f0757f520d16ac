"""Plain data of the monthly 报送模板 and of a returned one: what the template asks of a unit,
what a returned file says, and where in the file each problem is. No SQL, no openpyxl."""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass, field
from datetime import date

from models.cycle import add_months, period_of
from models.entries import Case

# The template's layout version. Raise it whenever a sheet, column or hidden id moves; a file
# of a version not in READABLE_VERSIONS is refused rather than mapped wrongly. Version 3 added
# the ledger's identity, the check code keyed by the ledger's secret and the numbers' kinds.
TEMPLATE_VERSION = 3
READABLE_VERSIONS = (3,)

GUIDE_SHEET, PROGRESS_SHEET, CASES_SHEET, LISTS_SHEET, IDS_SHEET = (
    "填报说明", "进展情况", "典型案例", "红黑名单", "模板标识")
HEADER_ROW = 3  # the header row of every input sheet; entries start below it
CASE_ROWS = 50  # unlocked rows for typical cases
LIST_ROWS = ("红名单", "黑名单", "重点关注名单")
LIST_COLUMNS = ("地方认定（本月新增）", "依据国家标准认定（本月新增）",
                "其中：已作出信用承诺、参加修复培训或接受约谈")
ROLE_LABELS = {"lead": "牵头", "participating": "参与", "responsible": "责任"}
# How far past a template's own table a returned file may hold anything at all. Within the
# margin, values are read and, being outside what the template asks, listed as not taken;
# beyond it the file is refused at its first such cell (reading stops there).
MARGIN_ROWS, MARGIN_COLUMNS = 20, 5
# The largest number a return may report; anything larger is a typing slip (or 1E400).
MAX_NUMBER = 100_000_000

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
# Columns of codes (统一社会信用代码, 身份证号): text cells ("@"), since Excel and WPS turn a
# long run of digits typed into a General cell into a number, shown as 1.10105E+17 and
# kept to 15 digits; a number found there is refused with NUMBER_FOR_CODE.
CASE_CODES = ("subject_code",)
NUMBER_FOR_CODE = ("这里是数字，不是文字：Excel 把长号码变成了科学计数法，后几位已丢失。"
                   "请把该列设为“文本”格式后重新输入，或在号码前加英文单引号 '")
# The 模板标识 sheet (very hidden): one id per row, label in A and value in B. The unit id
# and name stay in rows 3 and 4 where every version had them.
ID_KEYS = (("version", "模板版本"), ("plan_id", "方案编号"), ("unit_id", "单位编号"),
           ("unit_name", "单位名称"), ("period", "报送月份"), ("task_ids", "任务编号"),
           ("ledger_id", "台账标识"), ("ledger_name", "台账名称"), ("numbers", "数据项"),
           ("counts", "整数数据项"), ("asked", "各任务数据项"), ("signature", "校验码"))
DOMAIN_COLUMN = 4  # 所属领域 choices: label in D, task id in E, from row 2
IDS_EXTENT = (1000, DOMAIN_COLUMN + 1)  # rows and columns the id sheet may use
_COUNT_WORDS = re.compile(r"(数|件|个|户|家|人|起|条|次|项|宗|批|份|处|所|名|人次|家次|台|辆|只)$")
_MEASURED_WORDS = re.compile(r"率|比例|比重|占比|%|％|金额|元|资金|面积|吨|公里|米|亩|时长|小时|天数")


def is_count(name: str) -> bool:
    """True for a number that counts things (排查数, 案件数, 检查户次), so must be whole;
    false for rates, amounts and measures (整改率, 罚没金额（万元）) and anything unclear."""
    bare = re.sub(r"[（(][^）)]*[）)]$", "", name.strip())
    return bool(_COUNT_WORDS.search(bare)) and not _MEASURED_WORDS.search(name)


def collected_period(received_on: date, *, next_month: bool) -> str:
    """The month a plan is collecting reports for on the day a file arrives: that month, or
    the month before when the plan reports a month after it ends."""
    period = period_of(received_on)
    return add_months(period, -1) if next_month else period


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
    ledger_id: str = ""  # the ledger's own random id
    ledger_name: str = ""  # the office's name, to say which ledger a stray template is from
    check_code: str = ""  # template_check_code over the ids, keyed by the ledger's secret

    @property
    def number_columns(self) -> list[str]:
        """Every number any of the unit's tasks asks for, in first-asked order."""
        names: list[str] = []
        for task in self.tasks:
            names += [n for n in task.numbers_asked if n not in names]
        return names

    @property
    def asked(self) -> dict[int, list[str]]:
        """The numbers each task asks for, by task id."""
        return {t.task_id: list(t.numbers_asked) for t in self.tasks}

    def id_values(self) -> dict[str, object]:
        """What the 模板标识 sheet holds, by key (the check code last)."""
        numbers = self.number_columns
        return {"version": TEMPLATE_VERSION, "plan_id": self.plan_id, "unit_id": self.unit_id,
                "unit_name": self.unit_name, "period": self.period,
                "task_ids": ",".join(str(t.task_id) for t in self.tasks),
                "ledger_id": self.ledger_id, "ledger_name": self.ledger_name,
                "numbers": join_names(numbers), "counts": join_names(n for n in numbers if is_count(n)),
                "asked": format_asked(self.asked), "signature": self.check_code}


def join_names(names) -> str:
    """Number names as one cell: 排查数|整治数."""
    return "|".join(names)


def split_names(text) -> list[str]:
    """The names of a `join_names` cell."""
    return [n for n in str(text or "").split("|") if n]


def format_asked(asked: dict[int, list[str]]) -> str:
    """Which numbers each task asks for, as one cell: 12:排查数|整治数;13:."""
    return ";".join(f"{task_id}:{join_names(names)}" for task_id, names in asked.items())


def parse_asked(text) -> dict[int, list[str]]:
    """The mapping a `format_asked` cell holds; ValueError when it is not one."""
    asked = {}
    for part in filter(None, str(text or "").split(";")):
        task_id, _, names = part.partition(":")
        asked[int(task_id)] = split_names(names)
    return asked


def template_check_code(secret: str, values: dict[str, object],
                        domains: list[tuple[int, str]]) -> str:
    """An HMAC over every id a template carries, keyed by its ledger's own secret: only the
    ledger that made a template can make its code, and any edited id breaks it."""
    text = "|".join(f"{key}={values.get(key, '')}" for key, _ in ID_KEYS if key != "signature")
    text += "|" + ";".join(f"{task_id}={label}" for task_id, label in domains)
    return hmac.new(secret.encode(), text.encode(), hashlib.sha256).hexdigest()[:32]


def file_name(path: str) -> str:
    """A path's last part, whichever separator the system that wrote it used."""
    return path.replace("\\", "/").rsplit("/", 1)[-1]


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
    unit_name: str = ""  # as the file says; the ledger's name once checked
    shown_units: list[str] = field(default_factory=list)  # the 填报单位 its sheets show, as typed
    period: str = ""
    signature: str = ""
    task_ids: list[int] = field(default_factory=list)  # the tasks the template was made with
    ids: dict[str, str] = field(default_factory=dict)  # every id as text, for the check code
    domains: list[tuple[int, str]] = field(default_factory=list)  # the 所属领域 choices it offered
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
    held: str = ""  # why the file waits for the office to confirm its month

    @property
    def name(self) -> str:
        """The file's name without its folder."""
        return file_name(self.file)

    @property
    def state(self) -> str:
        """可导入 / 待确认 / 拒绝 (before an import)."""
        return "可导入" if self.taken else "待确认" if self.held else "拒绝"

    @property
    def summary(self) -> str:
        """进展 3 条（替换 2 条），典型案例 1 件，红黑名单 1 类 — what a taken file brings."""
        return (f"进展 {self.progress} 条（替换 {self.replaced} 条），典型案例 {self.cases} 件，"
                f"红黑名单 {self.list_kinds} 类")


@dataclass
class ImportOutcome:
    """An import batch: its id (None when nothing was written), its date received, every
    file, and — when writing stopped part way — why, the files written before staying in."""

    import_id: int | None
    received_on: str
    files: list[FileOutcome]
    dry_run: bool = False
    failure: str = ""

    @property
    def taken(self) -> list[FileOutcome]:
        """Files imported (in a dry run: that would be)."""
        return [f for f in self.files if f.taken]

    @property
    def held(self) -> list[FileOutcome]:
        """Files waiting for their month to be confirmed."""
        return [f for f in self.files if not f.taken and f.held]

    @property
    def refused(self) -> list[FileOutcome]:
        """Files refused."""
        return [f for f in self.files if not f.taken and not f.held]

    @property
    def held_months(self) -> list[str]:
        """The months to confirm, in order."""
        return sorted({f.period for f in self.held})

    def lines(self) -> list[str]:
        """What the import did, a line per file and a line per problem or note."""
        head = "试导入（未写入台账）" if self.dry_run else (
            f"导入批次 {self.import_id}" if self.import_id else "导入（未写入任何文件）")
        verb = "可导入" if self.dry_run else "导入"
        counts = f"{verb} {len(self.taken)} 个，拒绝 {len(self.refused)} 个"
        if self.held:
            counts += f"，待确认月份 {len(self.held)} 个"
        out = [f"{head}，收到日期 {self.received_on}：{len(self.files)} 个文件，{counts}。"]
        for f in self.files:
            if f.taken:
                out.append(f"{'可导入' if self.dry_run else '已导入'} {f.name}（{f.unit_name} {f.period}）：{f.summary}")
                out += [f"    提示：{note}" for note in f.notes]
            elif f.held:
                out.append(f"待确认 {f.name}（{f.unit_name} {f.period}）：{f.held}")
            else:
                out.append(f"拒绝 {f.name}：")
                out += [f"    {problem}" for problem in f.problems]
        if self.failure:
            out.append(self.failure)
        return out
