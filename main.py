"""专项治理台账 — composition root: the window, or the command line when a command is given.

Exit status (DESIGN.md §5): 0 done; 1 input refused; 2 wrong arguments; 3 ledger unusable;
4 `check` found problems. Every failure is a Chinese message on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import sys
import traceback
from datetime import datetime
from pathlib import Path

# names only: no docx or openpyxl at start
from exporters.kinds import EXCEL_KINDS, RANKING_KINDS, WORD_KINDS
from models.version import VERSION

EXIT_OK, EXIT_INPUT, EXIT_ARGS, EXIT_LEDGER, EXIT_CHECK = 0, 1, 2, 3, 4
MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")  # a report month as the command line takes it
_ARGPARSE_MESSAGES = (
    (r"the following arguments are required: (.+)", "缺少必需的参数：{0}"),
    (r"unrecognized arguments: (.+)", "无法识别的参数：{0}"),
    (r"argument (\S+): invalid choice: '?([^' ]+)'? \(choose from (.+)\)", "无效的命令“{1}”，可用的命令：{2}"),
    (r"argument (\S+): expected one argument", "参数 {0} 后面需要一个值"),
    (r"argument (\S+): invalid (\w+) value: (.+)", "参数 {0} 的值 {2} 无效"),
    (r"argument (\S+): (.+)", "参数 {0} 有误：{1}"),
)


class UsageError(Exception):
    """Wrong arguments; the message is already in Chinese."""


class ChineseHelpFormatter(argparse.HelpFormatter):
    """Help text with a Chinese usage line."""

    def add_usage(self, usage, actions, groups, prefix=None):
        # argparse itself asks for a usage line with prefix "" to name a subcommand's program
        # (the "python main.py export" of its help): only the default prefix is replaced
        super().add_usage(usage, actions, groups, prefix="用法：" if prefix is None else prefix)


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are Chinese and raised instead of exiting."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"

    def error(self, message: str):
        for pattern, chinese in _ARGPARSE_MESSAGES:
            m = re.fullmatch(pattern, message)
            if m:
                raise UsageError(chinese.format(*m.groups()))
        raise UsageError(message)


def build_parser() -> ChineseArgumentParser:
    """The command line of DESIGN.md §5 (the commands this version provides)."""
    parser = ChineseArgumentParser(
        prog="python main.py", description="专项治理台账。不带命令时打开窗口。", add_help=False)
    parser.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
    parser.add_argument("--version", action="version", version=f"专项治理台账 {VERSION}",
                        help="显示版本号并退出")
    parser.add_argument("--ledger", metavar="PATH", help="台账文件（默认：用户数据目录中的台账）")
    commands = parser.add_subparsers(dest="command", metavar="命令", parser_class=ChineseArgumentParser)

    def command(name: str, help_text: str) -> ChineseArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text, add_help=False)
        sub.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
        sub.add_argument("--ledger", metavar="PATH", dest="sub_ledger", help="台账文件")
        return sub

    command("plans", "列出台账中的方案：编号、文号、标题")
    demo = command("demo", "用五份示例方案建立演示台账（含报送期内各月的进展、案例和名单）")
    demo.add_argument("--force", action="store_true", help="台账中已有数据时仍然写入")
    plan = command("import-plan", "导入实施方案（.txt / .docx）或任务分解表（.xlsx）")
    plan.add_argument("file", metavar="FILE", help="方案文件")
    plan.add_argument("--json", action="store_true", help="以 JSON 输出识别结果")
    plan.add_argument("--dry-run", action="store_true", help="只识别，不写入台账")
    plan.add_argument("--year", type=int, metavar="YYYY", help="方案没有写年份时，指定年份")
    command("check", "检查台账的完整性与一致性")
    export = command("export", "导出公文：" + "、".join(f"{k} {v}" for k, v in WORD_KINDS.items())
                     + "；表格：" + "、".join(f"{k} {v}" for k, v in EXCEL_KINDS.items())
                     + "（templates 把每个单位的报送模板写入 OUT 文件夹）")
    export.add_argument("kind", metavar="KIND", choices=sorted([*WORD_KINDS, *EXCEL_KINDS]),
                        help="文档种类")
    export.add_argument("--plan", type=int, required=True, metavar="ID", help="方案编号（见 plans）")
    export.add_argument("--period", metavar="YYYY-MM",
                        help="月份（默认：报送期内最近一个已过报送时限的月份；总结报告为截至该月，"
                             "案例汇编和案例报送表为全部月份）")
    export.add_argument("--phase", metavar="名称", help="总结报告的阶段（默认：整个专项治理）")
    export.add_argument("-o", "--output", required=True, metavar="OUT",
                        help="输出文件（.docx / .xlsx；templates 为文件夹）")
    export.add_argument("--doc-number", metavar="文号", help="发文字号（默认：取台账中的下一个文号）")
    export.add_argument("--date", metavar="YYYY-MM-DD", help="成文日期（默认：今天）")
    export.add_argument("--to", metavar="主送", help="主送机关")
    export.add_argument("--cc", metavar="抄送", help="抄送机关")
    export.add_argument("--signer", metavar="姓名", help="签发人（默认：设置中的签发人）")
    export.add_argument("--upward", action="store_true", help="作为上行文导出（标注签发人；总结报告总是上行文）")
    export.add_argument("--reissue", action="store_true", help="重新印发：再次使用已登记过的文号")
    returns = command("import-returns", "导入各单位交回的报送模板（文件或文件夹，可多个）")
    returns.add_argument("paths", nargs="+", metavar="FILE_OR_DIR", help="报送模板文件或所在文件夹")
    returns.add_argument("--dry-run", action="store_true", help="只检查并列出将要导入的内容，不写入台账")
    returns.add_argument("--received", metavar="YYYY-MM-DD", help="收到日期（默认：今天）")
    returns.add_argument("--report", metavar="FILE", help="另存导入报告（.xlsx）")
    returns.add_argument("--allow-month", action="append", default=[], metavar="YYYY-MM",
                         help="确认导入该月份的报送：不是正在收集的月份，或该单位该月已导入过（可重复）")
    undo = command("undo-import", "撤销一次报送模板导入（恢复被替换的内容）")
    undo.add_argument("import_id", type=int, metavar="ID", help="导入批次编号（导入时显示）")
    backup = command("backup", "把台账备份到指定文件（校验后写入）")
    backup.add_argument("-o", "--output", required=True, metavar="FILE", help="备份文件")
    restore = command("restore", "用备份替换台账（当前台账另存一旁，不会被覆盖）")
    restore.add_argument("backup", metavar="BACKUP", help="备份文件")
    return parser


def ledger_path(args) -> Path:
    """The ledger named on the command line, or the default one."""
    from models.paths import default_ledger_path

    named = getattr(args, "sub_ledger", None) or args.ledger
    return Path(named) if named else default_ledger_path()


def cmd_plans(args) -> int:
    from models.ledger import Ledger

    with Ledger.open(ledger_path(args), readonly=True) as ledger:
        for plan in ledger.plans():
            print(f"{plan.id}\t{plan.doc_number or ''}\t{plan.title}")
    return EXIT_OK


def open_for_writing(path: Path):
    """Open a ledger that must already exist (a command that reads one must not leave an
    empty one behind), for writing; a second writer is refused."""
    from models.errors import DamagedLedger
    from models.ledger import Ledger

    if not path.exists():
        raise DamagedLedger(f"台账文件“{path}”不存在。请检查路径，或先用 demo / import-plan 建立台账。")
    return Ledger.open(path)


def open_existing(path: Path):
    """Open an existing ledger for writing, or read-only while another program writes it or
    this user may not write it (`readonly_reason` says which)."""
    from models.errors import LedgerLocked, ReadOnlyLedger
    from models.ledger import Ledger

    try:
        return open_for_writing(path)
    except (LedgerLocked, ReadOnlyLedger) as exc:
        return Ledger.open_read_only(path, exc, "台账正由另一个程序使用")


def cmd_check(args) -> int:
    path = ledger_path(args)
    with open_existing(path) as ledger:
        problems = ledger.check()
        if ledger.readonly:
            print(f"（以只读方式检查：{ledger.readonly_reason}；本次未检查全文检索索引。）")
        counts = {label: ledger.count(table) for table, label in (
            ("plans", "方案"), ("tasks", "任务"), ("units", "单位"), ("progress", "进展"),
            ("cases", "案例"), ("list_entries", "名单"))}
    print(f"台账：{path}")
    print("记录数：" + "，".join(f"{k} {v}" for k, v in counts.items()))
    if not problems:
        print("检查通过：未发现问题。")
        return EXIT_OK
    print(f"发现 {len(problems)} 个问题：")
    for problem in problems:
        print(f"  - {problem}")
    return EXIT_CHECK


def cmd_backup(args) -> int:
    from models.errors import BackupError
    from models.ledger_safety import verify_file, write_verified_copy

    source, target = ledger_path(args), Path(args.output)
    problem = verify_file(source)
    if problem:
        print(f"台账“{source}”无法备份：{problem}", file=sys.stderr)
        return EXIT_LEDGER
    if target.exists():
        raise BackupError(f"备份文件“{target}”已存在，请换一个文件名，以免覆盖原有备份。")
    write_verified_copy(source, target)
    print(target)
    return EXIT_OK


def cmd_restore(args) -> int:
    from models.ledger_safety import restore_backup

    path = ledger_path(args)
    aside = restore_backup(Path(args.backup), path, now=datetime.now())
    print(f"已用“{args.backup}”恢复台账“{path}”。")
    if aside:
        print(f"原台账已另存为“{aside}”。")
    return EXIT_OK


def cmd_import_plan(args) -> int:
    import json

    from importers.plan_reader import read_plan, set_plan_year
    from models.ledger import Ledger
    from models.plan_draft import to_json
    from models.validation import ValidationError

    draft = read_plan(args.file)
    if args.year:
        set_plan_year(draft, args.year)
    if args.json:
        sys.stdout.write(json.dumps(to_json(draft), ensure_ascii=False, indent=2) + "\n")
    if args.dry_run:
        if not args.json:
            print(_plan_summary(draft))
        return EXIT_OK
    path = ledger_path(args)
    with Ledger.open(path) as ledger:
        existing = ledger.find_plan(draft)
        try:
            result = ledger.apply_plan(draft, update=existing)
        except ValidationError as exc:
            print(f"方案“{Path(args.file).name}”无法保存：{exc}。台账没有改动；请修改后重新导入。",
                  file=sys.stderr)
            return EXIT_INPUT
    verb = "已更新" if existing else "已导入"
    if args.json:  # stdout holds the JSON alone; say on stderr where it went
        print(f"{verb}方案（编号 {result.plan_id}），已写入台账“{path}”。", file=sys.stderr)
    else:
        head, _, notes = _plan_summary(draft).partition("\n")
        print(f"{verb}方案（编号 {result.plan_id}）：{head}；新增单位 {result.new_units} 个。台账：“{path}”。")
        if notes:
            print(notes)
        for title in result.kept:
            print(f"提示：新版方案中已没有任务“{title}”，因已有进展记录而保留。")
    return EXIT_OK


def _plan_summary(draft) -> str:
    tasks = list(draft.walk())
    text = (f"《{draft.title}》{draft.doc_number or ''}，任务 {len(draft.tasks)} 项"
            f"（含子项共 {len(tasks)} 项），涉及单位 {len(draft.unit_names())} 个")
    for warning in draft.warnings:
        text += f"\n提示：{warning}"
    return text


def cmd_demo(args) -> int:
    from importers.samples import sample_plans
    from models.demo import build_demo
    from models.ledger import Ledger

    with Ledger.open(ledger_path(args)) as ledger:
        if ledger.count("plans") and not args.force:
            print(f"台账“{ledger.path}”中已有数据，未写入演示内容。如确需写入，请加 --force。",
                  file=sys.stderr)
            return EXIT_INPUT
        summary = build_demo(ledger, sample_plans())
    print(f"演示台账已建立：{ledger_path(args)}")
    print(summary)
    return EXIT_OK


def cmd_export(args) -> int:
    from datetime import date

    try:
        when = date.fromisoformat(args.date) if args.date else date.today()
    except ValueError:
        raise UsageError(f"成文日期“{args.date}”应写成 2020-06-28 的形式") from None
    check_export_args(args)
    # a workbook only reads the ledger; a Word document records the 文号 it takes
    opener = open_existing if args.kind in EXCEL_KINDS else open_for_writing
    with opener(ledger_path(args)) as ledger:
        out = Path(args.output)
        try:
            if args.kind in EXCEL_KINDS:
                written = export_excel(ledger, args, when, out)
            else:
                written = [write_document(ledger, args, when, out)]
        except PermissionError as exc:  # the file's own name (never a temporary one), else OUT
            print(f"无法写入“{exc.filename or out}”：文件可能正在 WPS 或 Excel 中打开，或没有写入权限。"
                  "请关闭该文件后重试。", file=sys.stderr)
            return EXIT_INPUT
        except OSError as exc:
            from models.files import describe_os_error

            print(describe_os_error(exc, out), file=sys.stderr)
            return EXIT_INPUT
    print("\n".join(map(str, written)))
    return EXIT_OK


def _plan_of(ledger, plan_id: int):
    plan = next((p for p in ledger.plans() if p.id == plan_id), None)
    if plan is None:
        raise UsageError(f"台账中没有编号为 {plan_id} 的方案，可用 plans 命令查看")
    return plan


def export_excel(ledger, args, when, out: Path) -> list[Path]:
    """A workbook, or (templates) every unit's 报送模板 and their zip."""
    from exporters.workbooks import export_template_folder, export_workbook
    from models.ledger_stats import MONTHLY_WORKBOOKS

    _plan_of(ledger, args.plan)
    period = args.period
    if period is None and args.kind in MONTHLY_WORKBOOKS:  # cases and scores span every month
        period = ledger.default_period(args.plan, when)
    data = ledger.workbook_data(args.kind, args.plan, period=period, today=when)
    warn_before_ranking(ledger, args.kind, args.plan)
    settings = ledger.settings()
    fonts = {"body_font": settings["font_fang"], "title_font": settings["font_hei"]}
    if args.kind == "templates":
        return export_template_folder(data, out, **fonts)
    return [export_workbook(args.kind, data, out, **fonts)]


