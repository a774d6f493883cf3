"""Tests of summarizer.models."""
