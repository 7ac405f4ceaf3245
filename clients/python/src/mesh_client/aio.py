"""AsyncMeshClient: MeshClient's calls on asyncio (grpc.aio), with the same arguments and results.

    async with AsyncMeshClient("localhost:5000") as client:
        async for token in client.describe("scene.png", trace="fractions"):
            print(token.text, token.fractions[:, 0])     # attention on the image, per layer
        answer = await client.ask(await client.compress("scene.png", k=0.05), "what is left of the star?").text()
"""
from __future__ import annotations

import datetime
from typing import AsyncIterator, Iterable, Optional, Sequence, Tuple, Union

import grpc
import grpc.aio
import numpy as np

from mesh_client import _build
from mesh_client._build import DESCRIBE_PROMPT, Image
from mesh_client._stubs import Stubs
from mesh_client.errors import from_rpc_error
from mesh_client.generation import AsyncGeneration
from mesh_client.interventions import Knockout, LayerSpec
from mesh_client.results import ContextRef, Embedding, Segments, join_blob, join_embedding, rle_from_mask, tensor
from mesh_client._proto.mesh.common.v1 import common_pb2
from mesh_client._proto.mesh.contextstore.v1 import context_store_pb2 as store
from mesh_client._proto.mesh.decoder.v1 import decoder_pb2
from mesh_client._proto.mesh.judge.v1 import judge_pb2
from mesh_client._proto.mesh.segmentation.v1 import segmentation_pb2 as seg
from mesh_client._proto.mesh.vision.v1 import vision_pb2


