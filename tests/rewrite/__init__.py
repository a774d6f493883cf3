"""Tests of summarizer.rewrite."""
