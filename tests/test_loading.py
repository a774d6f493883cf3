"""summarizer.loading: a name is read as a local path or a hub id, and every load error says which."""

from __future__ import annotations

import os

import pytest

from summarizer import ModelLoadError, loading
from summarizer.loading import HUB_ID, LOCAL_PATH, load_error, read_model_name


def test_an_existing_path_is_read_as_a_local_path_and_anything_else_as_a_hub_id(tmp_path, monkeypatch):
    folder = tmp_path / "model"
    folder.mkdir()
    local = read_model_name(folder)
    assert (local.read_as, local.location, local.is_local) == (LOCAL_PATH, str(folder), True)
    monkeypatch.setenv("HOME", str(tmp_path))
    home = read_model_name("~/model")  # expanded before it is looked up
    assert home.is_local and home.location == str(folder) and home.name == "~/model"
    hub = read_model_name("org/model")
    assert (hub.read_as, hub.location, hub.is_local) == (HUB_ID, "org/model", False)


def test_a_load_error_says_what_how_it_was_read_why_and_the_fix():
    error = load_error("the rewrite model", "org/model", HUB_ID, "404 Client Error.\nNot Found.", "Check the name.")
    assert isinstance(error, ModelLoadError)
    assert str(error) == (
        "Could not load the rewrite model 'org/model', read as a Hugging Face hub id (no such local path exists): "
        "404 Client Error. Not Found. Check the name."
    )


def test_hub_offline_skips_the_probe(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setattr(loading, "HUB_TIMEOUT", 0.0)
    loading.check_hub("some-org/some-model")  # returns at once: nothing to probe


def test_hub_timeouts_are_bounded_unless_the_user_set_them(monkeypatch):
    monkeypatch.setenv("HF_HUB_ETAG_TIMEOUT", "")  # so that the value set below is undone after the test
    monkeypatch.delenv("HF_HUB_ETAG_TIMEOUT")
    monkeypatch.setenv("HF_HUB_DOWNLOAD_TIMEOUT", "99")
    loading.bound_hub_timeouts()
    assert os.environ["HF_HUB_ETAG_TIMEOUT"] == str(int(loading.HUB_TIMEOUT))
    assert os.environ["HF_HUB_DOWNLOAD_TIMEOUT"] == "99"


@pytest.mark.parametrize("value", ["1", "true", "YES", " on "])
def test_hub_offline_values(monkeypatch, value):
    monkeypatch.setenv("HF_HUB_OFFLINE", value)
    assert loading.hub_is_offline()