class AsyncMeshClient:
    """The asyncio twin of :class:`mesh_client.MeshClient` (same arguments). Streams are ``AsyncGeneration``s."""

    def __init__(self, address: str, api_key: Optional[str] = None, *,
                 credentials: Optional[grpc.ChannelCredentials] = None, timeout: Optional[float] = None):
        self._channel = (grpc.aio.secure_channel(address, credentials) if credentials
                         else grpc.aio.insecure_channel(address))
        self._metadata = (("x-api-key", api_key),) if api_key else None
        self._timeout = timeout
        self.stubs = Stubs(self._channel)

    async def __aenter__(self) -> "AsyncMeshClient":
        return self

    async def __aexit__(self, *exc) -> None:
        await self.close()

    async def close(self) -> None:
        await self._channel.close()

    async def _unary(self, method, request):
        try:
            return await method(request, metadata=self._metadata, timeout=self._timeout)
        except grpc.RpcError as error:
            raise from_rpc_error(error) from None

    async def model_info(self) -> decoder_pb2.ModelInfo:
        """Layers, heads, image grid, context window and templates of the decoder's model."""
        return await self._unary(self.stubs.decoder.GetModelInfo, decoder_pb2.GetModelInfoRequest())

    def generate(self, image: Optional[Image] = None, prompt: str = DESCRIBE_PROMPT, *, verbatim: bool = False,
                 embedding_key: Optional[str] = None, max_tokens: int = 0, temperature: float = 0.0,
                 top_p: Optional[float] = None, seed: int = 0, stop_token_ids: Iterable[int] = (),
                 trace: Optional[str] = None, layers: LayerSpec = None, knockout: Optional[Knockout] = None,
                 selection: Optional[decoder_pb2.TokenSelection] = None) -> AsyncGeneration:
        """As ``MeshClient.generate``; iterate with ``async for`` or ``await .result()``."""
        request = _build.generate(image, prompt, verbatim=verbatim, embedding_key=embedding_key, trace=trace,
                                  layers=layers, knockout=knockout, select=selection, max_tokens=max_tokens,
                                  temperature=temperature, top_p=top_p, seed=seed, stop_token_ids=stop_token_ids)
        return AsyncGeneration(self.stubs.decoder.Generate(request, metadata=self._metadata, timeout=self._timeout))

    def describe(self, image: Image, prompt: str = DESCRIBE_PROMPT, **options) -> AsyncGeneration:
        """``generate`` of an image with "describe the image"."""
        return self.generate(image, prompt, **options)

    async def compress(self, image: Image, k: float = 0.05, method: str = "attention", dtype: str = "f16", *,
                       prompt: str = DESCRIBE_PROMPT, parts: str = "query_and_image",
                       ttl: Optional[datetime.timedelta] = None, fastv_layer: int = 0, seed: int = 0,
                       max_tokens: int = 0) -> ContextRef:
        """As ``MeshClient.compress``."""
        request = _build.compress(image, k, method, dtype, prompt, parts, ttl, fastv_layer, seed, max_tokens)
        return ContextRef.from_proto(await self._unary(self.stubs.decoder.Compress, request))

    def ask(self, context: Union[ContextRef, str], question: str, *, verbatim: bool = False, max_tokens: int = 0,
            temperature: float = 0.0,
            top_p: Optional[float] = None, seed: int = 0, trace: Optional[str] = None,
            layers: LayerSpec = None) -> AsyncGeneration:
        """As ``MeshClient.ask``."""
        context_id = context.context_id if isinstance(context, ContextRef) else context
        request = _build.ask(context_id, question, verbatim=verbatim, trace=trace, layers=layers,
                             max_tokens=max_tokens, temperature=temperature, top_p=top_p, seed=seed)
        return AsyncGeneration(self.stubs.decoder.Ask(request, metadata=self._metadata, timeout=self._timeout))

    async def judge(self, reference: str, candidate: str, backend: Optional[str] = None) -> judge_pb2.CompareResponse:
        """As ``MeshClient.judge``."""
        return await self._unary(self.stubs.judge.Compare, _build.judge(reference, candidate, backend))

    async def judge_batch(self, pairs: Sequence[Tuple[str, str]],
                          backend: Optional[str] = None) -> judge_pb2.CompareBatchResponse:
        """As ``MeshClient.judge_batch``."""
        request = judge_pb2.CompareBatchRequest(pairs=[_build.judge(r, c, backend) for r, c in pairs])
        return await self._unary(self.stubs.judge.CompareBatch, request)

    async def segment(self, image: Image, objects: Iterable[str] = ()) -> Segments:
        """As ``MeshClient.segment``."""
        request = seg.SegmentRequest(image=_build.image_bytes(image), object_names=list(objects))
        return Segments.from_proto(await self._unary(self.stubs.segmentation.Segment, request))

    async def localize(self, attention_map: np.ndarray, mask: np.ndarray, *, tolerance_pixels: Optional[float] = None,
                       tolerance_cells: Optional[float] = None) -> seg.LocalizeResponse:
        """As ``MeshClient.localize``."""
        request = seg.LocalizeRequest(attention_map=tensor(attention_map), mask=rle_from_mask(mask))
        if tolerance_pixels is not None:
            request.tolerance.pixels = tolerance_pixels
        if tolerance_cells is not None:
            request.tolerance.cells = tolerance_cells
        return await self._unary(self.stubs.segmentation.Localize, request)

    async def vision_info(self) -> vision_pb2.VisionInfo:
        """As ``MeshClient.vision_info``."""
        return await self._unary(self.stubs.vision.GetInfo, vision_pb2.GetInfoRequest())

    async def encode(self, image: Image, dtype: str = "f32", reference_only: bool = False) -> Embedding:
        """As ``MeshClient.encode``."""
        request = vision_pb2.EncodeRequest(image=_build.image_bytes(image), reference_only=reference_only,
                                           dtype=_build.enum_value(common_pb2.DType, "DTYPE", dtype))
        return await self._embedding(self.stubs.vision.Encode, request)

    async def embedding(self, key: str, dtype: str = "f32") -> Embedding:
        """As ``MeshClient.embedding``."""
        request = vision_pb2.GetEmbeddingRequest(embedding_key=key,
                                                 dtype=_build.enum_value(common_pb2.DType, "DTYPE", dtype))
        return await self._embedding(self.stubs.vision.GetEmbedding, request)

    async def _embedding(self, method, request) -> Embedding:
        return join_embedding(await self._collect(method, request))

    async def _collect(self, method, request) -> list:
        try:
            return [part async for part in method(request, metadata=self._metadata, timeout=self._timeout)]
        except grpc.RpcError as error:
            raise from_rpc_error(error) from None

    async def context(self, context_id: str) -> store.ContextEntry:
        """As ``MeshClient.context``."""
        return await self._unary(self.stubs.store.Stat, store.StatRequest(context_id=context_id))

    async def contexts(self, model_id: str = "", page_size: int = 0) -> AsyncIterator[store.ContextEntry]:
        """As ``MeshClient.contexts``: every stored entry, most recently used first."""
        token = ""
        while True:
            page = await self._unary(self.stubs.store.List, store.ListRequest(page_size=page_size, page_token=token,
                                                                              model_id=model_id))
            for entry in page.entries:
                yield entry
            token = page.next_page_token
            if not token:
                return

    async def context_bytes(self, context_id: str) -> bytes:
        """As ``MeshClient.context_bytes``."""
        return join_blob(await self._collect(self.stubs.store.Get, store.GetRequest(context_id=context_id)))

    async def put_context(self, data: bytes, model_id: str, format: str, labels: Optional[dict] = None,
                          ttl: Optional[datetime.timedelta] = None) -> store.ContextEntry:
        """As ``MeshClient.put_context``."""
        return await self._unary(self.stubs.store.Put, iter(_build.put(data, model_id, format, labels, ttl)))

    async def delete_context(self, context_id: str) -> None:
        """As ``MeshClient.delete_context``."""
        await self._unary(self.stubs.store.Delete, store.DeleteRequest(context_id=context_id))
