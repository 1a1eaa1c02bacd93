"""The `huodong` command: parses arguments, calls the pipeline, prints Chinese messages.

No rendering or business logic lives here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import os
import re
import sys
from pathlib import Path

from . import __version__
from .console import err, out, report_problems
from .content.errors import ContentError, UserError
from .content.root import find_root  # content.project (pydantic models) is imported where a command loads one
from .engine.stack import with_room

KINDS = ("visit", "festival", "outing", "clinic", "programme")


# argparse takes its own words through gettext (module-level `_`); huodong's users read Chinese.
ARGPARSE_WORDS = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "show this help message and exit": "显示这段帮助",
    "show program's version number and exit": "显示版本号",
    "the following arguments are required: %s": "缺少参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "不认识“%(value)s”，可以用：%(choices)s",
    "unrecognized arguments: %s": "多余的参数：%s",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s：%(message)s",
    "expected one argument": "后面要写一个值",
    "expected at most one argument": "后面最多写一个值",
    "expected at least one argument": "后面至少写一个值",
    "invalid %(type)s value: %(value)r": "“%(value)s”格式不对",
    "ambiguous option: %(option)s could match %(matches)s": "%(option)s 不明确，可能是：%(matches)s",
    "not allowed with argument %s": "不能和 %s 一起用",
}
argparse._ = lambda text: ARGPARSE_WORDS.get(text, text)


class ChineseParser(argparse.ArgumentParser):
    """argparse with its usage and errors in Chinese, each error ending with where to read more."""

    def error(self, message: str):  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：{message}。运行 {self.prog} -h 查看用法。\n")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        with _read_ahead(args):
            return with_room(lambda: args.func(args)) or 0  # engine/stack.py: deep recursion, no stack churn
    except ContentError as error:
        report_problems(error.problems)
        err.print("内容有错误，请按上面的提示修改后重新运行。", style="bold red")
        return 1
    except KeyboardInterrupt:
        err.print("已中断。已生成的文件保持原样。")
        return 130
    except UserError as error:
        err.print(str(error), style="bold red", markup=False)
        return 1
    except OSError as error:  # the disk, not the content: full, read-only, gone
        if os.environ.get("HUODONG_DEBUG"):
            raise
        err.print(disk_message(error, args), style="bold red", markup=False)
        return 1
    except Exception:  # a bug of ours, never the user's fault
        if os.environ.get("HUODONG_DEBUG"):
            raise
        err.print("程序内部出错了（这不是您的错）。请设置环境变量 HUODONG_DEBUG=1 重新运行，"
                  "并把输出发给维护者。", style="bold red")
        return 2


def disk_message(error: OSError, args: argparse.Namespace) -> str:
    """What went wrong with the file system, where, and that nothing was lost (outputs are written atomically)."""
    where = "文件"
    if error.filename:
        where = str(error.filename)
        try:
            where = Path(where).resolve().relative_to(_root(args)).as_posix()
        except (ValueError, OSError, UserError):
            pass
    kept = "原来的文件都还在"
    if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return f"磁盘空间不足：写入 {where} 时失败；{kept}。请清理出一些空间后重新运行。"
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return (f"没有权限写入 {where}（文件夹是只读的，或被别的程序占用）；{kept}。"
                "请检查这个文件夹的权限，或把项目复制到可以写入的地方再运行。")
    if error.errno == errno.ENAMETOOLONG:
        return f"文件名太长：{where}；{kept}。请把活动编号或文件名改短一些。"
    code = errno.errorcode.get(error.errno or 0, "未知")
    return f"读写 {where} 时出错（错误代码 {code}）；{kept}。请检查磁盘后重新运行。"


def _root(args: argparse.Namespace) -> Path:
    return Path(args.root).resolve() if args.root else find_root()


def _read_ahead(args: argparse.Namespace):
    """`check` reads a spreadsheet roster in a thread while it imports and loads the rest (records/readahead.py).

    Not build or print: they fork workers, which a running thread must not meet.
    """
    from .records.readahead import read_ahead

    return read_ahead(_root(args) if args.func is cmd_check and not args.explain else None)


# ---- commands -----------------------------------------------------------------

def cmd_check(args: argparse.Namespace) -> int:
    root = _root(args)
    from .content.explain import explain, id_notes

    if args.explain:
        out.print("\n".join(explain(root, Path(args.explain))), markup=False)
        return 0
    from .content.project import load_project, site_warnings

    project = load_project(root, strict=False)
    from .content.news import check_news
    from .privacy import publishing_warnings
    from .records.project import check_records

    apart = check_news(project) + site_warnings(project)  # first: the roster may still be read in a thread
    project.problems = sorted(project.problems + apart + check_records(project) + publishing_warnings(project))
    report_problems(project.problems)
    for note in id_notes(project.derived_ids):
        out.print(note, markup=False)
    if project.errors:
        return 1
    out.print(f"检查通过：{len(project.activities)} 个活动，没有错误。")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .content.schema import write_schemas

    folder = Path(args.output) if args.output else _root(args) / "schema"
    for path in write_schemas(folder):
        out.print(f"已写入 {path}")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from .scaffold import new_activity

    path = new_activity(_root(args), args.kind, args.id, day=args.date)
    out.print(f"已新建 {path}，请打开修改，然后运行 huodong check 检查。")
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    from .scaffold import init_project

    target = Path(args.dir).resolve()
    name = args.name or target.name
    init_project(target, name=name)
    out.print(f"已在 {target} 创建新项目，组织名称：{name}（可以在 content/site.yaml 里修改）。下一步：\n"
              f"  cd {target}\n  huodong check\n  huodong build", markup=False)
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    from .doctor import diagnose

    ok = True
    for check in diagnose():
        mark = "[green]✓[/]" if check.ok else "[red]✗[/]"
        out.print(f"{mark} {check.name}：{check.detail}")
        if not check.ok:
            ok = False
            out.print(f"   解决办法：{check.fix}", markup=False)
    out.print("一切正常。" if ok else "请按上面的办法解决后再运行 huodong doctor。")
    return 0 if ok else 1


def cmd_print(args: argparse.Namespace) -> int:
    from .content.project import load_project
    from .printing.run import print_project

    root = _root(args)
    only = only_names(args.only) if args.only else None
    with one_build(root):
        from .content.project import load_project

        print_project(load_project(root), ids=args.ids or None, only=only, force=args.force)
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from .engine.build import build_all

    with one_build(_root(args)):
        build_all(_root(args), force=args.force)
    return 0


def one_build(root: Path):
    """The project's build lock; a second build says that it waits for the first."""
    from .engine.lock import project_lock

    def waiting(holder: str) -> None:
        who = f"（进程 {holder}）" if holder.isdigit() else ""
        err.print(f"这个项目里已经有一个 huodong build 或 huodong print 正在运行{who}，等它结束后会自动继续。"
                  "不想等可以按 Ctrl+C。", style="yellow", markup=False)

    return project_lock(root, waiting)


