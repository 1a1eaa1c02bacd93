"""The `huodong` command: parses arguments, calls the pipeline, prints Chinese messages.

No rendering or business logic lives here.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__
from .console import err, out, report_problems
from .content.errors import ContentError, UserError
from .content.project import find_root, load_project

KINDS = ("visit", "festival", "outing", "clinic", "programme")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return args.func(args) or 0
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
    except Exception:  # a bug of ours, never the user's fault
        if os.environ.get("HUODONG_DEBUG"):
            raise
        err.print("程序内部出错了（这不是您的错）。请设置环境变量 HUODONG_DEBUG=1 重新运行，"
                  "并把输出发给维护者。", style="bold red")
        return 2


def _root(args: argparse.Namespace) -> Path:
    return Path(args.root).resolve() if args.root else find_root()


# ---- commands -----------------------------------------------------------------

def cmd_check(args: argparse.Namespace) -> int:
    root = _root(args)
    project = load_project(root, strict=False)
    from .content.news import check_news
    from .records.project import check_records

    project.problems = sorted(project.problems + check_records(project) + check_news(project))
    report_problems(project.problems)
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

    path = new_activity(_root(args), args.kind, args.id)
    out.print(f"已新建 {path}，请打开修改，然后运行 huodong check 检查。")
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    from .scaffold import init_project

    target = Path(args.dir).resolve()
    init_project(target, name=args.name)
    out.print(f"已在 {target} 创建新项目。下一步：\n  cd {target}\n  huodong check\n  huodong build")
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
    from .printing.run import print_project

    project = load_project(_root(args))
    only = [part.strip() for part in args.only.split(",")] if args.only else None
    print_project(project, ids=args.ids or None, only=only, force=args.force)
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from .engine.build import build_all

    build_all(_root(args), force=args.force)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .website.serve import serve

    serve(_root(args), address=args.address)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    project = load_project(_root(args))
    try:
        activity = project.activity(args.id)
    except KeyError as error:
        raise UserError(error.args[0]) from None
    from .website.report import draft_report

    out.print(draft_report(project, activity), markup=False)
    return 0


def cmd_hours(args: argparse.Namespace) -> int:
    from .records.commands import hours

    return hours(_root(args), year=args.year, export=args.export)


def cmd_visits(args: argparse.Namespace) -> int:
    from .records.commands import visits

    return visits(_root(args), month=args.month)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="huodong",
        description="把活动 YAML 变成活动方案、流程表、报名表等打印文档和公开网站。",
    )
    parser.add_argument("--version", action="version", version=f"huodong {__version__}")
    parser.add_argument("--root", help="项目文件夹（默认：当前文件夹或其上级中含 content/ 的那个）")
    sub = parser.add_subparsers(title="命令", metavar="命令")

    def command(name: str, func, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.set_defaults(func=func)
        return p

    command("check", cmd_check, "检查所有内容，列出全部错误")
    p = command("schema", cmd_schema, "导出 JSON Schema，让编辑器自动补全")
    p.add_argument("--output", help="输出文件夹（默认 schema/）")
    p = command("new", cmd_new, "新建一个活动文件（带注释的模板）")
    p.add_argument("kind", choices=KINDS, help="visit 走访 / festival 节日 / outing 外出 / clinic 义诊 / programme 项目")
    p.add_argument("--id", help="活动编号（文件名），默认按日期和类别生成")
    p = command("init", cmd_init, "创建一个新项目")
    p.add_argument("dir", help="新项目的文件夹")
    p.add_argument("--name", default=None, help="组织名称")
    command("doctor", cmd_doctor, "检查运行环境：依赖、WeasyPrint 系统库、中文字体")
    p = command("print", cmd_print, "生成打印文档到 plans/")
    p.add_argument("ids", nargs="*", help="只打印这些活动（默认全部）")
    p.add_argument("--only", help="只生成这些文档，如 plan,schedule,signup")
    p.add_argument("--force", action="store_true", help="全部重新生成")
    p = command("build", cmd_build, "生成全部打印文档和网站")
    p.add_argument("--force", action="store_true", help="全部重新生成")
    p = command("serve", cmd_serve, "本地预览网站，修改后自动刷新")
    p.add_argument("--address", default="127.0.0.1:8000", help="预览地址")
    p = command("report", cmd_report, "根据活动内容起草新闻稿")
    p.add_argument("id", help="活动编号")
    p = command("hours", cmd_hours, "统计志愿服务时长")
    p.add_argument("--year", type=int, help="只统计这一年")
    p.add_argument("--export", help="导出为 Excel 文件（供批量录入）")
    p = command("visits", cmd_visits, "列出该走访的老人，生成走访计划表")
    p.add_argument("--month", help="月份，如 2026-11（默认本月）")
    return parser


if __name__ == "__main__":
    sys.exit(main())
