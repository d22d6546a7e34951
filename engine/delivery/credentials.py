"""SMTP passwords in the system keyring, never in the workspace (spec §12.2 offline [inf]).

`keyring` picks the platform's store (Secret Service, macOS Keychain,
Windows Credential Locker). A headless machine often has none: keyring then
reports its "fail" backend, `available()` is False, and the GUI asks for
the password once per session and keeps it in memory only, saying so.
"""
from __future__ import annotations

SERVICE = "Campaign Studio SMTP"
_session: dict[str, str] = {}


def available() -> bool:
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return False
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - a broken keyring is "no keyring"
        return False
    return not isinstance(backend, fail.Keyring) and getattr(backend, "priority", 1) > 0


def load_password(user: str) -> str | None:
    """The stored password (keyring, else this session's memory), or None."""
    if available():
        import keyring

        try:
            value = keyring.get_password(SERVICE, user)
        except Exception:  # noqa: BLE001
            value = None
        if value is not None:
            return value
    return _session.get(user)


def store_password(user: str, password: str) -> bool:
    """Keep `password`; True when it went to the keyring, False when only for this session."""
    _session[user] = password
    if available():
        import keyring

        try:
            keyring.set_password(SERVICE, user, password)
            return True
        except Exception:  # noqa: BLE001
            return False
    return False
