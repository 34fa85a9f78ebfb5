"""Reading the local sink's messages (demo only)."""

from dataclasses import dataclass
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from .sink import mail_dir


@dataclass(frozen=True)
class StoredMail:
    name: str
    received_at: datetime
    message: EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message.get("Subject", ""))

    @property
    def recipients(self) -> str:
        return str(self.message.get("To", ""))


def _read(path: Path) -> StoredMail:
    stamp = int(path.name.split("-", 1)[0]) / 1e9
    return StoredMail(
        name=path.stem,
        received_at=datetime.fromtimestamp(stamp, tz=UTC),
        message=message_from_bytes(path.read_bytes(), policy=policy.default),
    )


def mail_names() -> list[str]:
    folder = mail_dir()
    if not folder.exists():
        return []
    return sorted((p.stem for p in folder.glob("*.eml")), reverse=True)


def mail_read(names: list[str]) -> list[StoredMail]:
    return [_read(mail_dir() / f"{name}.eml") for name in names]


def mail_get(name: str) -> StoredMail | None:
    if not name.replace("-", "").isalnum():
        return None
    path = mail_dir() / f"{name}.eml"
    return _read(path) if path.is_file() else None
