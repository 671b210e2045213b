"""Where growth keeps things: the data folder, the config file, themes.

Every path the app touches is resolved here, once, from (in order) an explicit
``--home`` argument, the ``GROWTH_HOME`` / ``GROWTH_CONFIG`` variables and the XDG
base directories. Folders are created on demand with private modes: the data is
the user's and nobody else's.
"""

from __future__ import annotations

import os
from pathlib import Path

#: Folder mode for everything we create: only the owner may look inside.
PRIVATE_DIR_MODE = 0o700
#: File mode for every file we write.
PRIVATE_FILE_MODE = 0o600

APP_NAME = "growth"


def _xdg(var: str, fallback: str) -> Path:
    # The XDG rules growth needs fit in four lines; platformdirs would cost a
    # quick `growth win` 18-35 ms of import time (measured), a third of its budget.
    value = os.environ.get(var, "").strip()
    # The XDG spec says relative values are invalid and must be ignored.
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home() / fallback


def data_home(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: ``--home``, else ``GROWTH_HOME``, else XDG data dir.

    Args:
        override: a folder given on the command line, if any.
    """
    if override:
        return Path(override).expanduser()
    env = os.environ.get("GROWTH_HOME", "").strip()
    if env:
        return Path(env).expanduser()
    return _xdg("XDG_DATA_HOME", ".local/share") / APP_NAME


def config_dir() -> Path:
    """The folder holding ``config.toml`` and the user's own ``themes/``."""
    env = os.environ.get("GROWTH_CONFIG", "").strip()
    if env:
        return Path(env).expanduser().parent
    return _xdg("XDG_CONFIG_HOME", ".config") / APP_NAME


def config_file() -> Path:
    """``$GROWTH_CONFIG``, else ``$XDG_CONFIG_HOME/growth/config.toml``."""
    env = os.environ.get("GROWTH_CONFIG", "").strip()
    if env:
        return Path(env).expanduser()
    return config_dir() / "config.toml"


def user_themes_dir() -> Path:
    """Where the user may drop their own ``*.toml`` theme files."""
    return config_dir() / "themes"


def shipped_themes_dir() -> Path:
    """The theme files that ship with the package.

    A built wheel carries them inside the package; a source checkout (or an
    editable install) keeps them in the repository's top-level ``themes/``.
    """
    package = Path(__file__).resolve().parent.parent  # growth_tui/, above core/
    inside = package / "themes"
    return inside if inside.is_dir() else package.parent / "themes"


def keep_owner(folder: Path, fd: int | None = None, path: Path | None = None) -> None:
    """Give a new file or folder the owner of ``folder`` when root writes into someone else's.

    ``sudo -E growth win`` must not leave root-owned files in a person's data
    folder (their own growth could no longer replace or lock them). Only root
    can do this, and only root needs to: for anyone else this is one cheap call.
    """
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return
    try:
        info = os.stat(folder)
        if info.st_uid == 0:
            return
        if fd is not None:
            os.fchown(fd, info.st_uid, info.st_gid)
        elif path is not None:
            os.chown(path, info.st_uid, info.st_gid, follow_symlinks=False)
    except OSError:
        pass  # doctor reports files whose owner differs from their folder's


def ensure_private_dir(path: Path, tighten: bool = True) -> Path:
    """Create ``path`` (and parents) if needed and make sure it is 0700.

    An existing folder with looser modes is tightened: the folder holds private
    words, and a group- or world-readable data folder is never what anyone meant.
    With ``tighten=False`` (a folder the person named, like ``export --out``),
    only the folders made here are 0700; an existing one is left as it is.
    """
    missing = []
    cursor = path
    while not cursor.exists() and cursor != cursor.parent:
        missing.append(cursor)
        cursor = cursor.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=PRIVATE_DIR_MODE)
        except FileExistsError:
            continue
        except OSError as error:
            from .storage import FolderNotMade  # storage imports this module

            raise FolderNotMade(folder, error) from None
        keep_owner(folder.parent, path=folder)
    if not tighten and not missing:
        return path
    try:
        if (path.stat().st_mode & 0o777) != PRIVATE_DIR_MODE:
            os.chmod(path, PRIVATE_DIR_MODE)
    except PermissionError:
        # Not ours to change (a shared mount); doctor reports it.
        pass
    return path
