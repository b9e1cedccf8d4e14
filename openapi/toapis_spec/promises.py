"""The promise inventory: every statement of the vendor pages, with its checks or the reason none
can enforce it.

The inventory lives beside the contract, in ``openapi/promises/*.yaml`` (one file per group of
pages; the files together are the inventory). Each file holds::

    reasons:            # optional: reasons shared by many entries (of any file), by key
      meaning: "Says what a field means; no answer of a server can contradict it."
    promises:
      - id: mask-must-be-png                    # unique across the inventory, never reused
        pages: [images/gpt-4o/generation.mdx]   # vendor pages (under docs/en/api-reference/),
                                                # fnmatch patterns allowed: "images/*/*.mdx"
        context: body.mask_url                  # as scripts/extract_promises names it
        topic: format                           # see TOPICS
        statements:                             # the pages' words, as the extractor reads them
          - Must be PNG format
        checks: [validation-mask-non-png]       # ids of conformance checks that enforce it
        reason: meaning                         # or: why no check can (a key of `reasons` or text)

An entry has ``checks`` or a ``reason`` (both when the checks cover part of it and the reason
says what is left). tests/contract/test_promises.py holds the inventory to the statements of
openapi/promises/vendor_statements.json (scripts/extract_promises), and to the catalogue.
"""

from __future__ import annotations

import fnmatch
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from toapis_spec import Model

_HERE = Path(__file__).resolve().parent
# Installed wheels carry the inventory inside the package; a source checkout keeps it one level up.
PROMISES_DIR: Path = next(
    (p for p in (_HERE / "promises", _HERE.parent / "promises") if p.is_dir()),
    _HERE.parent / "promises",
)
TOPICS = (
    "description",
    "request",
    "default",
    "limit",
    "format",
    "response",
    "status",
    "error",
    "auth",
    "upload",
    "webhook",
    "rate-limit",
    "billing",
    "behaviour",
)
# Pages that describe the whole API rather than one model: their promises apply to every model.
API_WIDE_PAGES = (
    "tasks/image-status.mdx",
    "uploads/images.mdx",
    "webhooks/task-webhooks.mdx",
    "rate-limits/async-tasks.mdx",
)


class InventoryError(ValueError):
    """The inventory cannot be read: a file, an entry or a field is wrong (the message says
    which)."""


@dataclass(frozen=True)
class Promise:
    id: str
    pages: tuple[str, ...]
    context: str
    topic: str
    statements: tuple[str, ...]
    checks: tuple[str, ...]
    reason: str | None
    file: str

    @property
    def checkable(self) -> bool:
        return bool(self.checks)

    def on_page(self, page: str) -> bool:
        return any(fnmatch.fnmatchcase(page, pattern) for pattern in self.pages)

    @property
    def api_wide(self) -> bool:
        """Made by a page about the whole API (tasks, uploads, webhooks, rate limits), or by every
        model page alike."""
        return any(
            fnmatch.fnmatchcase(page, pattern) for pattern in self.pages for page in API_WIDE_PAGES
        )


def _text(value: object, where: str, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InventoryError(f"{where}: `{key}` must be a non-empty string")
    return value


def _texts(value: object, where: str, key: str, *, required: bool) -> tuple[str, ...]:
    if value is None and not required:
        return ()
    if not isinstance(value, list) or (required and not value):
        raise InventoryError(
            f"{where}: `{key}` must be a list" + (" (not empty)" if required else "")
        )
    return tuple(_text(item, where, key) for item in value)


def _document(path: Path) -> dict[str, object]:
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        raise InventoryError(
            f"{path}{at}: not valid YAML ({getattr(exc, 'problem', exc)})"
        ) from None
    if not isinstance(document, dict) or not isinstance(document.get("promises", []), list):
        raise InventoryError(f"{path}: expected a mapping with a `promises` list")
    if not isinstance(document.get("reasons") or {}, dict):
        raise InventoryError(f"{path}: `reasons` must be a mapping of key to text")
    return document


def _read(path: Path, document: dict[str, object], reasons: dict[str, str]) -> tuple[Promise, ...]:
    entries = document.get("promises") or []
    assert isinstance(entries, list)
    out: list[Promise] = []
    for index, entry in enumerate(entries):
        where = f"{path.name} entry {index + 1}"
        if not isinstance(entry, dict):
            raise InventoryError(f"{where}: expected a mapping")
        unknown = set(entry) - {"id", "pages", "context", "topic", "statements", "checks", "reason"}
        if unknown:
            raise InventoryError(f"{where}: unknown keys {sorted(unknown)}")
        promise_id = _text(entry.get("id"), where, "id")
        where = f"{path.name} promise {promise_id!r}"
        topic = _text(entry.get("topic"), where, "topic")
        if topic not in TOPICS:
            raise InventoryError(f"{where}: topic {topic!r} is not one of {', '.join(TOPICS)}")
        reason = entry.get("reason")
        if reason is not None:
            reason = _text(reason, where, "reason")
            reason = str(reasons.get(reason, reason))
        out.append(
            Promise(
                id=promise_id,
                pages=_texts(entry.get("pages"), where, "pages", required=True),
                context=_text(entry.get("context"), where, "context"),
                topic=topic,
                statements=_texts(entry.get("statements"), where, "statements", required=True),
                checks=_texts(entry.get("checks"), where, "checks", required=False),
                reason=reason,
                file=path.name,
            )
        )
    return tuple(out)


@functools.cache
def _inventory(directory: str) -> tuple[Promise, ...]:
    files = sorted(Path(directory).glob("*.yaml"))
    if not files:
        raise InventoryError(f"{directory}: no promise files (*.yaml)")
    documents = {path: _document(path) for path in files}
    reasons: dict[str, str] = {}
    for path, document in documents.items():
        shared = document.get("reasons") or {}
        assert isinstance(shared, dict)  # _document refused anything else
        for key, text in shared.items():
            if key in reasons:
                raise InventoryError(f"{path.name}: reason {key!r} is defined twice")
            reasons[str(key)] = _text(text, f"{path.name} reason {key!r}", "text")
    entries = tuple(p for path, doc in documents.items() for p in _read(path, doc, reasons))
    seen: dict[str, str] = {}
    for promise in entries:
        if promise.id in seen:
            raise InventoryError(
                f"promise id {promise.id!r} is used twice ({seen[promise.id]}, {promise.file})"
            )
        seen[promise.id] = promise.file
    return entries


def promises(directory: Path | None = None) -> tuple[Promise, ...]:
    """Every promise of the inventory, in file order."""
    return _inventory(str(directory or PROMISES_DIR))


def covering(page: str, context: str, text: str, inventory: Iterable[Promise]) -> Promise | None:
    """The promise that holds this statement of the vendor pages, if any."""
    for promise in inventory:
        if promise.context == context and text in promise.statements and promise.on_page(page):
            return promise
    return None


def models_of(promise: Promise) -> tuple[str, ...]:
    """The canonical models a promise applies to: those whose page made it, or every model for a
    promise of a page about the whole API."""
    from toapis_spec import models

    canonical = [m for m in models(view="server").values() if m.alias_of is None]
    if promise.api_wide:
        return tuple(m.name for m in canonical)
    return tuple(m.name for m in canonical if any(promise.on_page(page) for page in _pages(m)))


def _pages(model: Model) -> tuple[str, ...]:
    """The vendor pages that document a model: its own, and the pages it shares (``also``: the
    gpt-image-2 editing page documents gpt-image-2's editing fields)."""
    extension = model.schema.get("x-model") or {}
    also = tuple(str(p) for p in extension.get("also", ()))
    return ((model.page,) if model.page else ()) + also
