"""Benchmarks of summarizer: ROUGE against published systems and peer libraries, faithfulness,
scaling and throughput. Not part of the installed package; run from a checkout.

Entry points (each ``python benchmarks/NAME.py --help``): ``run`` (ROUGE comparison),
``faithfulness`` (disagreement injection), ``scale`` (time and memory against input size) and
``throughput`` (embedding backends, batch API, cold start, Ray).

Shared modules: ``data`` (the bench files), ``scoring`` (ROUGE conventions, budgets, the
oracle), ``systems`` (sumy's algorithms), ``comparison`` (one ROUGE run and its report),
``scaling`` and ``growth`` (one measured size, and how sizes compare), ``environment``
(versions, commit, machine), ``tables`` (Markdown tables) and ``plotting``.
"""
