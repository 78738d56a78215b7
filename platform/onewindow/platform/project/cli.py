"""``onewindow``: the command-line entry point.

onewindow up [--port 8000]      migrate, ensure the seed counties, run API + worker + beat
onewindow migrate               public, template, then every county with pending migrations
onewindow county onboard CODE NAME PROVINCE --preset NAME [--domain HOST] [--admin USER]
onewindow county list | export CODE [--out FILE] [--unmasked]
onewindow policy validate FILE | apply --county CODE FILE | export --county CODE | diff …
onewindow catalog load FILE     a provincial standard catalog (YAML); load-national FILE
onewindow calendar load FILE    a year's national arrangement (YAML)
onewindow benchmarks rollup [--full] [--county CODE …]   each county's facts, here and now
onewindow token create USER NAME [--county CODE]
onewindow graphql-schema [--check]
onewindow manage ARGS…          any Django management command
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from onewindow.platform.project.bootstrap import describe_backends, setup_django, step
from onewindow.platform.project.up import cmd_up

REPO_ROOT = Path(__file__).resolve().parents[4]


# --- commands -------------------------------------------------------------------------------


def cmd_migrate(args: argparse.Namespace) -> int:
    os.environ["ONEWINDOW_DATABASE_ROLE"] = "owner"  # MIGRATE_DATABASE_URL, when it is set
    setup_django()
    from onewindow.platform.counties.schemas import MigrationsIncomplete, migrate_all
    from onewindow.platform.project.dbroles import grant_after_migrate

    describe_backends()
    started = time.monotonic()
    try:
        done = migrate_all(parallel=not args.serial, progress=step)
    except MigrationsIncomplete as exc:
        step(f"迁移未完成，用时 {time.monotonic() - started:.1f}s：{exc}")
        for schema, error in sorted(exc.failed.items()):
            print(f"  {schema}: {error}", file=sys.stderr)
        grant_after_migrate()  # the counties that are done work meanwhile
        return 1
    step(f"迁移完成，用时 {time.monotonic() - started:.1f}s（{len(done)} 个 schema 有变化）")
    granted = grant_after_migrate()
    if granted:
        step(f"已授予应用角色 {granted} 读写权限（审计表只读与追加）")
    return 0


def cmd_county(args: argparse.Namespace) -> int:
    if args.action == "onboard":  # a new schema: the owner makes it, then grants the app role
        os.environ["ONEWINDOW_DATABASE_ROLE"] = "owner"
    setup_django()
    from onewindow.platform.counties.models import County
    from onewindow.platform.counties.services import ensure_platform_tenant
    from onewindow.platform.onboarding.services import onboard_now

    if args.action == "export":
        from onewindow.platform.onboarding.export import export_county

        out = Path(args.out or f"county-{args.code}.zip")
        manifest = export_county(
            args.code, out, unmasked=args.unmasked, actor="cli:county export", progress=step
        )
        privacy = "身份证号、电话为明文" if args.unmasked else "身份证号、电话已脱敏"
        step(
            f"已导出 {manifest['county']['name']} 到 {out}"
            f"（政策包 v{manifest['policy_version']} 与全部数据，{privacy}；已记入审计）"
        )
        return 0
    if args.action == "list":
        for county in County.objects.counties().order_by("code"):
            print(f"{county.code}\t{county.name}\t{county.province}\t{county.status}\t{county.schema_name}")
        return 0
    ensure_platform_tenant()
    job = onboard_now(
        args.code,
        args.name,
        args.province,
        preset=args.preset or "",
        document=Path(args.pack).read_text(encoding="utf-8") if args.pack else "",
        domains=args.domain,
        admin=args.admin or "",
        actor="cli",
    )
    if job.status != "ready":
        for error in job.errors:
            print(f"错误 {error['code']}: {error['message']}", file=sys.stderr)
        return 2
    step(f"已开通 {job.name} ({job.code})，用时 {job.seconds:.2f}s")
    from onewindow.platform.onboarding.services import job_todo

    todo = job_todo(job)
    if todo:
        step(f"还须填写 {len(todo)} 项：")
        for entry in todo:
            print(f"  · {entry.path or '（全县）'}：{entry.message}")
    from onewindow.platform.project.dbroles import grant_after_migrate

    grant_after_migrate()
    return 0


def cmd_calendar(args: argparse.Namespace) -> int:
    import yaml

    setup_django()
    from onewindow.platform.calendar.services import load_national_year

    doc = yaml.safe_load(Path(args.file).read_text(encoding="utf-8"))
    holidays = [(_date(h["date"]), str(h.get("name", ""))) for h in doc.get("holidays", [])]
    workdays = [_date(d) for d in doc.get("workdays", [])]
    row = load_national_year(
        int(doc["year"]), holidays=holidays, workdays=workdays, source=str(doc.get("source", "")), actor="cli"
    )
    step(f"已加载 {row.year} 年放假安排：{len(holidays)} 个放假日，{len(workdays)} 个调休上班日")
    return 0


def _date(value: Any) -> Any:
    import datetime as dt

    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def cmd_token(args: argparse.Namespace) -> int:
    setup_django()
    from onewindow.platform.accounts.models import User
    from onewindow.platform.accounts.services import issue_api_token
    from onewindow.platform.counties.models import County

    user = User.objects.get(username=args.user)
    county = County.objects.counties().get(code=args.county) if args.county else None
    issued = issue_api_token(user, county, args.name, actor="cli")
    print(issued.secret)
    return 0


def _in_county(code: str) -> Any:
    from onewindow.platform.core.errors import NotFound
    from onewindow.platform.core.tenancy import dangerously_in_county
    from onewindow.platform.counties.models import County

    county = County.objects.counties().filter(code=code).first()
    if county is None:
        raise NotFound(f"县 {code}", field="county")
    return dangerously_in_county(county)


def cmd_policy(args: argparse.Namespace) -> int:
    setup_django()
    from onewindow.tenants.policy import services

    if args.action == "export":
        with _in_county(args.county):
            sys.stdout.write(services.export_yaml())
        return 0
    text = Path(args.file).read_text(encoding="utf-8")
    if args.action == "validate":
        pack = services.validate_text(text, province=args.province)
        counts = "，".join(
            f"{s} {len(getattr(pack, s))}" for s in ("departments", "windows", "items", "bundles")
        )
        step(f"政策包有效：{pack.county.name} ({pack.county.code})，{counts}")
        return 0
    with _in_county(args.county):
        if args.action == "diff":
            from onewindow.tenants.policy.document import parse_pack

            changes = services.diff_against_county(parse_pack(text))
            for change in changes:
                fields = f" {', '.join(change.get('fields', []))}" if change.get("fields") else ""
                print(f"{change['change']:<9} {change['path']}{fields}")
            step(f"{len(changes)} 处变化")
            return 0
        result = services.apply_text(text, actor="cli", source=Path(args.file).name, rebase=args.rebase)
    if result.version is None:
        step("没有变化（已与政策包一致）")
    else:
        step(f"已应用为版本 v{result.version.number}，{len(result.diff)} 处变化")
    return 0


def cmd_catalog(args: argparse.Namespace) -> int:
    setup_django()
    from onewindow.platform.catalog.services import load_catalog_file

    if args.action == "load-national":
        import yaml

        from onewindow.platform.catalog.services import load_national_bundles

        entries = yaml.safe_load(Path(args.file).read_text(encoding="utf-8")) or []
        step(f"已载入国家一件事清单 {load_national_bundles(entries, actor='cli')} 项")
        return 0
    for province, count in load_catalog_file(Path(args.file), actor="cli").items():
        step(f"{province}：已载入 {count} 个省级标准事项")
    return 0


def cmd_benchmarks(args: argparse.Namespace) -> int:
    """The rollup in this process, county by county (the nightly run fans out to the workers)."""
    setup_django()
    from onewindow.platform.core.tenancy import dangerously_in_county
    from onewindow.platform.counties.models import County
    from onewindow.tenants.metrics.rollup import roll_up

    counties = County.objects.active().order_by("code")
    if args.county:
        counties = counties.filter(code__in=args.county)
    total = counties.count()
    for i, county in enumerate(counties, start=1):
        with dangerously_in_county(county):
            result = roll_up(full=args.full, actor="cli")
        step(
            f"[{i}/{total}] {county.name}（{county.code}）："
            f"{result.days} 天，{result.facts} 行，{result.seconds:.2f} 秒"
        )
    return 0


def schema_files() -> dict[Path, Any]:
    from onewindow.graphql.schemas import county_schema, platform_schema

    return {
        REPO_ROOT / "graphql" / "schema.graphql": county_schema,
        REPO_ROOT / "graphql" / "platform.graphql": platform_schema,
    }


def cmd_graphql_schema(args: argparse.Namespace) -> int:
    setup_django()
    stale = []
    for path, schema in schema_files().items():
        sdl = str(schema).strip() + "\n"
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != sdl:
                stale.append(path)
        else:
            path.write_text(sdl, encoding="utf-8")
            step(f"已写入 {path}")
    for path in stale:
        print(f"{path} 与代码不一致：运行 onewindow graphql-schema 更新", file=sys.stderr)
    return 1 if stale else 0


def cmd_manage(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onewindow.platform.project.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["onewindow manage", *args.rest])
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="onewindow", description="一窗通 OneWindow")
    sub = parser.add_subparsers(dest="command", required=True)

    up = sub.add_parser("up", help="迁移、开通种子县并启动 API、worker 和 beat")
    up.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    up.add_argument("--host", default="127.0.0.1")
    up.add_argument("--web-workers", type=int, default=2)
    up.set_defaults(func=cmd_up)

    mig = sub.add_parser("migrate", help="迁移 public、模板和有待执行迁移的县（并行）")
    mig.add_argument("--serial", action="store_true", help="逐个迁移，不并行")
    mig.set_defaults(func=cmd_migrate)

    county = sub.add_parser("county", help="县")
    csub = county.add_subparsers(dest="action", required=True)
    onboard = csub.add_parser("onboard", help="开通新县（从模板克隆）")
    onboard.add_argument("code")
    onboard.add_argument("name")
    onboard.add_argument("province")
    onboard.add_argument("--domain", action="append", default=[])
    onboard.add_argument(
        "--preset",
        help="从预设或模板开始：wushen、wenling、tongxu；与省份无关的模板 fenlingyu、zengzhi、wuchabie",
    )
    onboard.add_argument("--pack", help="或一个完整的政策包文件")
    onboard.add_argument("--admin", help="县级管理员用户名")
    csub.add_parser("list", help="列出全部县")
    cexport = csub.add_parser("export", help="把一个县（政策包 + 数据）导出为 zip 文件")
    cexport.add_argument("code")
    cexport.add_argument("--out", help="默认 county-<代码>.zip")
    cexport.add_argument(
        "--unmasked", action="store_true", help="身份证号、电话写明文（默认脱敏；每次导出都记入审计）"
    )
    county.set_defaults(func=cmd_county)

    cal = sub.add_parser("calendar", help="全国放假安排")
    calsub = cal.add_subparsers(dest="action", required=True)
    load = calsub.add_parser("load", help="从 YAML 加载某年的放假安排")
    load.add_argument("file")
    cal.set_defaults(func=cmd_calendar)

    token = sub.add_parser("token", help="API 令牌")
    tsub = token.add_subparsers(dest="action", required=True)
    create = tsub.add_parser("create", help="签发令牌（打印一次）")
    create.add_argument("user")
    create.add_argument("name")
    create.add_argument("--county", help="县代码；不给则为平台令牌")
    token.set_defaults(func=cmd_token)

    policy = sub.add_parser("policy", help="政策包：校验、应用、导出、对比")
    psub = policy.add_subparsers(dest="action", required=True)
    pv = psub.add_parser("validate", help="校验政策包文件")
    pv.add_argument("file")
    pv.add_argument("--province", help="按此省的标准目录校验认领（默认取政策包中的省份）")
    pa = psub.add_parser("apply", help="把政策包应用到一个县（全部成功或全部不变）")
    pa.add_argument("file")
    pa.add_argument("--county", required=True)
    pa.add_argument("--rebase", action="store_true", help="政策包写给别的县（如预设）：以目标县的身份应用")
    pe = psub.add_parser("export", help="把一个县的配置导出为 YAML（标准输出）")
    pe.add_argument("--county", required=True)
    pd = psub.add_parser("diff", help="应用前查看变化")
    pd.add_argument("file")
    pd.add_argument("--county", required=True)
    policy.set_defaults(func=cmd_policy)

    catalog = sub.add_parser("catalog", help="省级标准目录")
    catsub = catalog.add_subparsers(dest="action", required=True)
    catload = catsub.add_parser("load", help="从 YAML 载入（省份 → 事项列表）")
    catload.add_argument("file")
    catnat = catsub.add_parser("load-national", help="载入国家“高效办成一件事”清单（YAML 列表）")
    catnat.add_argument("file")
    catalog.set_defaults(func=cmd_catalog)

    bench = sub.add_parser("benchmarks", help="跨县对标")
    bsub = bench.add_subparsers(dest="action", required=True)
    roll = bsub.add_parser("rollup", help="各县在本县 schema 中汇总，写入省级汇总表（默认只算有变化的日子）")
    roll.add_argument("--full", action="store_true", help="全部重算")
    roll.add_argument("--county", action="append", help="只汇总此县（可重复）")
    bench.set_defaults(func=cmd_benchmarks)

    gql = sub.add_parser("graphql-schema", help="写出（或 --check 核对）提交的 SDL 文件")
    gql.add_argument("--check", action="store_true")
    gql.set_defaults(func=cmd_graphql_schema)

    manage = sub.add_parser("manage", help="Django 管理命令")
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=cmd_manage)
    return parser


def development_defaults() -> None:
    """A machine with no ``SECRET_KEY`` configured is a development machine: every command
    runs as ``onewindow up`` does there (``DEBUG`` on unless set, the data folder's development
    key, the embedded servers). With ``SECRET_KEY`` set nothing changes."""
    if not os.environ.get("SECRET_KEY"):
        os.environ.setdefault("DEBUG", "1")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    development_defaults()
    from django.core.exceptions import ImproperlyConfigured

    from onewindow.platform.core.errors import BusinessError

    try:
        code: int = args.func(args)
    except ImproperlyConfigured as exc:
        print(f"配置错误: {exc}", file=sys.stderr)
        return 2
    except BusinessError as exc:
        for detail in exc.details:
            where = f" [{detail.field}]" if detail.field else ""
            print(f"错误 {detail.code}{where}: {detail.message}", file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":
    sys.exit(main())