def warn_before_ranking(ledger, kind: str, plan_id: int) -> None:
    """A document or workbook that ranks the units says on stderr (without stopping) when
    likely duplicates among them are not yet reviewed."""
    note = ledger.ranking_note(plan_id) if kind in RANKING_KINDS else ""
    if note:
        print(f"提示：{note}", file=sys.stderr)


def check_export_args(args) -> None:
    """What `export` can tell is wrong before opening the ledger: the output's type, the
    month, the form of a 文号."""
    from models.doc_register import parse_doc_number
    from models.validation import ValidationError

    suffix = Path(args.output).suffix.lower()
    if args.kind in WORD_KINDS and suffix != ".docx":
        raise UsageError(f"{WORD_KINDS[args.kind]}是 Word 文档，输出文件应以 .docx 结尾"
                         f"（现为“{args.output}”）")
    if args.kind in EXCEL_KINDS and args.kind != "templates" and suffix != ".xlsx":
        raise UsageError(f"{EXCEL_KINDS[args.kind]}是 Excel 工作簿，输出文件应以 .xlsx 结尾"
                         f"（现为“{args.output}”）")
    if args.period is not None and not MONTH.fullmatch(args.period):
        raise UsageError(f"月份“{args.period}”应写成 2021-01 的形式（月份为 01 到 12）")
    if args.doc_number is not None:
        try:
            parse_doc_number(args.doc_number)
        except ValidationError as exc:
            raise UsageError(str(exc)) from None


