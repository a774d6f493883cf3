"""How a model name is read, the one error a failed load raises, and the hub reachability probe.

A name is read as a local path when that path exists, otherwise as a Hugging Face hub id
(the rule sentence-transformers follows); every loading error says which of the two it was,
so "no such folder" and "no such hub model" are never confused.

>>> read_model_name("no-such-user/no-such-model").read_as
'a Hugging Face hub id (no such local path exists)'
>>> print(load_error("the rewrite model", "org/model", HUB_ID, "404 Not Found.", "Check the spelling."))
Could not load the rewrite model 'org/model', read as a Hugging Face hub id (no such local path exists): \
404 Not Found. Check the spelling.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

from summarizer.errors import ModelLoadError

#: How a name that is an existing path was read.
LOCAL_PATH = "a local path"
#: How any other name was read.
HUB_ID = "a Hugging Face hub id (no such local path exists)"
#: Seconds the Hugging Face hub gets to answer before a hub id is reported unreachable.
HUB_TIMEOUT = 10.0


@dataclass(frozen=True)
class ModelName:
    """A model name as given, what to load (the expanded path, or the hub id) and how it was read."""

    name: str
    location: str
    read_as: str

    @property
    def is_local(self) -> bool:
        return self.read_as == LOCAL_PATH


def read_model_name(name: str | os.PathLike[str]) -> ModelName:
    """Read ``name`` as a local path when it exists, else as a Hugging Face hub id."""
    path = Path(name).expanduser()
    if path.exists():
        return ModelName(os.fspath(name), str(path), LOCAL_PATH)
    return ModelName(os.fspath(name), os.fspath(name), HUB_ID)


def load_error(what: str, name: object, read_as: str, reason: object, fix: str) -> ModelLoadError:
    """The error for a model that could not be loaded: what, the name, how it was read, why, and the fix."""
    why = " ".join(str(reason).split()).rstrip(".")
    return ModelLoadError(f"Could not load {what} {str(name)!r}, read as {read_as}: {why}. {fix}")


def hub_is_offline() -> bool:
    """Whether ``HF_HUB_OFFLINE`` asks never to contact the hub."""
    return os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on")


def bound_hub_timeouts() -> None:
    """Set huggingface_hub's per-request timeouts (read when it is first imported), unless the user set them."""
    os.environ.setdefault("HF_HUB_ETAG_TIMEOUT", str(int(HUB_TIMEOUT)))
    os.environ.setdefault("HF_HUB_DOWNLOAD_TIMEOUT", str(int(HUB_TIMEOUT)))


def check_hub(model_id: str, *, timeout: float | None = None, flag: str = "--model") -> None:
    """Fail within about ``timeout`` seconds when ``model_id`` cannot be reached on the Hugging Face hub.

    Skipped when ``HF_HUB_OFFLINE`` is set. The probe runs in a daemon thread, so even a
    server that accepts the connection and never answers cannot hold the caller longer.
    ``flag`` names the option the id came from in the messages.
    """
    if hub_is_offline():
        return
    timeout = HUB_TIMEOUT if timeout is None else timeout
    outcome: dict[str, BaseException] = {}

    def probe() -> None:
        try:
            from huggingface_hub import HfApi

            HfApi().model_info(model_id, timeout=timeout)
        except BaseException as err:  # reported to the caller's thread below
            outcome["error"] = err

    thread = threading.Thread(target=probe, name="hub-probe", daemon=True)
    thread.start()
    thread.join(timeout + 2)
    offline = "set HF_HUB_OFFLINE=1 to use a model already in the local cache, or give a local model folder"
    read_as = f"{flag} {model_id!r} was read as {HUB_ID}"
    if thread.is_alive():
        raise ModelLoadError(
            f"{read_as}, and the hub did not answer within {timeout:g} s; check the network, or {offline}."
        )
    err = outcome.get("error")
    if err is None:
        return
    kind = type(err).__name__
    if kind in ("RepositoryNotFoundError", "HFValidationError"):
        raise ModelLoadError(
            f"{flag} {model_id!r} is neither a local path nor a model on the Hugging Face hub; "
            "check the spelling or give a local model folder."
        )
    if kind == "GatedRepoError":
        raise ModelLoadError(f"{flag} {model_id!r} is a gated hub model; log in with `hf auth login` first.")
    reason = " ".join(str(err).split())[:200]
    raise ModelLoadError(
        f"{read_as}, and the hub could not be reached ({kind}: {reason}); check the network, or {offline}."
    )
