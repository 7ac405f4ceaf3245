from mesh_client._googleapis import annotations_pb2 as _annotations_pb2
from mesh_client._proto.mesh.common.v1 import common_pb2 as _common_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class EmbeddingHeader(_message.Message):
    __slots__ = ["cache_hit", "embedding_key", "model_id", "tensor"]
    CACHE_HIT_FIELD_NUMBER: _ClassVar[int]
    EMBEDDING_KEY_FIELD_NUMBER: _ClassVar[int]
    MODEL_ID_FIELD_NUMBER: _ClassVar[int]
    TENSOR_FIELD_NUMBER: _ClassVar[int]
    cache_hit: bool
    embedding_key: str
    model_id: str
    tensor: _common_pb2.TensorHeader
    def __init__(self, embedding_key: _Optional[str] = ..., model_id: _Optional[str] = ..., tensor: _Optional[_Union[_common_pb2.TensorHeader, _Mapping]] = ..., cache_hit: bool = ...) -> None: ...

class EncodeRequest(_message.Message):
    __slots__ = ["dtype", "image", "reference_only"]
    DTYPE_FIELD_NUMBER: _ClassVar[int]
    IMAGE_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_ONLY_FIELD_NUMBER: _ClassVar[int]
    dtype: _common_pb2.DType
    image: bytes
    reference_only: bool
    def __init__(self, image: _Optional[bytes] = ..., dtype: _Optional[_Union[_common_pb2.DType, str]] = ..., reference_only: bool = ...) -> None: ...

class EncodeResponse(_message.Message):
    __slots__ = ["data", "header"]
    DATA_FIELD_NUMBER: _ClassVar[int]
    HEADER_FIELD_NUMBER: _ClassVar[int]
    data: bytes
    header: EmbeddingHeader
    def __init__(self, header: _Optional[_Union[EmbeddingHeader, _Mapping]] = ..., data: _Optional[bytes] = ...) -> None: ...

class GetEmbeddingRequest(_message.Message):
    __slots__ = ["dtype", "embedding_key"]
    DTYPE_FIELD_NUMBER: _ClassVar[int]
    EMBEDDING_KEY_FIELD_NUMBER: _ClassVar[int]
    dtype: _common_pb2.DType
    embedding_key: str
    def __init__(self, embedding_key: _Optional[str] = ..., dtype: _Optional[_Union[_common_pb2.DType, str]] = ...) -> None: ...

class GetInfoRequest(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class VisionInfo(_message.Message):
    __slots__ = ["cache_capacity_bytes", "embedding_dim", "grid_cols", "grid_rows", "image_tokens", "input_height", "input_width", "max_image_bytes", "max_image_pixels", "model_id", "vision_sha256"]
    CACHE_CAPACITY_BYTES_FIELD_NUMBER: _ClassVar[int]
    EMBEDDING_DIM_FIELD_NUMBER: _ClassVar[int]
    GRID_COLS_FIELD_NUMBER: _ClassVar[int]
    GRID_ROWS_FIELD_NUMBER: _ClassVar[int]
    IMAGE_TOKENS_FIELD_NUMBER: _ClassVar[int]
    INPUT_HEIGHT_FIELD_NUMBER: _ClassVar[int]
    INPUT_WIDTH_FIELD_NUMBER: _ClassVar[int]
    MAX_IMAGE_BYTES_FIELD_NUMBER: _ClassVar[int]
    MAX_IMAGE_PIXELS_FIELD_NUMBER: _ClassVar[int]
    MODEL_ID_FIELD_NUMBER: _ClassVar[int]
    VISION_SHA256_FIELD_NUMBER: _ClassVar[int]
    cache_capacity_bytes: int
    embedding_dim: int
    grid_cols: int
    grid_rows: int
    image_tokens: int
    input_height: int
    input_width: int
    max_image_bytes: int
    max_image_pixels: int
    model_id: str
    vision_sha256: str
    def __init__(self, model_id: _Optional[str] = ..., vision_sha256: _Optional[str] = ..., input_height: _Optional[int] = ..., input_width: _Optional[int] = ..., image_tokens: _Optional[int] = ..., embedding_dim: _Optional[int] = ..., grid_rows: _Optional[int] = ..., grid_cols: _Optional[int] = ..., max_image_bytes: _Optional[int] = ..., max_image_pixels: _Optional[int] = ..., cache_capacity_bytes: _Optional[int] = ...) -> None: ...