def write_document(ledger, args, when, out: Path) -> Path:
    """Lay a document out and write it; its 文号 enters the register only once the file is
    written (a failed write uses no number), and an issued one only with --reissue."""
    from exporters.documents import CONTENT, UPWARD_KINDS, meta_from_settings
    from exporters.gongwen import export_gongwen
    from models.doc_register import parse_doc_number

    plan = _plan_of(ledger, args.plan)
    period = args.period
    if period is None and args.kind in ("bulletin", "reminder"):  # a summary runs to the latest due month
        period = ledger.default_period(plan.id, when)
    data = ledger.document_data(args.kind, plan.id, period=period, today=when,
                                phase_id=_phase_id(ledger, plan.id, args.phase))
    warn_before_ranking(ledger, args.kind, plan.id)
    settings = ledger.settings()
    number = args.doc_number or ledger.proposed_doc_number(settings["doc_prefix"], when.year)
    if number:  # written as the register writes it; a number already issued is refused below
        number = parse_doc_number(number).text
    meta = meta_from_settings(settings, today=when, when=when, issuer=plan.issuer, doc_number=number,
                              recipients=args.to, cc=args.cc, signer=args.signer,
                              upward=args.upward or args.kind in UPWARD_KINDS)
    content = CONTENT[args.kind](data, meta)
    if not number:
        return export_gongwen(content, out)
    ledger.issue_doc_number(number, lambda: export_gongwen(content, out), document=WORD_KINDS[args.kind],
                            title=content.title, file=str(out.absolute()), issued_on=when,
                            reissue=args.reissue)
    return out


