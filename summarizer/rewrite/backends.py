"""Rewrite backends: GGUF files on llama.cpp (the default) and Hugging Face models on transformers.

Both load on the first :meth:`~Rewriter.rewrite`, decode greedily (the same sources always
give the same sentence) and clean what the model wrote with
:func:`~summarizer.rewrite.prompt.clean_output`. :func:`load_rewriter` picks one from a
model name or path.

>>> load_rewriter("path/to/folder")  # doctest: +ELLIPSIS
<summarizer.rewrite.backends.TransformersRewriter object at ...>
"""

from __future__ import annotations

import atexit
import importlib.util
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from summarizer.errors import InputError, MissingDependencyError
from summarizer.loading import LOCAL_PATH, load_error, read_model_name
from summarizer.rewrite.prompt import build_messages, clean_output, token_budget
from summarizer.rewrite.threads import default_threads
from summarizer.validation import check_choice

logger = logging.getLogger(__name__)

#: The rewrite model used when none is named (a manifest name; see ``python -m summarizer.models list``).
DEFAULT_REWRITE_MODEL = "qwen2.5-coder-1.5b"
#: The backends :func:`load_rewriter` can run a model on.
REWRITE_BACKENDS = ("llama.cpp", "transformers")
_MODELS_HINT = "Give an existing .gguf file or an installed model name (python -m summarizer.models list)."


@runtime_checkable
class Rewriter(Protocol):
    """Anything that turns a cluster's source sentences (representative first) into one sentence."""

    def rewrite(self, sources: Sequence[str]) -> str: ...


