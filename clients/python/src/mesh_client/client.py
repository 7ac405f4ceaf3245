"""MeshClient: every Mesh service through one gateway (or one service's own port), synchronously.

    with MeshClient("localhost:5000") as client:
        for token in client.describe("scene.png", trace="image_maps", layers=range(4, 8)):
            print(token.text, token.image_maps.shape)    # [4, grid_rows, grid_cols]
"""
from __future__ import annotations

import datetime
from typing import Iterable, Iterator, Optional, Sequence, Tuple, Union

import grpc
import numpy as np

from mesh_client import _build
from mesh_client._build import DESCRIBE_PROMPT, Image
from mesh_client._stubs import Stubs
from mesh_client.errors import from_rpc_error
from mesh_client.generation import Generation
from mesh_client.interventions import Knockout, LayerSpec
from mesh_client.results import ContextRef, Embedding, Segments, join_blob, join_embedding, rle_from_mask, tensor
from mesh_client._proto.mesh.common.v1 import common_pb2
from mesh_client._proto.mesh.contextstore.v1 import context_store_pb2 as store
from mesh_client._proto.mesh.decoder.v1 import decoder_pb2
from mesh_client._proto.mesh.judge.v1 import judge_pb2
from mesh_client._proto.mesh.segmentation.v1 import segmentation_pb2 as seg
from mesh_client._proto.mesh.vision.v1 import vision_pb2

