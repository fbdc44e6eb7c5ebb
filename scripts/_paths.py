"""Lets scripts import the domain package that lives beside the build hooks (hooks/archive)."""

import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR / "hooks"))
