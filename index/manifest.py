"""What built an index, recorded in its manifest and checked when it is reused or loaded.

A build depends on three things: the ingest code with every setting that changes chunks,
the catalog (titles, dates, periods), and the embedder (name, dimensions, weights). A
change to the first two re-parses every paper, which is cheap, and re-embeds only passages
whose text changed; a change of embedder re-embeds everything, since the embedding cache is
keyed by the embedder's identity.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import ingest
import panelqa.text
from index.embed import Embedder
from ingest.catalog import CATALOG_NAME
from panelqa.errors import IndexMismatch
from panelqa.settings import Settings


def _digest(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(hashlib.sha256(part).digest())  # hash of hashes: parts cannot run together
    return digest.hexdigest()[:16]


def parser_fingerprint(settings: Settings) -> dict:
    """Everything that changes the chunks made of an unchanged file."""
    # Ingest parses periods and refs with the shared text helpers.
    sources = [*sorted(Path(ingest.__file__).parent.glob("*.py")), Path(panelqa.text.__file__)]
    catalog = settings.corpus_dir / CATALOG_NAME
    return {
        "code": _digest(*(source.read_bytes() for source in sources)),
        "ingest": settings.ingest.model_dump(),
        "catalog": _digest(catalog.read_bytes()) if catalog.exists() else None,
    }


def embedder_key(identity: dict) -> str:
    """One string for an embedder identity: what the embedding cache is keyed by."""
    return _digest(json.dumps(identity, sort_keys=True).encode())


def check_embedder(manifest: dict, embedder: Embedder, index_dir: Path) -> None:
    """Refuse to search an index whose vectors another embedder made: the cosines would
    mean nothing. Says how to fix it."""
    built, current = manifest.get("embedder"), embedder.identity()
    if built == current:
        return
    described = _describe(built) if built else "an embedder this version does not record"
    raise IndexMismatch(
        str(index_dir),
        f"built with {described}, but the embedder loaded now is {_describe(current)}; "
        "re-embed it with this one by re-running ingest, or set PANELQA_MODEL_DIR back to the "
        "model that built it",
    )


def _describe(identity: dict) -> str:
    return (
        f"{identity.get('name')} ({identity.get('dim')} dimensions, "
        f"weights {str(identity.get('weights'))[:12]})"
    )