class MeshClient:
    """A synchronous client of a Mesh gateway at ``address`` ("host:port" of its gRPC port, 5000 by default).

    Args:
        address: host:port.
        api_key: sent as ``x-api-key`` when the gateway requires keys.
        credentials: TLS channel credentials; None for a plaintext channel (a local mesh).
        timeout: default deadline of every call, in seconds; None waits as long as it takes.

    Every failed call raises a :class:`mesh_client.MeshError` carrying the status code and google.rpc details.
    """

    def __init__(self, address: str, api_key: Optional[str] = None, *,
                 credentials: Optional[grpc.ChannelCredentials] = None, timeout: Optional[float] = None):
        self._channel = grpc.secure_channel(address, credentials) if credentials else grpc.insecure_channel(address)
        self._metadata = (("x-api-key", api_key),) if api_key else None
        self._timeout = timeout
        self.stubs = Stubs(self._channel)
        """The generated stubs (``decoder``, ``vision``, ``store``, ``judge``, ``segmentation``) for raw calls."""

    def __enter__(self) -> "MeshClient":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._channel.close()

    def _unary(self, method, request):
        try:
            return method(request, metadata=self._metadata, timeout=self._timeout)
        except grpc.RpcError as error:
            raise from_rpc_error(error) from None

    def _stream(self, method, request) -> Iterator:
        try:
            yield from method(request, metadata=self._metadata, timeout=self._timeout)
        except grpc.RpcError as error:
            raise from_rpc_error(error) from None

    # Decoder

    def model_info(self) -> decoder_pb2.ModelInfo:
        """Layers, heads, image grid, context window and templates of the decoder's model."""
        return self._unary(self.stubs.decoder.GetModelInfo, decoder_pb2.GetModelInfoRequest())

    def generate(self, image: Optional[Image] = None, prompt: str = DESCRIBE_PROMPT, *, verbatim: bool = False,
                 embedding_key: Optional[str] = None, max_tokens: int = 0, temperature: float = 0.0,
                 top_p: Optional[float] = None, seed: int = 0, stop_token_ids: Iterable[int] = (),
                 trace: Optional[str] = None, layers: LayerSpec = None, knockout: Optional[Knockout] = None,
                 selection: Optional[decoder_pb2.TokenSelection] = None) -> Generation:
        """Streams a continuation of an image (bytes or a path; or ``embedding_key``; or none) and a prompt.

        ``trace``: None, "fractions", "image_maps" or "full_rows", over ``layers`` (None: every layer; a LayerSet or
        any iterable of indices). ``knockout``: a :class:`Knockout`. ``selection``: :func:`mesh_client.selection`.
        Greedy unless ``temperature`` > 0. ``verbatim`` sends the prompt without the chat template.
        """
        request = _build.generate(image, prompt, verbatim=verbatim, embedding_key=embedding_key, trace=trace,
                                  layers=layers, knockout=knockout, select=selection, max_tokens=max_tokens,
                                  temperature=temperature, top_p=top_p, seed=seed, stop_token_ids=stop_token_ids)
        return Generation(self.stubs.decoder.Generate(request, metadata=self._metadata, timeout=self._timeout))

    def describe(self, image: Image, prompt: str = DESCRIBE_PROMPT, **options) -> Generation:
        """``generate`` of an image with the paper's prompt "describe the image" (options as for ``generate``)."""
        return self.generate(image, prompt, **options)

    def compress(self, image: Image, k: float = 0.05, method: str = "attention", dtype: str = "f16", *,
                 prompt: str = DESCRIBE_PROMPT, parts: str = "query_and_image",
                 ttl: Optional[datetime.timedelta] = None, fastv_layer: int = 0, seed: int = 0,
                 max_tokens: int = 0) -> ContextRef:
        """Keeps the KV of the query and the top-K image tokens (``method``: attention, random, norm or fastv) in the
        context store as ``dtype`` (f16, bf16 or int8); ``parts="image_only"`` drops the query (docs/paper.md
        section 7)."""
        request = _build.compress(image, k, method, dtype, prompt, parts, ttl, fastv_layer, seed, max_tokens)
        return ContextRef.from_proto(self._unary(self.stubs.decoder.Compress, request))

    def ask(self, context: Union[ContextRef, str], question: str, *, verbatim: bool = False, max_tokens: int = 0,
            temperature: float = 0.0,
            top_p: Optional[float] = None, seed: int = 0, trace: Optional[str] = None,
            layers: LayerSpec = None) -> Generation:
        """Streams the answer to a question from a compressed context (a ContextRef or its id)."""
        context_id = context.context_id if isinstance(context, ContextRef) else context
        request = _build.ask(context_id, question, verbatim=verbatim, trace=trace, layers=layers,
                             max_tokens=max_tokens, temperature=temperature, top_p=top_p, seed=seed)
        return Generation(self.stubs.decoder.Ask(request, metadata=self._metadata, timeout=self._timeout))

    # Judge and segmentation

    def judge(self, reference: str, candidate: str, backend: Optional[str] = None) -> judge_pb2.CompareResponse:
        """Objects of both descriptions, matched: TP, FP, FN, precision, recall, F1 (backend lexicon or llm)."""
        return self._unary(self.stubs.judge.Compare, _build.judge(reference, candidate, backend))

    def judge_batch(self, pairs: Sequence[Tuple[str, str]],
                    backend: Optional[str] = None) -> judge_pb2.CompareBatchResponse:
        """Scores (reference, candidate) pairs in order, with the mean and std of each score."""
        request = judge_pb2.CompareBatchRequest(pairs=[_build.judge(r, c, backend) for r, c in pairs])
        return self._unary(self.stubs.judge.CompareBatch, request)

    def segment(self, image: Image, objects: Iterable[str] = ()) -> Segments:
        """Masks (numpy bool [height, width]) of the named objects, or of every object found."""
        request = seg.SegmentRequest(image=_build.image_bytes(image), object_names=list(objects))
        return Segments.from_proto(self._unary(self.stubs.segmentation.Segment, request))

    def localize(self, attention_map: np.ndarray, mask: np.ndarray, *, tolerance_pixels: Optional[float] = None,
                 tolerance_cells: Optional[float] = None) -> seg.LocalizeResponse:
        """Whether the peak of a [grid_rows, grid_cols] attention map falls in a bool mask (docs/paper.md section 5)."""
        request = seg.LocalizeRequest(attention_map=tensor(attention_map), mask=rle_from_mask(mask))
        if tolerance_pixels is not None:
            request.tolerance.pixels = tolerance_pixels
        if tolerance_cells is not None:
            request.tolerance.cells = tolerance_cells
        return self._unary(self.stubs.segmentation.Localize, request)

    # Vision encoder

    def vision_info(self) -> vision_pb2.VisionInfo:
        """The vision encoder's model, input size, grid and limits."""
        return self._unary(self.stubs.vision.GetInfo, vision_pb2.GetInfoRequest())

    def encode(self, image: Image, dtype: str = "f32", reference_only: bool = False) -> Embedding:
        """The image's tokens in the decoder's space; ``key`` can be passed to ``generate(embedding_key=...)``."""
        request = vision_pb2.EncodeRequest(image=_build.image_bytes(image), reference_only=reference_only,
                                           dtype=_build.enum_value(common_pb2.DType, "DTYPE", dtype))
        return join_embedding(self._stream(self.stubs.vision.Encode, request))

    def embedding(self, key: str, dtype: str = "f32") -> Embedding:
        """A cached embedding by the key ``encode`` or a generation's ``prompt.embedding_key`` gave."""
        request = vision_pb2.GetEmbeddingRequest(embedding_key=key,
                                                 dtype=_build.enum_value(common_pb2.DType, "DTYPE", dtype))
        return join_embedding(self._stream(self.stubs.vision.GetEmbedding, request))

    # Context store

    def context(self, context_id: str) -> store.ContextEntry:
        """A stored context's description (size, checksum, times, metadata)."""
        return self._unary(self.stubs.store.Stat, store.StatRequest(context_id=context_id))

    def contexts(self, model_id: str = "", page_size: int = 0) -> Iterator[store.ContextEntry]:
        """Every stored entry, most recently used first, page by page."""
        token = ""
        while True:
            page = self._unary(self.stubs.store.List, store.ListRequest(page_size=page_size, page_token=token,
                                                                        model_id=model_id))
            yield from page.entries
            token = page.next_page_token
            if not token:
                return

    def context_bytes(self, context_id: str) -> bytes:
        """A stored blob's bytes (checked against the length its entry states)."""
        return join_blob(self._stream(self.stubs.store.Get, store.GetRequest(context_id=context_id)))

    def put_context(self, data: bytes, model_id: str, format: str, labels: Optional[dict] = None,
                    ttl: Optional[datetime.timedelta] = None) -> store.ContextEntry:
        """Stores a blob (chunked) and returns its entry with the id the store assigned."""
        return self._unary(self.stubs.store.Put, iter(_build.put(data, model_id, format, labels, ttl)))

    def delete_context(self, context_id: str) -> None:
        """Removes a stored context."""
        self._unary(self.stubs.store.Delete, store.DeleteRequest(context_id=context_id))

