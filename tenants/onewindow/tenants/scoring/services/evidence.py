"""Evidence files (证据附件) of an incident, stored per county.

A file lands under ``MEDIA_ROOT/<county schema>/evidence/<year>/<incident>-<n>-<random><ext>``:
the county is part of every path, the name on disk is ours (the uploader's name is kept in
the incident's ``evidence`` entry only), and reading goes through the incident of the active
county, whose stored path must start with that county's folder. Limits: a few kinds of
document and image (checked by extension *and* by the file's first bytes), at most
:data:`MAX_FILE_BYTES` each, :data:`MAX_FILES` per incident.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import transaction

from onewindow.platform.core.errors import BusinessError, ErrorDetail, NotFound, ValidationErrors
from onewindow.platform.core.tenancy import active_schema
from onewindow.tenants.audit.services import record_event
from onewindow.tenants.scoring.models import Incident

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_FILES = 5

_ZIP, _OLE = (b"PK\x03\x04",), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
# extension → (content type, the first bytes such a file starts with)
ALLOWED: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", _ZIP),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _ZIP),
    ".doc": ("application/msword", _OLE),
    ".xls": ("application/vnd.ms-excel", _OLE),
}
KINDS = "PDF、JPG、PNG、Word、Excel"


@dataclass(frozen=True)
class Upload:
    name: str
    content: bytes


def _storage() -> FileSystemStorage:
    return FileSystemStorage(location=settings.MEDIA_ROOT)


def _clean_name(name: str) -> str:
    base = os.path.basename(name.replace("\\", "/")).strip()
    return "".join(ch for ch in base if ch.isprintable())[:120]


def check(uploads: list[Upload]) -> list[tuple[str, str]]:
    """Each upload's (extension, content type), or every problem at once, each at
    ``files[i]``: nothing is stored unless all of them pass."""
    problems: list[ErrorDetail] = []
    if len(uploads) > MAX_FILES:
        problems.append(ErrorDetail("TOO_MANY_FILES", f"每条记录最多 {MAX_FILES} 个证据附件", "files"))
    kinds: list[tuple[str, str]] = []
    for i, upload in enumerate(uploads):
        name = _clean_name(upload.name)
        ext = os.path.splitext(name)[1].lower()
        allowed = ALLOWED.get(ext)
        where = f"files[{i}]"
        if not name or not upload.content:
            problems.append(ErrorDetail("EMPTY_FILE", f"附件 {name or '(无名)'} 是空文件", where))
        elif len(upload.content) > MAX_FILE_BYTES:
            problems.append(
                ErrorDetail(
                    "FILE_TOO_LARGE",
                    f"附件 {name} 超过 {MAX_FILE_BYTES // 1024 // 1024} MB，请压缩或拆分后上传",
                    where,
                )
            )
        elif allowed is None or not upload.content.startswith(allowed[1]):
            problems.append(
                ErrorDetail("FILE_TYPE_NOT_ALLOWED", f"附件 {name} 的类型不允许，只收 {KINDS} 文件", where)
            )
        else:
            kinds.append((ext, allowed[0]))
    if problems:
        raise ValidationErrors(problems)
    return kinds


def store(incident: Incident, uploads: list[Upload], kinds: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """Write the (checked) files into the county's folder; their entries for ``evidence``.
    A failure part-way removes what was written (the caller's transaction rolls back)."""
    storage = _storage()
    written: list[str] = []
    entries: list[dict[str, Any]] = []
    try:
        for n, (upload, (ext, content_type)) in enumerate(zip(uploads, kinds, strict=True)):
            path = (
                f"{active_schema()}/evidence/{incident.occurred_on:%Y}/"
                f"{incident.pk}-{n}-{uuid.uuid4().hex[:12]}{ext}"
            )
            saved = storage.save(path, ContentFile(upload.content))
            written.append(saved)
            entries.append(
                {
                    "name": _clean_name(upload.name),
                    "path": saved,
                    "size": len(upload.content),
                    "content_type": content_type,
                    "sha256": hashlib.sha256(upload.content).hexdigest(),
                }
            )
    except Exception:
        for path in written:
            storage.delete(path)
        raise
    return entries


def remove(entries: list[dict[str, Any]]) -> None:
    """Delete stored files (of a recording that did not go through)."""
    storage = _storage()
    for entry in entries:
        if "path" in entry:
            storage.delete(str(entry["path"]))


def entries_of(incident: Incident) -> list[dict[str, Any]]:
    """The incident's evidence, every entry as a dict (older entries are a name or a link)."""
    return [e if isinstance(e, dict) else {"name": str(e)} for e in incident.evidence or []]


@transaction.atomic
def read(incident_id: int, index: int, *, actor: object | None = None) -> tuple[dict[str, Any], bytes]:
    """The stored file ``index`` of an incident of the active county, with its entry. Evidence
    often shows people (a complainant, a clerk): every read is an audit event."""
    incident = Incident.objects.filter(pk=incident_id).first()
    if incident is None:
        raise NotFound("考核记录", field="incident")
    entries = entries_of(incident)
    if not 0 <= index < len(entries) or "path" not in entries[index]:
        raise NotFound("证据附件", field="index")
    entry = entries[index]
    path = str(entry["path"])
    storage = _storage()
    if not path.startswith(f"{active_schema()}/evidence/") or ".." in path or not storage.exists(path):
        raise BusinessError("NOT_FOUND", "证据附件 不存在", field="index")
    with storage.open(path, "rb") as handle:
        content = handle.read()
    record_event(
        "scoring.evidence_read", incident, actor=actor, data={"index": index, "name": entry.get("name")}
    )
    return entry, content
