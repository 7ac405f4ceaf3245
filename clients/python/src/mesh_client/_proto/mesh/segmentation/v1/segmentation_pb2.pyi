from mesh_client._googleapis import annotations_pb2 as _annotations_pb2
from mesh_client._proto.mesh.common.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class LocalizeRequest(_message.Message):
    __slots__ = ["attention_map", "mask", "tolerance"]
    ATTENTION_MAP_FIELD_NUMBER: _ClassVar[int]
    MASK_FIELD_NUMBER: _ClassVar[int]
    TOLERANCE_FIELD_NUMBER: _ClassVar[int]
    attention_map: _common_pb2.Tensor
    mask: RleMask
    tolerance: Tolerance
    def __init__(self, attention_map: _Optional[_Union[_common_pb2.Tensor, _Mapping]] = ..., mask: _Optional[_Union[RleMask, _Mapping]] = ..., tolerance: _Optional[_Union[Tolerance, _Mapping]] = ...) -> None: ...

class LocalizeResponse(_message.Message):
    __slots__ = ["distance_pixels", "hit", "peak_col", "peak_row", "peak_x", "peak_y", "tolerance_pixels"]
    DISTANCE_PIXELS_FIELD_NUMBER: _ClassVar[int]
    HIT_FIELD_NUMBER: _ClassVar[int]
    PEAK_COL_FIELD_NUMBER: _ClassVar[int]
    PEAK_ROW_FIELD_NUMBER: _ClassVar[int]
    PEAK_X_FIELD_NUMBER: _ClassVar[int]
    PEAK_Y_FIELD_NUMBER: _ClassVar[int]
    TOLERANCE_PIXELS_FIELD_NUMBER: _ClassVar[int]
    distance_pixels: float
    hit: bool
    peak_col: int
    peak_row: int
    peak_x: int
    peak_y: int
    tolerance_pixels: float
    def __init__(self, hit: bool = ..., peak_x: _Optional[int] = ..., peak_y: _Optional[int] = ..., peak_row: _Optional[int] = ..., peak_col: _Optional[int] = ..., distance_pixels: _Optional[float] = ..., tolerance_pixels: _Optional[float] = ...) -> None: ...

class ObjectMask(_message.Message):
    __slots__ = ["area", "mask", "name", "score"]
    AREA_FIELD_NUMBER: _ClassVar[int]
    MASK_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    area: int
    mask: RleMask
    name: str
    score: float
    def __init__(self, name: _Optional[str] = ..., mask: _Optional[_Union[RleMask, _Mapping]] = ..., score: _Optional[float] = ..., area: _Optional[int] = ...) -> None: ...

class RleMask(_message.Message):
    __slots__ = ["counts", "height", "width"]
    COUNTS_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    WIDTH_FIELD_NUMBER: _ClassVar[int]
    counts: _containers.RepeatedScalarFieldContainer[int]
    height: int
    width: int
    def __init__(self, height: _Optional[int] = ..., width: _Optional[int] = ..., counts: _Optional[_Iterable[int]] = ...) -> None: ...

class SegmentRequest(_message.Message):
    __slots__ = ["image", "object_names"]
    IMAGE_FIELD_NUMBER: _ClassVar[int]
    OBJECT_NAMES_FIELD_NUMBER: _ClassVar[int]
    image: bytes
    object_names: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, image: _Optional[bytes] = ..., object_names: _Optional[_Iterable[str]] = ...) -> None: ...

class SegmentResponse(_message.Message):
    __slots__ = ["image_height", "image_width", "objects"]
    IMAGE_HEIGHT_FIELD_NUMBER: _ClassVar[int]
    IMAGE_WIDTH_FIELD_NUMBER: _ClassVar[int]
    OBJECTS_FIELD_NUMBER: _ClassVar[int]
    image_height: int
    image_width: int
    objects: _containers.RepeatedCompositeFieldContainer[ObjectMask]
    def __init__(self, image_height: _Optional[int] = ..., image_width: _Optional[int] = ..., objects: _Optional[_Iterable[_Union[ObjectMask, _Mapping]]] = ...) -> None: ...

class Tolerance(_message.Message):
    __slots__ = ["cells", "pixels"]
    CELLS_FIELD_NUMBER: _ClassVar[int]
    PIXELS_FIELD_NUMBER: _ClassVar[int]
    cells: float
    pixels: float
    def __init__(self, pixels: _Optional[float] = ..., cells: _Optional[float] = ...) -> None: ...
