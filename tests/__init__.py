"""Tests of summarizer, laid out as the package is."""