class LlamaCppRewriter:
    """A GGUF model run by llama-cpp-python, loaded on first use; greedy decoding.

    ``n_threads=None`` picks :func:`~summarizer.rewrite.threads.default_threads` when the model
    loads. ``n_ctx`` is small: the prompt holds at most
    :data:`~summarizer.rewrite.prompt.MAX_SOURCES` sentences of
    :data:`~summarizer.rewrite.prompt.MAX_SOURCE_WORDS` words.

    >>> r = LlamaCppRewriter("model.gguf")  # nothing loads yet
    >>> r.path.name, r.n_ctx
    ('model.gguf', 1024)
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        n_ctx: int = 1024,
        n_threads: int | None = None,
        max_tokens: int = 160,
    ) -> None:
        self.path = Path(path)
        self.n_ctx = n_ctx
        self.n_threads = n_threads
        self.max_tokens = max_tokens
        self.threads: int | None = None  # the threads llama.cpp got, set on load
        self._llm: Any = None

    def _load(self) -> Any:
        try:
            from llama_cpp import Llama
        except ImportError:
            raise MissingDependencyError("llama-cpp-python", "rewrite", "Rewriting with a GGUF model") from None
        if not self.path.is_file():
            raise load_error("the GGUF model", self.path, LOCAL_PATH, "no such file", _MODELS_HINT)
        self.threads = self.n_threads or default_threads()
        logger.info("Loading %s with llama.cpp on %d thread(s)", self.path, self.threads)
        try:
            llm = Llama(
                model_path=str(self.path),
                n_ctx=self.n_ctx,
                n_threads=self.threads,
                seed=0,
                verbose=False,
            )
        except Exception as err:  # llama.cpp reports every load failure as ValueError/RuntimeError
            raise load_error(
                "the GGUF model",
                self.path,
                LOCAL_PATH,
                err,
                "Check that the file is a complete GGUF (python -m summarizer.models install NAME "
                "verifies the sha256).",
            ) from err
        # Free the model before interpreter shutdown; llama-cpp-python's __del__ fails after it.
        atexit.register(getattr(llm, "close", lambda: None))
        return llm

    def rewrite(self, sources: Sequence[str]) -> str:
        """One neutral sentence fusing ``sources``; empty when the model wrote nothing usable."""
        messages = build_messages(sources)
        if self._llm is None:
            self._llm = self._load()
        response = self._llm.create_chat_completion(
            messages=messages,
            temperature=0.0,
            top_k=1,
            top_p=1.0,
            max_tokens=token_budget(sources, self.max_tokens),
            stop=["\n\n"],
            seed=0,
        )
        return clean_output(response["choices"][0]["message"]["content"] or "")


class TransformersRewriter:
    """A Hugging Face causal LM (with a chat template) or seq2seq model, loaded on first use.

    ``name_or_path`` is a local folder or ``.gguf`` file when it exists, otherwise a hub id.
    Decoding is greedy, so the same sources always give the same sentence.

    >>> r = TransformersRewriter("path/or/hub-id")  # nothing loads yet
    >>> r.name_or_path
    'path/or/hub-id'
    """

    def __init__(self, name_or_path: str | os.PathLike[str], *, max_new_tokens: int = 160) -> None:
        self.name_or_path = str(name_or_path)
        self.max_new_tokens = max_new_tokens
        self._model: Any = None
        self._tokenizer: Any = None
        self._seq2seq = False

    def _load(self) -> None:
        from transformers import AutoConfig, AutoModelForCausalLM, AutoModelForSeq2SeqLM, AutoTokenizer

        name = read_model_name(self.name_or_path)
        location, read_as, kwargs = name.location, name.read_as, {}
        path = Path(location)
        if name.is_local and path.is_file() and path.suffix == ".gguf":
            for package in ("gguf", "accelerate"):
                if importlib.util.find_spec(package) is None:
                    raise MissingDependencyError(package, "gguf", "Loading a GGUF file with transformers")
            read_as = "a local GGUF file (dequantized by transformers)"
            location, kwargs = str(path.parent), {"gguf_file": path.name}
        try:
            config = AutoConfig.from_pretrained(location, **kwargs)
            self._seq2seq = bool(getattr(config, "is_encoder_decoder", False))
            model_class = AutoModelForSeq2SeqLM if self._seq2seq else AutoModelForCausalLM
            tokenizer = AutoTokenizer.from_pretrained(location, **kwargs)
            model = model_class.from_pretrained(location, **kwargs)
        except Exception as err:  # the hub client, safetensors and torch raise many unrelated types
            raise load_error(
                "the rewrite model",
                self.name_or_path,
                read_as,
                err,
                "Give an existing model folder, a reachable hub id, or an installed model name "
                "(python -m summarizer.models list).",
            ) from err
        if not self._seq2seq and not getattr(tokenizer, "chat_template", None):
            raise load_error(
                "the rewrite model",
                self.name_or_path,
                read_as,
                "it is a causal LM without a chat template",
                "Use an instruction-tuned model that has one.",
            )
        model.eval()
        self._model, self._tokenizer = model, tokenizer

    def rewrite(self, sources: Sequence[str]) -> str:
        """One neutral sentence fusing ``sources``; empty when the model wrote nothing usable."""
        import torch

        messages = build_messages(sources)
        if self._model is None:
            self._load()
        tokenizer, model = self._tokenizer, self._model
        if self._seq2seq:
            prompt = messages[0]["content"] + "\n\n" + messages[1]["content"]
            inputs = tokenizer(prompt, return_tensors="pt", truncation=True)
        else:
            inputs = tokenizer.apply_chat_template(
                messages, add_generation_prompt=True, return_tensors="pt", return_dict=True
            )
        pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
        with torch.inference_mode():
            output = model.generate(
                **inputs,
                do_sample=False,
                num_beams=1,
                max_new_tokens=token_budget(sources, self.max_new_tokens),
                pad_token_id=pad,
            )
        tokens = output[0] if self._seq2seq else output[0, inputs["input_ids"].shape[1] :]
        return clean_output(tokenizer.decode(tokens, skip_special_tokens=True))


def load_rewriter(name_or_path: str | None = None, *, backend: str | None = None) -> Rewriter:
    """The rewriter for a manifest name, a ``.gguf`` file, or a transformers model.

    - ``None``: the default model :data:`DEFAULT_REWRITE_MODEL`;
    - a rewrite model of the manifest (e.g. ``"qwen2.5-coder-0.5b"``): its installed GGUF,
      checked against the manifest's sha256, run by llama.cpp (measured faster than
      transformers on CPU);
    - a path ending in ``.gguf``: that file, run by llama.cpp (checked too when it is a
      manifest model's file in the cache);
    - anything else: a transformers model folder or hub id.

    ``backend`` (``"llama.cpp"`` or ``"transformers"``) overrides the choice for GGUF files.
    Nothing is loaded until the first :meth:`Rewriter.rewrite`, but a model that is not
    installed or damaged, or a missing llama-cpp-python, raise here.
    """
    from summarizer import models

    check_choice("backend", backend, REWRITE_BACKENDS, "load_rewriter", allow_none=True)
    name = DEFAULT_REWRITE_MODEL if name_or_path is None else str(name_or_path)
    known = {spec.name: spec for spec in models.list_models()}
    if name in known:
        if known[name].role != "rewrite":
            rewrite_models = [n for n, s in known.items() if s.role == "rewrite"]
            raise InputError(f"{name!r} is an embedding model, not a rewrite model; use one of {rewrite_models}.")
        path = models.model_path(name)
    elif name.lower().endswith(".gguf"):
        path = Path(name).expanduser()
        if not path.is_file():
            raise load_error("the GGUF model", name, LOCAL_PATH, "no such file", _MODELS_HINT)
        models.verify_if_known(path)
    else:
        if backend == "llama.cpp":
            raise InputError(f"The llama.cpp backend needs a .gguf file or a manifest name. Got {name!r}.")
        return TransformersRewriter(name)
    if backend == "transformers":
        return TransformersRewriter(path)
    if importlib.util.find_spec("llama_cpp") is None:
        raise MissingDependencyError("llama-cpp-python", "rewrite", "Rewriting with a GGUF model")
    return LlamaCppRewriter(path)
