"""Page-level visual regression: reference PNGs of every page of every bundled
factsheet (tests/visual/reference/), the renderer that makes them (pages.py),
and `python -m tests.visual.refresh` (make visual-refresh) that rewrites them."""
