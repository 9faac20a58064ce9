"""Data stage: reads the CSV tables (pandas) into plain records."""