def _phase_id(ledger, plan_id: int, name: str | None):
    if not name:
        return None
    for phase in ledger.phases(plan_id):
        if phase.name == name:
            return phase.id
    raise UsageError(f"方案中没有名为“{name}”的阶段")


def cmd_import_returns(args) -> int:
    from datetime import date

    from importers.returns_xlsx import collect_return_files, read_return

    received = args.received or date.today().isoformat()
    try:
        date.fromisoformat(received)
    except ValueError:
        raise UsageError(f"收到日期“{received}”应写成 2020-11-20 的形式") from None
    for month in args.allow_month:
        if not MONTH.fullmatch(month):
            raise UsageError(f"--allow-month 的月份“{month}”应写成 2020-11 的形式")
    files = collect_return_files(args.paths)
    if not files:
        raise UsageError("所给的文件夹中没有 Excel 文件（.xlsx / .xls）")
    parsed = [read_return(f) for f in files]  # a missing or unreadable one is refused by name
    with open_for_writing(ledger_path(args)) as ledger:
        outcome = ledger.apply_returns(parsed, received_on=received, dry_run=args.dry_run,
                                       allow_months=tuple(args.allow_month))
        settings = ledger.settings()
    print("\n".join(outcome.lines()))
    if outcome.held:
        months = " ".join(f"--allow-month {m}" for m in outcome.held_months)
        print(f"确认月份无误后，加上 {months} 重新运行，即可导入待确认的文件。")
    if outcome.failure:
        print(outcome.failure, file=sys.stderr)
    if args.report:
        from exporters.xlsx_import_report import export_import_report

        print(export_import_report(outcome, args.report, font=settings["font_fang"],
                                   title_font=settings["font_hei"]))
    if outcome.failure:
        return EXIT_LEDGER
    return EXIT_INPUT if outcome.refused or outcome.held else EXIT_OK


