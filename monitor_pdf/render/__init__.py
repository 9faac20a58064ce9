"""Render stage (reportlab): draws placed blocks and display lists, writes the PDF."""
