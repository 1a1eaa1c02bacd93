"""Print pip constraints pinning every dependency of pyproject.toml to its lowest allowed version.

CI installs with them into a second environment and runs the suite there, so each lower bound in
pyproject.toml is one the tests actually ran against.
"""

import re
import sys
import tomllib
from pathlib import Path

project = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text())["project"]
requirements = project["dependencies"] + [r for extra in project["optional-dependencies"].values() for r in extra]
for requirement in requirements:
    match = re.match(r"\s*([A-Za-z0-9_.\-]+)(\[[^\]]*\])?\s*.*?>=\s*([0-9][^,;\s]*)", requirement)
    if not match:
        sys.exit(f"no lower bound in {requirement!r}: give every dependency one")
    print(f"{match.group(1)}=={match.group(3)}")
