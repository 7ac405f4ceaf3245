from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor
STOP_REASON_CONTEXT_WINDOW: StopReason
STOP_REASON_MAX_TOKENS: StopReason
STOP_REASON_STOP_TOKEN: StopReason
STOP_REASON_UNSPECIFIED: StopReason

class AttentionRowChunk(_message.Message):
    __slots__ = ["head", "layer", "offset", "row_length", "token_index", "values_f16"]
    HEAD_FIELD_NUMBER: _ClassVar[int]
    LAYER_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    ROW_LENGTH_FIELD_NUMBER: _ClassVar[int]
    TOKEN_INDEX_FIELD_NUMBER: _ClassVar[int]
    VALUES_F16_FIELD_NUMBER: _ClassVar[int]
    head: int
    layer: int
    offset: int
    row_length: int
    token_index: int
    values_f16: bytes
    def __init__(self, token_index: _Optional[int] = ..., layer: _Optional[int] = ..., head: _Optional[int] = ..., offset: _Optional[int] = ..., row_length: _Optional[int] = ..., values_f16: _Optional[bytes] = ...) -> None: ...

class GenerateEvent(_message.Message):
    __slots__ = ["prompt", "rows", "summary", "token", "traces"]
    PROMPT_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    TRACES_FIELD_NUMBER: _ClassVar[int]
    prompt: PromptEvent
    rows: AttentionRowChunk
    summary: GenerateSummary
    token: TokenEvent
    traces: LayerTraces
    def __init__(self, prompt: _Optional[_Union[PromptEvent, _Mapping]] = ..., token: _Optional[_Union[TokenEvent, _Mapping]] = ..., traces: _Optional[_Union[LayerTraces, _Mapping]] = ..., rows: _Optional[_Union[AttentionRowChunk, _Mapping]] = ..., summary: _Optional[_Union[GenerateSummary, _Mapping]] = ...) -> None: ...

class GenerateSummary(_message.Message):
    __slots__ = ["generated_tokens", "prompt_tokens", "stop_reason", "text", "time_to_first_token", "total_time", "trace_bytes"]
    GENERATED_TOKENS_FIELD_NUMBER: _ClassVar[int]
    PROMPT_TOKENS_FIELD_NUMBER: _ClassVar[int]
    STOP_REASON_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    TIME_TO_FIRST_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_TIME_FIELD_NUMBER: _ClassVar[int]
    TRACE_BYTES_FIELD_NUMBER: _ClassVar[int]
    generated_tokens: int
    prompt_tokens: int
    stop_reason: StopReason
    text: str
    time_to_first_token: _duration_pb2.Duration
    total_time: _duration_pb2.Duration
    trace_bytes: int
    def __init__(self, stop_reason: _Optional[_Union[StopReason, str]] = ..., prompt_tokens: _Optional[int] = ..., generated_tokens: _Optional[int] = ..., time_to_first_token: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ..., total_time: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ..., trace_bytes: _Optional[int] = ..., text: _Optional[str] = ...) -> None: ...

class ImageMap(_message.Message):
    __slots__ = ["grid_cols", "grid_rows", "values_f16"]
    GRID_COLS_FIELD_NUMBER: _ClassVar[int]
    GRID_ROWS_FIELD_NUMBER: _ClassVar[int]
    VALUES_F16_FIELD_NUMBER: _ClassVar[int]
    grid_cols: int
    grid_rows: int
    values_f16: bytes
    def __init__(self, grid_rows: _Optional[int] = ..., grid_cols: _Optional[int] = ..., values_f16: _Optional[bytes] = ...) -> None: ...

class LayerTrace(_message.Message):
    __slots__ = ["generated", "image", "image_map", "layer", "query"]
    GENERATED_FIELD_NUMBER: _ClassVar[int]
    IMAGE_FIELD_NUMBER: _ClassVar[int]
    IMAGE_MAP_FIELD_NUMBER: _ClassVar[int]
    LAYER_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    generated: float
    image: float
    image_map: ImageMap
    layer: int
    query: float
    def __init__(self, layer: _Optional[int] = ..., image: _Optional[float] = ..., query: _Optional[float] = ..., generated: _Optional[float] = ..., image_map: _Optional[_Union[ImageMap, _Mapping]] = ...) -> None: ...

class LayerTraces(_message.Message):
    __slots__ = ["layers", "token_index"]
    LAYERS_FIELD_NUMBER: _ClassVar[int]
    TOKEN_INDEX_FIELD_NUMBER: _ClassVar[int]
    layers: _containers.RepeatedCompositeFieldContainer[LayerTrace]
    token_index: int
    def __init__(self, token_index: _Optional[int] = ..., layers: _Optional[_Iterable[_Union[LayerTrace, _Mapping]]] = ...) -> None: ...

class PromptEvent(_message.Message):
    __slots__ = ["context_id", "embedding_key", "grid_cols", "grid_rows", "image_end", "image_start", "prompt_tokens"]
    CONTEXT_ID_FIELD_NUMBER: _ClassVar[int]
    EMBEDDING_KEY_FIELD_NUMBER: _ClassVar[int]
    GRID_COLS_FIELD_NUMBER: _ClassVar[int]
    GRID_ROWS_FIELD_NUMBER: _ClassVar[int]
    IMAGE_END_FIELD_NUMBER: _ClassVar[int]
    IMAGE_START_FIELD_NUMBER: _ClassVar[int]
    PROMPT_TOKENS_FIELD_NUMBER: _ClassVar[int]
    context_id: str
    embedding_key: str
    grid_cols: int
    grid_rows: int
    image_end: int
    image_start: int
    prompt_tokens: int
    def __init__(self, prompt_tokens: _Optional[int] = ..., image_start: _Optional[int] = ..., image_end: _Optional[int] = ..., grid_rows: _Optional[int] = ..., grid_cols: _Optional[int] = ..., embedding_key: _Optional[str] = ..., context_id: _Optional[str] = ...) -> None: ...

class TokenEvent(_message.Message):
    __slots__ = ["id", "index", "logprob", "text"]
    ID_FIELD_NUMBER: _ClassVar[int]
    INDEX_FIELD_NUMBER: _ClassVar[int]
    LOGPROB_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    id: int
    index: int
    logprob: float
    text: str
    def __init__(self, index: _Optional[int] = ..., id: _Optional[int] = ..., text: _Optional[str] = ..., logprob: _Optional[float] = ...) -> None: ...

class StopReason(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
