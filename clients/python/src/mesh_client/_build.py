"""Request messages built from Python arguments, shared by the sync and asyncio clients.

Names are the protos' enum values without their prefix, lower case: trace "fractions", method "attention", dtype
"int8", parts "image_only", backend "lexicon". Validation of values is the server's (its errors name the field).
"""
from __future__ import annotations

import datetime
import hashlib
import os
from typing import Iterable, List, Optional, Union

from mesh_client.interventions import Knockout, LayerSpec, layer_set
from mesh_client._proto.mesh.common.v1 import common_pb2
from mesh_client._proto.mesh.contextstore.v1 import context_store_pb2 as store
from mesh_client._proto.mesh.decoder.v1 import decoder_pb2
from mesh_client._proto.mesh.judge.v1 import judge_pb2

# Encoded image bytes (PNG, JPEG, ...) or the path of an image file.
Image = Union[bytes, str, "os.PathLike[str]"]

DESCRIBE_PROMPT = "describe the image"
CHUNK_BYTES = 1 << 20  # the servers' chunk size (protos/README.md, "Message sizes")


def image_bytes(image: Image) -> bytes:
    """The bytes of an image given as bytes or as a file path."""
    if isinstance(image, (bytes, bytearray, memoryview)):
        return bytes(image)
    with open(image, "rb") as f:
        return f.read()


def enum_value(enum, prefix: str, name: str) -> int:
    """The value of e.g. TRACE_LEVEL_FRACTIONS from ("TRACE_LEVEL", "fractions")."""
    full = f"{prefix}_{name.upper()}"
    if full not in enum.keys():
        allowed = ", ".join(k[len(prefix) + 1:].lower() for k in enum.keys() if not k.endswith("UNSPECIFIED"))
        raise ValueError(f"{name!r} is not a {prefix.lower().replace('_', ' ')}: use one of {allowed}")
    return enum.Value(full)


def sampling(max_tokens: int = 0, temperature: float = 0.0, top_p: Optional[float] = None, seed: int = 0,
             stop_token_ids: Iterable[int] = ()) -> decoder_pb2.SamplingParams:
    params = decoder_pb2.SamplingParams(max_tokens=max_tokens, temperature=temperature, seed=seed,
                                        stop_token_ids=list(stop_token_ids))
    if top_p is not None:
        params.top_p = top_p
    return params


def trace_options(trace: Optional[str], layers: LayerSpec) -> Optional[decoder_pb2.TraceOptions]:
    """None (no traces) or a trace level ("fractions", "image_maps", "full_rows") over ``layers``."""
    if trace is None:
        return None
    options = decoder_pb2.TraceOptions(level=enum_value(decoder_pb2.TraceLevel, "TRACE_LEVEL", trace))
    chosen = layer_set(layers)
    if chosen is not None:
        options.layers.CopyFrom(chosen)
    return options


def selection(method: str, k: float, fastv_layer: int = 0, seed: int = 0) -> decoder_pb2.TokenSelection:
    return decoder_pb2.TokenSelection(method=enum_value(decoder_pb2.SelectionMethod, "SELECTION_METHOD", method),
                                      k=k, fastv_layer=fastv_layer, seed=seed)


def generate(image: Optional[Image], prompt: str, *, verbatim: bool = False, embedding_key: Optional[str] = None,
             trace: Optional[str] = None, layers: LayerSpec = None, knockout: Optional[Knockout] = None,
             select: Optional[decoder_pb2.TokenSelection] = None, **sampling_args) -> decoder_pb2.GenerateRequest:
    request = decoder_pb2.GenerateRequest(prompt=decoder_pb2.Prompt(text=prompt, verbatim=verbatim),
                                          sampling=sampling(**sampling_args))
    if image is not None:
        request.image_bytes = image_bytes(image)
    elif embedding_key is not None:
        request.embedding_key = embedding_key
    if knockout is not None:
        request.knockout.CopyFrom(knockout.to_proto())
    options = trace_options(trace, layers)
    if options is not None:
        request.trace.CopyFrom(options)
    if select is not None:
        request.selection.CopyFrom(select)
    return request


def compress(image: Image, k: float, method: str, dtype: str, prompt: str, parts: str,
             ttl: Optional[datetime.timedelta], fastv_layer: int, seed: int,
             max_tokens: int) -> decoder_pb2.CompressRequest:
    request = decoder_pb2.CompressRequest(
        image_bytes=image_bytes(image), prompt=decoder_pb2.Prompt(text=prompt),
        sampling=sampling(max_tokens=max_tokens), selection=selection(method, k, fastv_layer, seed),
        storage_dtype=enum_value(common_pb2.DType, "DTYPE", dtype),
        parts=enum_value(decoder_pb2.ContextParts, "CONTEXT_PARTS", parts))
    if ttl is not None:
        request.ttl.FromTimedelta(ttl)
    return request


def ask(context_id: str, question: str, *, verbatim: bool = False, trace: Optional[str] = None,
        layers: LayerSpec = None, **sampling_args) -> decoder_pb2.AskRequest:
    request = decoder_pb2.AskRequest(context_id=context_id, sampling=sampling(**sampling_args),
                                     question=decoder_pb2.Prompt(text=question, verbatim=verbatim))
    options = trace_options(trace, layers)
    if options is not None:
        request.trace.CopyFrom(options)
    return request


def judge(reference: str, candidate: str, backend: Optional[str]) -> judge_pb2.CompareRequest:
    value = enum_value(judge_pb2.JudgeBackend, "JUDGE_BACKEND", backend) if backend else 0
    return judge_pb2.CompareRequest(reference=reference, candidate=candidate, backend=value)


def put(data: bytes, model_id: str, format: str, labels: Optional[dict],
        ttl: Optional[datetime.timedelta]) -> List[store.PutRequest]:
    """A ContextStore.Put stream: the header (size, SHA-256), then the blob in chunks."""
    header = store.PutHeader(metadata=store.ContextMetadata(model_id=model_id, format=format, labels=labels or {}),
                             size_bytes=len(data), sha256=hashlib.sha256(data).hexdigest())
    if ttl is not None:
        header.ttl.FromTimedelta(ttl)
    return [store.PutRequest(header=header)] + [store.PutRequest(data=data[i:i + CHUNK_BYTES])
                                                for i in range(0, len(data), CHUNK_BYTES)]
