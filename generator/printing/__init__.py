"""Printables: which documents an activity yields (catalogue), their content (plan, views),
rendering to PDF (pdf) and Word (word), and `huodong print` (run)."""
