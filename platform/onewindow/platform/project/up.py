"""``onewindow up``: migrate, make sure the seed counties and the demo user exist, then run the
API (gunicorn), a Celery worker and Celery beat until Ctrl-C."""

from __future__ import annotations

import argparse
import contextlib
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
    from onewindow.platform.accounts.models import Membership

    # one query for the counties the demo user is in already: with hundreds, not one per county
    member_of = set(
        Membership.objects.filter(user=demo, county__isnull=False)
        .exclude(roles=[])
        .values_list("county_id", flat=True)
    )
    for county in County.objects.counties().exclude(pk__in=member_of):
        grant_membership(demo, county, [Role.COUNTY_ADMIN, Role.CENTRE_MANAGER], actor="onewindow up")


def cmd_up(args: argparse.Namespace) -> int:
    os.environ.setdefault("DEBUG", "1")
    data_dir = Path(os.environ.setdefault("ONEWINDOW_DATA_DIR", ".onewindow")).resolve()
    os.environ["ONEWINDOW_DATA_DIR"] = str(data_dir)
    step(f"数据目录: {data_dir}")
    if not os.environ.get("DATABASE_URL"):
        from onewindow.platform.project import embedded

        def on(name: str) -> bool:
            return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}

        if not on("DEBUG") and not on("ONEWINDOW_EMBEDDED_DATABASE"):
            from django.core.exceptions import ImproperlyConfigured

            raise ImproperlyConfigured(
                "DEBUG 已关闭且未设置 DATABASE_URL：请设置 DATABASE_URL，或设置 "
                "ONEWINDOW_EMBEDDED_DATABASE=1 明确使用内置 PostgreSQL（数据只在数据目录中）"
            )

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
                *_control_socket(data_dir),
            ],
        ),
        (
            "worker",
            [
                python,
                *_root_warning_off(),
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
    from onewindow.platform.project import embedded

    return supervise(
        children, banner=_banner(base), watchdog=Watchdog(owns_postgres=embedded.owns_postgres())
    )


def _control_socket(data_dir: Path) -> list[str]:
    """gunicorn's control socket in the data folder (its default is ~/.gunicorn), or none when
    the path is too long for a Unix socket."""
    path = data_dir / "gunicorn.ctl"
    if len(str(path)) > 100:
        return ["--no-control-socket"]
    return ["--control-socket", str(path)]


def _root_warning_off() -> list[str]:
    """Run as root (a container's or CI's default user), Celery warns at every start. The tasks
    take JSON only (never pickle), which is when Celery allows root; the image runs as the
    unprivileged user ``onewindow``. So under root, and only then, the warning is switched
    off deliberately, and said once here."""
    if os.geteuid() != 0:
        return []
    step("以 root 运行：Celery 的超级用户警告已有意关闭（任务只接受 JSON；生产镜像以用户 onewindow 运行）")
    return ["-W", "ignore:You're running the worker with superuser privileges"]


BANNER_COUNTIES = 10  # the banner lists the first few counties, not hundreds


def _banner(base: str) -> str:
    from onewindow.platform.counties.models import County

    lines = [
        "",
        "一窗通 OneWindow 已启动",
        f"  健康检查      {base}/healthz   {base}/readyz",
        f"  省级平台 API  {base}/graphql",
    ]
    total = County.objects.counties().count()
    counties = list(County.objects.counties().order_by("code")[:BANNER_COUNTIES])
    for county in counties:
        lines.append(f"  {county.name:<6} API  {base}/c/{county.code}/graphql")
    lines += [
        f"  登录页面      {base}/accounts/login/（登录后选择县）",
        *(f"  {c.name:<6} 工作台 {base}/c/{c.code}/   办事指南 {base}/c/{c.code}/guide/" for c in counties),
        *([f"  另有 {total - len(counties)} 个县：{base}/c/<代码>/"] if total > len(counties) else []),
        f"  演示账号      {DEMO_USER} / {DEMO_PASSWORD}（省级运营 + 三县管理员）",
        "  按 Ctrl-C 停止全部进程",
        "",
    ]
    return "\n".join(lines)


RESTARTS_ALLOWED = 5  # per child within RESTART_WINDOW; past that `up` gives up (exit 1)
RESTART_WINDOW = 600.0
POSTGRES_RESTART_ATTEMPTS = 10  # two seconds apart; then `up` exits 1 for its supervisor


class Child:
    """One supervised process, the leader of its own process group."""

    def __init__(self, name: str, argv: list[str]) -> None:
        self.name = name
        self.argv = argv
        self.proc: subprocess.Popen[bytes] | None = None
        self.started = 0.0
        self.restarts: list[float] = []

    def start(self) -> None:
        # Each child leads its own process group: a Ctrl-C (SIGINT to the terminal's group)
        # reaches only us, and we stop each child once, in order, instead of every process
        # of every child being hit at once (which leaves Celery's pool half-dead).
        self.proc = subprocess.Popen(self.argv, process_group=0)
        self.started = time.monotonic()
        step(f"已启动 {self.name} (pid {self.proc.pid})")

    def kill_group(self, grace: float = 5.0) -> None:
        """SIGTERM to the whole group (master and pool), SIGKILL what is left after ``grace``."""
        assert self.proc is not None
        for sig in (signal.SIGTERM, signal.SIGKILL):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, sig)
            try:
                self.proc.wait(timeout=grace)
                break
            except subprocess.TimeoutExpired:
                continue
        self.proc.wait()
        # pool children that outlived their master (a hung Celery's) go with the group
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)

    def may_restart(self) -> bool:
        now = time.monotonic()
        self.restarts = [t for t in self.restarts if now - t < RESTART_WINDOW]
        if len(self.restarts) >= RESTARTS_ALLOWED:
            return False
        self.restarts.append(now)
        return True


