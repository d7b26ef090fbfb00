"""Ingest: files to Reports (load), Arabic normalisation with its offset map, sentences."""
