"""Tests of summarizer.cli."""
