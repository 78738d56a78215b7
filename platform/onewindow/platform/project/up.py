"""``onewindow up``: migrate, make sure the seed counties and the demo user exist, then run the
API (gunicorn), a Celery worker and Celery beat until Ctrl-C."""

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

from onewindow.platform.project.bootstrap import describe_backends, setup_django, step

DEMO_USER = "demo"
DEMO_PASSWORD = "onewindow-demo"


def prepare(progress: Any = step) -> None:
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
    from onewindow.platform.core.tenancy import dangerously_in_county
    from onewindow.tenants.demo import seed_demo_cases

    for county in County.objects.counties().filter(code__in=[c for c, _n, _p in SEED_COUNTIES]):
        started = time.monotonic()
        with dangerously_in_county(county):
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
    step(f"数据目录: {data_dir}")
    if not os.environ.get("DATABASE_URL"):
        from onewindow.platform.project import embedded

        step("未设置 DATABASE_URL：启动内置 PostgreSQL …")
        started = time.monotonic()
        os.environ["DATABASE_URL"] = embedded.postgres_url()
        os.environ["ONEWINDOW_EMBEDDED_DATABASE"] = "1"
        step(f"内置 PostgreSQL 已就绪（{time.monotonic() - started:.1f}s）")
    setup_django()
    describe_backends()
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
                "onewindow.platform.project.wsgi:application",
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
                "onewindow.platform.project.celery_app",
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
            [
                python,
                "-m",
                "celery",
                "-A",
                "onewindow.platform.project.celery_app",
                "beat",
                "--loglevel",
                "INFO",
            ],
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
    counties = list(County.objects.counties().order_by("code"))
    for county in counties:
        lines.append(f"  {county.name:<6} API  {base}/c/{county.code}/graphql")
    lines += [
        f"  登录页面      {base}/accounts/login/（登录后选择县）",
        *(f"  {c.name:<6} 工作台 {base}/c/{c.code}/   办事指南 {base}/c/{c.code}/guide/" for c in counties),
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
        step(f"已启动 {name} (pid {procs[-1][1].pid})")
    if banner:
        print(banner, flush=True)
    exit_code = 0
    try:
        while not stopping["signal"]:
            for name, proc in procs:
                if proc.poll() is not None:
                    step(f"{name} 意外退出（状态 {proc.returncode}），正在停止其余进程")
                    stopping["signal"] = -1
                    exit_code = 1
                    break
            time.sleep(0.3)
    finally:
        step("正在停止 …")
        for _name, proc in procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + grace
        for name, proc in procs:
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                step(f"{name} 未在 {grace:.0f}s 内退出，强制结束")
                proc.kill()
                proc.wait()
        from onewindow.platform.project import embedded

        embedded.stop_postgres()
        step("已全部停止")
    return exit_code
