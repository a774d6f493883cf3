"""Tests of summarizer.facts."""
