"""Results of the unary calls as Python values: contexts, masks (numpy bool) and embeddings (numpy)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, List

import numpy as np

from mesh_client._proto.mesh.common.v1 import common_pb2
from mesh_client._proto.mesh.decoder.v1 import decoder_pb2
from mesh_client._proto.mesh.segmentation.v1 import segmentation_pb2

_NUMPY_DTYPES = {common_pb2.DTYPE_F32: "<f4", common_pb2.DTYPE_F16: "<f2"}


@dataclass(frozen=True)
class ContextRef:
    """A compressed context in the context store (docs/paper.md section 7); pass it (or its id) to ``ask``."""

    context_id: str
    stored_bytes: int
    tokens_kept: int
    tokens_full: int
    image_tokens_kept: int
    image_tokens_full: int
    full_kv_bytes: int
    storage_dtype: str
    description: str

    @staticmethod
    def from_proto(r: decoder_pb2.CompressResponse) -> "ContextRef":
        dtype = common_pb2.DType.Name(r.storage_dtype)[len("DTYPE_"):].lower()
        return ContextRef(r.context_id, r.stored_bytes, r.tokens_kept, r.tokens_full, r.image_tokens_kept,
                          r.image_tokens_full, r.full_kv_bytes, dtype, r.description)


def mask_from_rle(rle: segmentation_pb2.RleMask) -> np.ndarray:
    """bool [height, width] from Mesh's row-major RLE (runs of 0 and 1 alternating, starting with 0)."""
    values = np.arange(len(rle.counts)) % 2 == 1
    flat = np.repeat(values, np.asarray(rle.counts, dtype=np.int64))
    if flat.size != rle.height * rle.width:
        raise ValueError(f"mask counts sum to {flat.size}, not {rle.height} x {rle.width}")
    return flat.reshape(rle.height, rle.width)


def rle_from_mask(mask: np.ndarray) -> segmentation_pb2.RleMask:
    """Mesh's row-major RLE of a 2-D boolean mask."""
    if mask.ndim != 2:
        raise ValueError(f"a mask is 2-D [height, width], not of shape {mask.shape}")
    flat = np.asarray(mask, dtype=bool).reshape(-1)
    changes = np.flatnonzero(flat[1:] != flat[:-1]) + 1
    bounds = np.concatenate([[0], changes, [flat.size]])
    counts = np.diff(bounds).tolist()
    if flat.size and flat[0]:
        counts.insert(0, 0)  # the first run is of 0, possibly empty
    return segmentation_pb2.RleMask(height=mask.shape[0], width=mask.shape[1], counts=counts)


@dataclass(frozen=True)
class ObjectMask:
    """One object the segmenter found: ``mask`` is bool [image_height, image_width]."""

    name: str
    mask: np.ndarray
    score: float
    area: int


@dataclass(frozen=True)
class Segments:
    """The objects of one image."""

    image_height: int
    image_width: int
    objects: List[ObjectMask]

    @staticmethod
    def from_proto(r: segmentation_pb2.SegmentResponse) -> "Segments":
        return Segments(r.image_height, r.image_width,
                        [ObjectMask(o.name, mask_from_rle(o.mask), o.score, o.area) for o in r.objects])


@dataclass(frozen=True)
class Embedding:
    """An image's tokens in the decoder's space: ``values`` [image_tokens, embedding_dim]; ``key`` for generate."""

    key: str
    model_id: str
    cache_hit: bool
    values: np.ndarray


def tensor(values: np.ndarray) -> common_pb2.Tensor:
    """A 2-D float array as an F32 Tensor."""
    array = np.ascontiguousarray(values, dtype="<f4")
    return common_pb2.Tensor(dtype=common_pb2.DTYPE_F32, shape=list(array.shape), data=array.tobytes())


def join_embedding(parts: Iterable) -> Embedding:
    """An Embedding from an Encode or GetEmbedding stream: its header, then chunks of the length it states."""
    header, data = None, bytearray()
    for part in parts:
        if part.WhichOneof("part") == "header":
            header = part.header
        else:
            data += part.data
    if header is None or len(data) != header.tensor.byte_length:
        raise ValueError(f"embedding stream ended after {len(data)} bytes without its header's length")
    t = header.tensor
    values = np.frombuffer(bytes(data), dtype=_NUMPY_DTYPES[t.dtype]).astype(np.float32).reshape(tuple(t.shape)) \
        if data else np.zeros((0,), np.float32)
    return Embedding(header.embedding_key, header.model_id, header.cache_hit, values)


def join_blob(parts: Iterable) -> bytes:
    """A stored context's bytes from a ContextStore.Get stream: its entry, then chunks of the size it states."""
    entry, data = None, bytearray()
    for part in parts:
        if part.WhichOneof("part") == "entry":
            entry = part.entry
        else:
            data += part.data
    if entry is None or len(data) != entry.size_bytes:
        raise ValueError(f"context stream ended after {len(data)} bytes without its entry's size")
    return bytes(data)
