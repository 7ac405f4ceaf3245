"""The generated stubs of every Mesh service on one channel (sync or asyncio: the stubs take either)."""
from __future__ import annotations

from mesh_client._proto.mesh.contextstore.v1.context_store_pb2_grpc import ContextStoreStub
from mesh_client._proto.mesh.decoder.v1.decoder_pb2_grpc import DecoderStub
from mesh_client._proto.mesh.judge.v1.judge_pb2_grpc import JudgeStub
from mesh_client._proto.mesh.segmentation.v1.segmentation_pb2_grpc import SegmentationStub
from mesh_client._proto.mesh.vision.v1.vision_pb2_grpc import VisionEncoderStub


class Stubs:
    """``decoder``, ``vision``, ``store``, ``judge`` and ``segmentation`` stubs of one channel."""

    def __init__(self, channel) -> None:
        self.decoder = DecoderStub(channel)
        self.vision = VisionEncoderStub(channel)
        self.store = ContextStoreStub(channel)
        self.judge = JudgeStub(channel)
        self.segmentation = SegmentationStub(channel)
