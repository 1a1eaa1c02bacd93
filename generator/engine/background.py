"""One function run in a forked process while this one goes on (the site builds while documents print).

The child inherits everything already loaded (the project, imported modules),
so nothing is read twice. Its log messages are held back and shown by the
parent when it collects the result, so they do not cut through the progress
bar; an exception in the child is raised again in the parent. The child dies
with the parent: a killed build leaves no orphan writing files.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import pickle
import signal
import traceback
from typing import Any, Callable


PR_SET_PDEATHSIG = 1
CAN_FORK = "fork" in multiprocessing.get_all_start_methods()  # not on Windows: work in-process there


class BackgroundFailed(RuntimeError):
    """The child failed in a way that could not be sent back as its own exception."""


class Background:
    def __init__(self, function: Callable[..., Any], *args: Any, **kwargs: Any):
        if not CAN_FORK:  # Windows: no fork, so the work is done here and now, one thing after the other
            self._process = None
            try:
                self._done: tuple = ("ok", function(*args, **kwargs))
            except Exception as error:
                self._done = ("error", error)
            return
        context = multiprocessing.get_context("fork")
        self._results, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=_child, args=(sender, os.getpid(), function, args, kwargs),
                                        daemon=False)
        self._process.start()
        sender.close()

    def result(self) -> Any:
        """Wait for the child; its return value, or its exception raised here."""
        if self._process is None:
            outcome, value = self._done
            if outcome == "error":
                raise value
            return value
        try:
            outcome, value, messages = self._results.recv()
        except EOFError:
            self._process.join()
            raise BackgroundFailed(f"background process ended without a result (exit code {self._process.exitcode})")
        finally:
            self._results.close()
        self._process.join()
        for name, level, message in messages:
            logging.getLogger(name).log(level, message)
        if outcome == "error":
            raise value
        return value

    def cancel(self) -> None:
        """Stop the child (this build is failing anyway)."""
        if self._process is None:
            return
        if self._process.is_alive():
            self._process.kill()
        self._process.join()
        self._results.close()


class _Held(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append((record.name, record.levelno, record.getMessage()))


def _child(sender, parent: int, function: Callable[..., Any], args: tuple, kwargs: dict) -> None:
    die_with(parent)
    held = _Held()
    logging.root.handlers = [held]
    try:
        reply: tuple = ("ok", function(*args, **kwargs), held.messages)
    except BaseException as error:  # sent back and raised again in the parent
        reply = ("error", error, held.messages)
    try:
        sender.send(reply)
    except (pickle.PicklingError, TypeError, AttributeError):
        text = "".join(traceback.format_exception(reply[1])) if reply[0] == "error" else repr(reply[1])
        sender.send(("error", BackgroundFailed(text), held.messages))
    sender.close()


def die_with(parent: int) -> None:
    """Ask Linux to kill this process when its parent dies; elsewhere the parent's cancel() has to do."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)
