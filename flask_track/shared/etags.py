"""Entity tags for notes, and the If-Match / If-None-Match comparisons (RFC 9110 §8.8.3, §13).

A note's ETag is a hash of its JSON representation, so it is strong (byte-for-byte) by
construction: same representation, same tag; any change (updated_at changes on every
update) gives a new one. Hashing the representation instead of exposing `updated_at` keeps
the tag opaque, which is all the RFC asks and all a client may rely on.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

from flask_track.shared.note_schemas import NoteOut
from flask_track.shared.notes import Note, fetch_note, not_found, precondition_failed

# entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE ; etagc = %x21 / %x23-7E / obs-text
ENTITY_TAG = re.compile(r'\s*(W/)?"([\x21\x23-\x7e\x80-\xff]*)"\s*')


@dataclass(frozen=True)
class EntityTag:
    """One parsed entity tag."""

    opaque: str
    weak: bool = False

    def __str__(self) -> str:
        return f'{"W/" if self.weak else ""}"{self.opaque}"'


def etag_for(note: Note) -> str:
    """The strong ETag of a note: the first 128 bits of SHA-256 of its representation."""
    representation = json.dumps(NoteOut().dump(note), sort_keys=True, ensure_ascii=False)
    return f'"{hashlib.sha256(representation.encode("utf-8")).hexdigest()[:32]}"'


def parse_etags(header: str) -> list[EntityTag] | None:
    """A comma-separated list of entity tags, or None when the header is malformed.

    `*` is handled by the callers. Werkzeug's own parser forgives unquoted tags; this one
    does not, because a malformed precondition must never be read as a matching one.
    """
    tags: list[EntityTag] = []
    for part in header.split(","):
        found = ENTITY_TAG.fullmatch(part)
        if found is None:
            return None
        tags.append(EntityTag(found.group(2), weak=bool(found.group(1))))
    return tags


def if_match_passes(header: str | None, current: str) -> bool:
    """If-Match: absent, `*` (the note exists) or a STRONG match of the current tag.

    A weak tag never matches here (RFC 9110 §13.1.1: strong comparison), and neither does a
    malformed header: the precondition cannot be shown true, so the write must not happen.
    """
    if header is None:
        return True
    if header.strip() == "*":
        return True
    tags = parse_etags(header)
    return tags is not None and any(not tag.weak and str(tag) == current for tag in tags)


def if_none_match_hits(header: str | None, current: str) -> bool:
    """If-None-Match: true when the client already holds the current representation.

    Weak comparison (RFC 9110 §13.1.2): `W/"x"` and `"x"` are the same tag for a cache.
    """
    if header is None:
        return False
    if header.strip() == "*":
        return True
    tags = parse_etags(header)
    return tags is not None and any(f'"{tag.opaque}"' == current for tag in tags)


def note_for_write(note_id: int, if_match: str | None) -> Note:
    """The current note, if If-Match allows writing it (p15, p16): else 404 or 412."""
    current = fetch_note(note_id)
    if current is None:
        raise not_found(note_id)
    if not if_match_passes(if_match, etag_for(current)):
        raise precondition_failed(note_id)
    return current