def cmd_undo_import(args) -> int:
    with open_for_writing(ledger_path(args)) as ledger:
        count = ledger.undo_import(args.import_id)
    print(f"已撤销导入批次 {args.import_id}（{count} 个文件），被替换的内容已恢复。")
    return EXIT_OK


COMMANDS = {"plans": cmd_plans, "demo": cmd_demo, "import-plan": cmd_import_plan, "export": cmd_export,
            "import-returns": cmd_import_returns, "undo-import": cmd_undo_import, "check": cmd_check,
            "backup": cmd_backup, "restore": cmd_restore}


def run_cli(argv: list[str]) -> int:
    """Run one command; every failure becomes a Chinese message and an exit status."""
    from importers.plan_source import PlanReadError
    from models.errors import LedgerError
    from models.validation import ValidationError

    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            from ui.app import run_gui

            return run_gui(ledger_path(args))
        return COMMANDS[args.command](args)
    except UsageError as exc:
        print(f"参数错误：{exc}。查看用法：python main.py --help", file=sys.stderr)
        return EXIT_ARGS
    except LedgerError as exc:
        print(exc.message, file=sys.stderr)
        return exc.exit_code
    except ValidationError as exc:
        print(f"数据有误：{exc}", file=sys.stderr)
        return EXIT_INPUT
    except PlanReadError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:  # the output went to a program that stopped reading (| head)
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:
        from models.files import describe_os_error

        print(describe_os_error(exc), file=sys.stderr)
        return EXIT_INPUT
    except sqlite3.OperationalError as exc:  # a write the disk or the folder refused
        from models.files import describe_write_error

        print(describe_write_error(exc, ledger_path(args)), file=sys.stderr)
        return EXIT_LEDGER
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return EXIT_INPUT
    except Exception:
        log = _write_crash_log()
        print(f"程序内部错误，详情已写入“{log}”。请把该文件发给技术支持。", file=sys.stderr)
        return EXIT_INPUT


def _write_crash_log() -> Path:
    from models.paths import data_dir

    folder = data_dir() / "logs"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        log = folder / "error.log"
        with log.open("a", encoding="utf-8") as f:
            f.write(f"\n[{datetime.now().isoformat(timespec='seconds')}]\n{traceback.format_exc()}")
        return log
    except OSError:
        return Path("（无法写入日志）")


def _quiet_unraisable(unraisable) -> None:
    """A file a library closes while it is collected, after its write already failed and was
    said in Chinese (a full disk), is no second message; anything else goes the usual way."""
    if isinstance(unraisable.exc_value, OSError):
        return
    sys.__unraisablehook__(unraisable)


def main() -> int:
    import warnings

    # a library's warning (openpyxl on an odd workbook) is no message for the user
    warnings.simplefilter("ignore")
    sys.unraisablehook = _quiet_unraisable
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    return run_cli(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
