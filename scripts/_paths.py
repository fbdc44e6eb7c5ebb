"""What every script needs first: the domain package beside the build hooks (hooks/archive) on
sys.path, and the archive's settings from mkdocs.yml."""

import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR / "hooks"))


def add_config_option(parser) -> None:
    """`--config`: the mkdocs.yml whose `extra.archive` settings a script uses."""
    parser.add_argument("--config", default=str(PROJECT_DIR / "mkdocs.yml"), help="mkdocs.yml of the archive")


def settings_or_exit(config: str):
    """The archive's settings from that mkdocs.yml, or exit 2 with the reason."""
    from archive.settings import SettingsError, load_settings

    try:
        return load_settings(Path(config))
    except (OSError, SettingsError) as e:
        print(f"{config}: {e}", file=sys.stderr)
        sys.exit(2)
