"""The public website: the `huodong` mkdocs plugin and the pages, feeds and media it generates."""
