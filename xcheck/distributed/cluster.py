"""Connecting to Ray: a local instance of its own, or a running cluster; tasks with a time limit."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from ..errors import ClusterError, UsageError, XcheckError

LOCAL = "local"  # start a Ray instance of our own on this machine, stopped at the end
AUTO = "auto"  # join the cluster that `ray start` runs on this machine
TIMEOUT_ENV = "XCHECK_RAY_TIMEOUT"
DEFAULT_TIMEOUT = 1800.0  # seconds one task's result may take (a model load plus a batch on a slow node)
# The workers load the model from their own install (the bundled package), never from a hub.
WORKER_ENV = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
TASK_RETRIES = 3  # a task whose worker died runs again, up to this many times


def require_ray() -> Any:
    """The ``ray`` module, or a usage error that says how to install it."""
    try:
        import ray
    except ImportError:
        raise UsageError(
            "Ray is not installed; install xcheck with the extra `ray` (pip install 'xcheck[ray]')",
            param="ray",
        ) from None
    return ray


def task_timeout() -> float:
    raw = os.environ.get(TIMEOUT_ENV)
    if not raw:
        return DEFAULT_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        raise UsageError(f"{TIMEOUT_ENV} must be a number of seconds, got {raw!r}") from None
    if value <= 0:
        raise UsageError(f"{TIMEOUT_ENV} must be a positive number of seconds, got {raw!r}")
    return value


@contextmanager
def connect(address: str | None = None, *, num_cpus: int | None = None) -> Iterator[Any]:
    """Ray, ready for tasks.

    ``None`` or ``"local"`` starts a local instance (``num_cpus`` CPUs, default all), shut down at the
    end; ``"auto"`` joins the cluster started with ``ray start`` on this machine, an address
    (``host:port``, ``ray://host:10001``) a remote one; a joined cluster is left running. A Ray already
    initialised in this process (a test's, a notebook's) is used as it is and left running.
    """
    ray = require_ray()
    if ray.is_initialized():
        yield ray
        return
    target = address or LOCAL
    options: dict[str, Any] = {
        "log_to_driver": False,  # workers' logs stay in Ray's session folder, not on our stderr
        "logging_level": logging.ERROR,
        "runtime_env": {"env_vars": dict(WORKER_ENV)},
    }
    if target == LOCAL:
        options.update(num_cpus=num_cpus, include_dashboard=False)
    elif num_cpus is not None:
        raise UsageError("the number of CPUs is the cluster's own when joining one", param="ray_address")
    try:
        ray.init(address=target, **options)
    except (ConnectionError, RuntimeError, ValueError, OSError) as exc:
        cause = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        hint = "" if target == LOCAL else "; start one with `ray start --head`, or use --ray-address local"
        raise ClusterError(f"cannot start or reach Ray at {target}: {cause}{hint}") from None
    try:
        yield ray
    finally:
        ray.shutdown()


def remote(ray: Any, func: Callable[..., Any], **options: Any) -> Any:
    """``func`` as a Ray task that is retried when its worker dies (never when it raises)."""
    return ray.remote(max_retries=TASK_RETRIES, retry_exceptions=False, **options)(func)


def get(ray: Any, refs: Any, timeout: float | None = None) -> Any:
    """``ray.get`` with a time limit; a failed task is one ``XcheckError`` (its own, if it raised one)."""
    wait = task_timeout() if timeout is None else timeout
    try:
        return ray.get(refs, timeout=wait)
    except ray.exceptions.GetTimeoutError:
        raise ClusterError(
            f"no result from the Ray cluster within {wait:g} s (set {TIMEOUT_ENV} to wait longer)"
        ) from None
    except ray.exceptions.RayTaskError as exc:
        cause = exc.cause if isinstance(getattr(exc, "cause", None), BaseException) else None
        if isinstance(cause, XcheckError):
            raise cause from None
        first = (str(cause or exc).strip().splitlines() or [type(exc).__name__])[-1]
        raise ClusterError(f"a task on the Ray cluster failed: {first}") from None
    except ray.exceptions.RayError as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise ClusterError(f"the Ray cluster failed: {first}") from None


def ready(ray: Any, refs: Sequence[Any]) -> bool:
    """Whether every one of ``refs`` has its result (without waiting)."""
    if not refs:
        return True
    done, _ = ray.wait(list(refs), num_returns=len(refs), timeout=0, fetch_local=False)
    return len(done) == len(refs)
