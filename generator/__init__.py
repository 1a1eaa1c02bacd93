"""huodong: YAML activity definitions → printable plans and a public website."""

__version__ = "0.1.0"
