"""A local mail catcher for development: an SMTP server that keeps every message.

`./run.sh` starts it on 127.0.0.1:1025 (the default SMTP_HOST/SMTP_PORT), so concepts that
send email work on a laptop with nothing else installed. Messages land as .eml files in
instance/mail/ and one JSON line per message is printed.
"""

from __future__ import annotations

import argparse
import json
import time
import uuid
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller


class FolderHandler:
    """Store each message as an .eml file and announce it on stdout."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        content = envelope.original_content or envelope.content
        path = self.folder / f"{time.time_ns()}-{uuid.uuid4().hex[:8]}.eml"
        path.write_bytes(content)
        message = message_from_bytes(content, policy=policy.default)
        print(
            json.dumps(
                {
                    "logger": "mailcatcher",
                    "to": envelope.rcpt_tos,
                    "subject": str(message.get("Subject", "")),
                    "file": str(path),
                }
            ),
            flush=True,
        )
        return "250 Message accepted for delivery"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=1025)
    parser.add_argument("--folder", default="instance/mail")
    args = parser.parse_args(argv)
    folder = Path(args.folder)
    folder.mkdir(parents=True, exist_ok=True)
    controller = Controller(FolderHandler(folder), hostname=args.host, port=args.port)
    controller.start()
    print(f"mail catcher on {args.host}:{args.port}, messages in {folder}/", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
