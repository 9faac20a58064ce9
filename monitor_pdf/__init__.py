"""monitor-pdf: factsheets of the Monitor Integriteit en Veiligheid as two-page A4 PDFs.

The package is a one-way pipeline (see pipeline.py):
data (pandas) -> model -> wording -> charts (matplotlib) -> layout/render (reportlab),
with cli.py (click) as a thin adapter on top.
"""

__version__ = "0.1.0"