def cmd_serve(args: argparse.Namespace) -> int:
    from .website.serve import serve

    serve(_root(args), address=args.address or f"127.0.0.1:{args.port}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from .content.project import load_project

    project = load_project(_root(args))
    try:
        activity = project.activity(args.id)
    except KeyError as error:
        raise UserError(error.args[0]) from None
    from .website.report import draft_report, save_report

    if args.save:
        path = save_report(project, activity)
        out.print(f"已把新闻稿草稿写入 {path.relative_to(project.root).as_posix()}，请打开修改后再运行 huodong build 发布。",
                  markup=False)
    else:
        out.print(draft_report(project, activity), markup=False)
    return 0


def cmd_hours(args: argparse.Namespace) -> int:
    from .records.commands import hours

    return hours(_root(args), year=args.year, export=args.export, force=args.force)


def cmd_visits(args: argparse.Namespace) -> int:
    from .records.commands import visits

    return visits(_root(args), month=args.month)


def kind_name(text: str) -> str:
    """`huodong new`'s kind, English or Chinese (走访 → visit)."""
    from .content.forms import KIND_NAMES, kind_name as normalised_kind

    kind = normalised_kind(text)
    if kind not in KINDS:
        choices = "、".join(f"{k}（{'/'.join(n for n, v in KIND_NAMES.items() if v == k)}）" for k in KINDS)
        raise argparse.ArgumentTypeError(f"没有“{text}”这种活动类别，可以用：{choices}")
    return kind


def date_value(text: str) -> dt.date:
    """`--date`: written as in the activity files (2027-3-5, 2027年3月5日（星期五）…)."""
    from .content.dates import DateProblem, parse_day

    try:
        return parse_day(text)
    except DateProblem as problem:
        raise argparse.ArgumentTypeError(str(problem)) from None


def only_names(text: str) -> list[str]:
    """`--only 方案，报名表`: document names in English or Chinese, split on any comma."""
    from .printing.catalogue import CHINESE_NAMES

    names = {**CHINESE_NAMES, "证书": "certificates", "志愿服务证明": "certificates", "证明": "certificates",
             "空白表": "forms", "空白表格": "forms", "登记表": "forms"}
    parts = [part for part in re.split(r"[,，、;；\s]+", text) if part]
    return [names.get(part, names.get(part.lower(), part)) for part in parts]


def _parser() -> argparse.ArgumentParser:
    parser = ChineseParser(
        prog="huodong",
        description="把活动 YAML 变成活动方案、流程表、报名表等打印文档和公开网站。",
    )
    parser.add_argument("--version", action="version", help="显示版本号", version=f"huodong {__version__}")
    parser.add_argument("--root", metavar="文件夹", help="项目文件夹（默认：当前文件夹或其上级中含 content/ 的那个）")
    sub = parser.add_subparsers(title="命令", metavar="命令")

    def command(name: str, func, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.set_defaults(func=func)
        return p

    p = command("check", cmd_check, "检查所有内容，列出全部错误")
    p.add_argument("--explain", metavar="文件", help="显示这个活动文件读到的日期、星期、农历、时间和人数，供核对")
    p = command("schema", cmd_schema, "导出 JSON Schema，让编辑器自动补全")
    p.add_argument("--output", metavar="文件夹", help="输出文件夹（默认 schema/）")
    p = command("new", cmd_new, "新建一个活动文件（带注释的模板）")
    p.add_argument("kind", type=kind_name, metavar="类别",
                   help="visit 走访 / festival 节日 / outing 外出 / clinic 义诊 / programme 结对帮扶，中英文都可以")
    p.add_argument("--id", metavar="编号", help="活动编号（英文小写字母、数字和“-”），默认用类别")
    p.add_argument("--date", type=date_value, metavar="日期",
                   help="活动日期，如 2027-03-05；文件名是“日期-编号.yaml”，默认今天")
    p = command("init", cmd_init, "创建一个新项目，如 huodong init 长青社区志愿服务队")
    p.add_argument("dir", metavar="文件夹", help="新项目的文件夹；文件夹名默认也是组织名称")
    p.add_argument("--name", default=None, help="组织名称（默认用文件夹名）")
    command("doctor", cmd_doctor, "检查运行环境：依赖、WeasyPrint 系统库、中文字体")
    p = command("print", cmd_print, "生成打印文档到 plans/")
    p.add_argument("ids", nargs="*", metavar="编号", help="只打印这些活动（默认全部）")
    p.add_argument("--only", metavar="文档", help="只生成这些文档，如 方案,流程表,报名表 或 plan,schedule,signup")
    p.add_argument("--force", action="store_true", help="全部重新生成")
    p = command("build", cmd_build, "生成全部打印文档和网站")
    p.add_argument("--force", action="store_true", help="全部重新生成")
    p = command("serve", cmd_serve, "本地预览网站，修改后自动刷新")
    p.add_argument("--port", type=int, metavar="端口", default=8000, help="端口（默认 8000）")
    p.add_argument("--address", default=None, metavar="地址", help="预览地址，如 127.0.0.1:8000")
    p = command("report", cmd_report, "根据活动内容起草新闻稿（活动结束后用）")
    p.add_argument("id", metavar="编号", help="活动编号")
    p.add_argument("--save", action="store_true",
                   help="把草稿存到 content/news/（不会覆盖已有文件），不加则只显示在屏幕上")
    p = command("hours", cmd_hours, "统计志愿服务时长")
    p.add_argument("--year", type=int, metavar="年份", help="只统计这一年")
    p.add_argument("--export", metavar="文件", help="导出为 Excel 文件（.xlsx 或 .csv，供批量录入）")
    p.add_argument("--force", action="store_true", help="导出文件已存在时替换它")
    p = command("visits", cmd_visits, "列出该走访的老人，生成走访计划表")
    p.add_argument("--month", metavar="月份", help="月份，如 2026-11（默认本月）")
    return parser


if __name__ == "__main__":
    sys.exit(main())
