"""What every script shares: the project folder and the archive's settings from mkdocs.yml.
The `archive` package (hooks/archive) is installed by `make install` (pip install --editable .)."""

import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent


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
