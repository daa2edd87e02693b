"""An SMTP sink: a real SMTP server (aiosmtpd) that writes each message to a folder.

The harness starts one for servers it launches; tests read the folder through the `mailbox`
fixture, which works across pytest-xdist workers because the folder is shared.
"""

from __future__ import annotations

import email
import email.policy
import time
import uuid
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller


class _FolderHandler:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    async def handle_DATA(self, server, session, envelope) -> str:
        name = f"{time.time_ns()}-{uuid.uuid4().hex}.eml"
        tmp = self.folder / (name + ".tmp")
        tmp.write_bytes(envelope.original_content or envelope.content)
        tmp.rename(self.folder / name)  # atomic: readers never see half a message
        return "250 Message accepted for delivery"


class SmtpSink:
    """Start/stop an SMTP server on 127.0.0.1 that stores messages in `folder`."""

    def __init__(self, folder: Path, port: int) -> None:
        self.folder = folder
        self.port = port
        folder.mkdir(parents=True, exist_ok=True)
        self._controller = Controller(_FolderHandler(folder), hostname="127.0.0.1", port=port)

    def start(self) -> None:
        self._controller.start()

    def stop(self) -> None:
        self._controller.stop()


@dataclass
class Mailbox:
    """Read what the sink received."""

    folder: Path

    def messages(self) -> list[EmailMessage]:
        found = []
        for path in sorted(self.folder.glob("*.eml")):
            found.append(email.message_from_bytes(path.read_bytes(), policy=email.policy.default))
        return found

    def wait_for(self, to: str, timeout: float = 10.0, **headers: str) -> EmailMessage:
        """The newest message to `to` (and with these headers), waiting up to `timeout` s."""
        deadline = time.monotonic() + timeout
        while True:
            for message in reversed(self.messages()):
                if to.lower() in str(message.get("To", "")).lower() and all(
                    str(message.get(k.replace("_", "-"), "")) == v for k, v in headers.items()
                ):
                    return message
            if time.monotonic() > deadline:
                raise AssertionError(f"no message to {to} {headers} within {timeout}s")
            time.sleep(0.1)