class Watchdog:
    """What `up` checks between polls: the embedded PostgreSQL it owns, and the worker's heartbeat.

    - PostgreSQL dead → started again on the same data folder (same socket, so every child's
      ``DATABASE_URL`` still works); after ``POSTGRES_RESTART_ATTEMPTS`` failures `up` stops
      everything and exits 1, for a supervisor (systemd, a container runtime) to restart it.
    - No worker heartbeat for ``WORKER_STALL_SECONDS`` while the database was up → the worker
      (master and pool) is killed and started again.
    """

    def __init__(self, *, owns_postgres: bool) -> None:
        self.owns_postgres = owns_postgres
        self.database_up_since = time.monotonic()
        self.last_heartbeat_check = 0.0

    def postgres(self) -> bool:
        """True when the database is usable (or not ours to watch); False when `up` must give up."""
        from onewindow.platform.project import embedded

        if not self.owns_postgres or embedded.postgres_running():
            return True
        step("内置 PostgreSQL 已停止，正在重启 …")
        started = time.monotonic()
        for attempt in range(1, POSTGRES_RESTART_ATTEMPTS + 1):
            try:
                embedded.restart_postgres()
            except Exception as exc:  # backends of the dead server may still hold its memory
                step(f"重启内置 PostgreSQL 失败（第 {attempt} 次）：{type(exc).__name__}")
                time.sleep(2.0)
                continue
            self.database_up_since = time.monotonic()
            step(f"内置 PostgreSQL 已重启（{time.monotonic() - started:.1f}s）")
            return True
        step("内置 PostgreSQL 无法重启：停止全部进程，退出状态 1")
        return False

    def worker_stalled(self, worker: Child) -> float | None:
        """The heartbeat's age when the worker is stuck, None otherwise (checked every 5 s)."""
        from django.conf import settings
        from django.db import connection

        from onewindow.platform.project.heartbeat import heartbeat_age

        now = time.monotonic()
        if now - self.last_heartbeat_check < 5.0:
            return None
        self.last_heartbeat_check = now
        limit = settings.WORKER_STALL_SECONDS
        if now - worker.started < limit or now - self.database_up_since < limit:
            return None  # a worker just started, or a database just back, has had no chance
        try:
            age = heartbeat_age()
            if age is None and now - worker.started < 2 * limit:
                return None  # the first heartbeat waits for beat's first round too
        except Exception:
            connection.close()
            self.database_up_since = time.monotonic()  # the database is away: not the worker's fault
            return None
        if age is not None and age <= limit:
            return None
        return age if age is not None else now - worker.started


def supervise(
    children: Sequence[tuple[str, list[str]]],
    *,
    banner: str = "",
    grace: float = 15.0,
    watchdog: Watchdog | None = None,
) -> int:
    """Run the children until Ctrl-C / SIGTERM; restart one that dies or (the worker) hangs.

    A child that dies more than ``RESTARTS_ALLOWED`` times in ``RESTART_WINDOW`` seconds, or
    an embedded PostgreSQL that cannot be restarted, stops everything with exit status 1.
    """
    stopping = {"signal": 0}

    def on_signal(signum: int, _frame: Any) -> None:
        stopping["signal"] = signum

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    procs = [Child(name, argv) for name, argv in children]
    for child in procs:
        child.start()
    if banner:
        print(banner, flush=True)
    exit_code = 0
    try:
        while not stopping["signal"]:
            if watchdog is not None and not watchdog.postgres():
                exit_code = 1
                break
            for child in procs:
                assert child.proc is not None
                if child.proc.poll() is not None:
                    if not child.may_restart():
                        step(f"{child.name} 反复退出（状态 {child.proc.returncode}），正在停止其余进程")
                        stopping["signal"] = -1
                        exit_code = 1
                        break
                    step(f"{child.name} 意外退出（状态 {child.proc.returncode}），正在重启")
                    child.kill_group(grace=1.0)
                    child.start()
                elif watchdog is not None and child.name == "worker":
                    age = watchdog.worker_stalled(child)
                    if age is not None:
                        step(f"worker 已 {age:.0f}s 没有心跳（进程池可能卡住），正在重启")
                        child.kill_group()
                        child.start()
            time.sleep(0.3)
    finally:
        step("正在停止 …")
        for child in procs:
            if child.proc is not None and child.proc.poll() is None:
                child.proc.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + grace
        for child in procs:
            if child.proc is None:
                continue
            try:
                child.proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                step(f"{child.name} 未在 {grace:.0f}s 内退出，强制结束")
                child.kill_group(grace=1.0)
        from onewindow.platform.project import embedded

        embedded.stop_postgres()
        step("已全部停止")
    return exit_code
