from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor
DTYPE_BF16: DType
DTYPE_F16: DType
DTYPE_F32: DType
DTYPE_INT8: DType
DTYPE_UNSPECIFIED: DType
TOKEN_GROUP_GENERATED: TokenGroup
TOKEN_GROUP_IMAGE: TokenGroup
TOKEN_GROUP_INSTRUCTION: TokenGroup
TOKEN_GROUP_PREFIX: TokenGroup
TOKEN_GROUP_QUERY: TokenGroup
TOKEN_GROUP_UNSPECIFIED: TokenGroup

class LayerList(_message.Message):
    __slots__ = ["layers"]
    LAYERS_FIELD_NUMBER: _ClassVar[int]
    layers: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, layers: _Optional[_Iterable[int]] = ...) -> None: ...

class LayerRange(_message.Message):
    __slots__ = ["first", "last"]
    FIRST_FIELD_NUMBER: _ClassVar[int]
    LAST_FIELD_NUMBER: _ClassVar[int]
    first: int
    last: int
    def __init__(self, first: _Optional[int] = ..., last: _Optional[int] = ...) -> None: ...

class LayerRanges(_message.Message):
    __slots__ = ["ranges"]
    RANGES_FIELD_NUMBER: _ClassVar[int]
    ranges: _containers.RepeatedCompositeFieldContainer[LayerRange]
    def __init__(self, ranges: _Optional[_Iterable[_Union[LayerRange, _Mapping]]] = ...) -> None: ...

class LayerSet(_message.Message):
    __slots__ = ["except_range", "from_layer", "layers", "ranges"]
    EXCEPT_RANGE_FIELD_NUMBER: _ClassVar[int]
    FROM_LAYER_FIELD_NUMBER: _ClassVar[int]
    LAYERS_FIELD_NUMBER: _ClassVar[int]
    RANGES_FIELD_NUMBER: _ClassVar[int]
    except_range: LayerRange
    from_layer: int
    layers: LayerList
    ranges: LayerRanges
    def __init__(self, layers: _Optional[_Union[LayerList, _Mapping]] = ..., ranges: _Optional[_Union[LayerRanges, _Mapping]] = ..., from_layer: _Optional[int] = ..., except_range: _Optional[_Union[LayerRange, _Mapping]] = ...) -> None: ...

class PositionSpan(_message.Message):
    __slots__ = ["end", "start"]
    END_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    end: int
    start: int
    def __init__(self, start: _Optional[int] = ..., end: _Optional[int] = ...) -> None: ...

class Tensor(_message.Message):
    __slots__ = ["data", "dtype", "shape"]
    DATA_FIELD_NUMBER: _ClassVar[int]
    DTYPE_FIELD_NUMBER: _ClassVar[int]
    SHAPE_FIELD_NUMBER: _ClassVar[int]
    data: bytes
    dtype: DType
    shape: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, dtype: _Optional[_Union[DType, str]] = ..., shape: _Optional[_Iterable[int]] = ..., data: _Optional[bytes] = ...) -> None: ...

class TensorHeader(_message.Message):
    __slots__ = ["byte_length", "dtype", "shape"]
    BYTE_LENGTH_FIELD_NUMBER: _ClassVar[int]
    DTYPE_FIELD_NUMBER: _ClassVar[int]
    SHAPE_FIELD_NUMBER: _ClassVar[int]
    byte_length: int
    dtype: DType
    shape: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, dtype: _Optional[_Union[DType, str]] = ..., shape: _Optional[_Iterable[int]] = ..., byte_length: _Optional[int] = ...) -> None: ...

class TokenSelector(_message.Message):
    __slots__ = ["group", "span"]
    GROUP_FIELD_NUMBER: _ClassVar[int]
    SPAN_FIELD_NUMBER: _ClassVar[int]
    group: TokenGroup
    span: PositionSpan
    def __init__(self, group: _Optional[_Union[TokenGroup, str]] = ..., span: _Optional[_Union[PositionSpan, _Mapping]] = ...) -> None: ...

class DType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class TokenGroup(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
