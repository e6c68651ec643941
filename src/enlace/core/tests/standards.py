"""Where the tests find the standards as their authors publish them: `shared/standards/` beside
the repository (as CI lays it out) or in the workplace. Never copied into the project."""

from pathlib import Path

import pytest

_CANDIDATES = [
    Path(__file__).resolve().parents[4].parent / "shared" / "standards",
    Path("/work/shared/standards"),
]


def standards_dir(name: str) -> Path:
    """The folder of one standard (``popolo``, ``htcds``); the test is skipped, saying why,
    where the standards are not beside the project."""
    for root in _CANDIDATES:
        if (root / name).is_dir():
            return root / name
    pytest.skip(f"the published {name} files are not beside the project (shared/standards/)")
