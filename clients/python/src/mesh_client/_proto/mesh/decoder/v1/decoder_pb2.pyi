from mesh_client._googleapis import annotations_pb2 as _annotations_pb2
from google.protobuf import duration_pb2 as _duration_pb2
from mesh_client._proto.mesh.common.v1 import common_pb2 as _common_pb2
from mesh_client._proto.mesh.decoder.v1 import generation_pb2 as _generation_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

CONTEXT_PARTS_IMAGE_ONLY: ContextParts
CONTEXT_PARTS_QUERY_AND_IMAGE: ContextParts
CONTEXT_PARTS_UNSPECIFIED: ContextParts
DESCRIPTOR: _descriptor.FileDescriptor
SELECTION_METHOD_ATTENTION: SelectionMethod
SELECTION_METHOD_FASTV: SelectionMethod
SELECTION_METHOD_NONE: SelectionMethod
SELECTION_METHOD_NORM: SelectionMethod
SELECTION_METHOD_RANDOM: SelectionMethod
SELECTION_METHOD_UNSPECIFIED: SelectionMethod
TRACE_LEVEL_FRACTIONS: TraceLevel
TRACE_LEVEL_FULL_ROWS: TraceLevel
TRACE_LEVEL_IMAGE_MAPS: TraceLevel
TRACE_LEVEL_NONE: TraceLevel
TRACE_LEVEL_UNSPECIFIED: TraceLevel

class AskRequest(_message.Message):
    __slots__ = ["context_id", "question", "sampling", "trace"]
    CONTEXT_ID_FIELD_NUMBER: _ClassVar[int]
    QUESTION_FIELD_NUMBER: _ClassVar[int]
    SAMPLING_FIELD_NUMBER: _ClassVar[int]
    TRACE_FIELD_NUMBER: _ClassVar[int]
    context_id: str
    question: Prompt
    sampling: SamplingParams
    trace: TraceOptions
    def __init__(self, context_id: _Optional[str] = ..., question: _Optional[_Union[Prompt, _Mapping]] = ..., sampling: _Optional[_Union[SamplingParams, _Mapping]] = ..., trace: _Optional[_Union[TraceOptions, _Mapping]] = ...) -> None: ...

class CompressRequest(_message.Message):
    __slots__ = ["embedding_key", "image_bytes", "parts", "prompt", "sampling", "selection", "storage_dtype", "ttl"]
    EMBEDDING_KEY_FIELD_NUMBER: _ClassVar[int]
    IMAGE_BYTES_FIELD_NUMBER: _ClassVar[int]
    PARTS_FIELD_NUMBER: _ClassVar[int]
    PROMPT_FIELD_NUMBER: _ClassVar[int]
    SAMPLING_FIELD_NUMBER: _ClassVar[int]
    SELECTION_FIELD_NUMBER: _ClassVar[int]
    STORAGE_DTYPE_FIELD_NUMBER: _ClassVar[int]
    TTL_FIELD_NUMBER: _ClassVar[int]
    embedding_key: str
    image_bytes: bytes
    parts: ContextParts
    prompt: Prompt
    sampling: SamplingParams
    selection: TokenSelection
    storage_dtype: _common_pb2.DType
    ttl: _duration_pb2.Duration
    def __init__(self, image_bytes: _Optional[bytes] = ..., embedding_key: _Optional[str] = ..., prompt: _Optional[_Union[Prompt, _Mapping]] = ..., sampling: _Optional[_Union[SamplingParams, _Mapping]] = ..., selection: _Optional[_Union[TokenSelection, _Mapping]] = ..., storage_dtype: _Optional[_Union[_common_pb2.DType, str]] = ..., ttl: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ..., parts: _Optional[_Union[ContextParts, str]] = ...) -> None: ...

class CompressResponse(_message.Message):
    __slots__ = ["context_id", "description", "full_kv_bytes", "image_tokens_full", "image_tokens_kept", "storage_dtype", "stored_bytes", "tokens_full", "tokens_kept"]
    CONTEXT_ID_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    FULL_KV_BYTES_FIELD_NUMBER: _ClassVar[int]
    IMAGE_TOKENS_FULL_FIELD_NUMBER: _ClassVar[int]
    IMAGE_TOKENS_KEPT_FIELD_NUMBER: _ClassVar[int]
    STORAGE_DTYPE_FIELD_NUMBER: _ClassVar[int]
    STORED_BYTES_FIELD_NUMBER: _ClassVar[int]
    TOKENS_FULL_FIELD_NUMBER: _ClassVar[int]
    TOKENS_KEPT_FIELD_NUMBER: _ClassVar[int]
    context_id: str
    description: str
    full_kv_bytes: int
    image_tokens_full: int
    image_tokens_kept: int
    storage_dtype: _common_pb2.DType
    stored_bytes: int
    tokens_full: int
    tokens_kept: int
    def __init__(self, context_id: _Optional[str] = ..., stored_bytes: _Optional[int] = ..., tokens_kept: _Optional[int] = ..., tokens_full: _Optional[int] = ..., image_tokens_kept: _Optional[int] = ..., image_tokens_full: _Optional[int] = ..., full_kv_bytes: _Optional[int] = ..., storage_dtype: _Optional[_Union[_common_pb2.DType, str]] = ..., description: _Optional[str] = ...) -> None: ...

class GenerateRequest(_message.Message):
    __slots__ = ["embedding_key", "image_bytes", "knockout", "prompt", "sampling", "selection", "trace"]
    EMBEDDING_KEY_FIELD_NUMBER: _ClassVar[int]
    IMAGE_BYTES_FIELD_NUMBER: _ClassVar[int]
    KNOCKOUT_FIELD_NUMBER: _ClassVar[int]
    PROMPT_FIELD_NUMBER: _ClassVar[int]
    SAMPLING_FIELD_NUMBER: _ClassVar[int]
    SELECTION_FIELD_NUMBER: _ClassVar[int]
    TRACE_FIELD_NUMBER: _ClassVar[int]
    embedding_key: str
    image_bytes: bytes
    knockout: Knockout
    prompt: Prompt
    sampling: SamplingParams
    selection: TokenSelection
    trace: TraceOptions
    def __init__(self, image_bytes: _Optional[bytes] = ..., embedding_key: _Optional[str] = ..., prompt: _Optional[_Union[Prompt, _Mapping]] = ..., sampling: _Optional[_Union[SamplingParams, _Mapping]] = ..., knockout: _Optional[_Union[Knockout, _Mapping]] = ..., trace: _Optional[_Union[TraceOptions, _Mapping]] = ..., selection: _Optional[_Union[TokenSelection, _Mapping]] = ...) -> None: ...

class GetModelInfoRequest(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class Knockout(_message.Message):
    __slots__ = ["edges", "layers"]
    EDGES_FIELD_NUMBER: _ClassVar[int]
    LAYERS_FIELD_NUMBER: _ClassVar[int]
    edges: _containers.RepeatedCompositeFieldContainer[KnockoutEdge]
    layers: _common_pb2.LayerSet
    def __init__(self, edges: _Optional[_Iterable[_Union[KnockoutEdge, _Mapping]]] = ..., layers: _Optional[_Union[_common_pb2.LayerSet, _Mapping]] = ...) -> None: ...

class KnockoutEdge(_message.Message):
    __slots__ = ["source", "target"]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    source: _common_pb2.TokenSelector
    target: _common_pb2.TokenSelector
    def __init__(self, source: _Optional[_Union[_common_pb2.TokenSelector, _Mapping]] = ..., target: _Optional[_Union[_common_pb2.TokenSelector, _Mapping]] = ...) -> None: ...

class ModelInfo(_message.Message):
    __slots__ = ["chat_template", "context_window", "default_max_tokens", "follow_up_template", "head_dim", "hidden_size", "image_grid_cols", "image_grid_rows", "image_marker", "image_token_count", "max_tokens_limit", "model_id", "model_name", "num_heads", "num_kv_heads", "num_layers", "stop_token_ids", "vocab_size"]
    CHAT_TEMPLATE_FIELD_NUMBER: _ClassVar[int]
    CONTEXT_WINDOW_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_MAX_TOKENS_FIELD_NUMBER: _ClassVar[int]
    FOLLOW_UP_TEMPLATE_FIELD_NUMBER: _ClassVar[int]
    HEAD_DIM_FIELD_NUMBER: _ClassVar[int]
    HIDDEN_SIZE_FIELD_NUMBER: _ClassVar[int]
    IMAGE_GRID_COLS_FIELD_NUMBER: _ClassVar[int]
    IMAGE_GRID_ROWS_FIELD_NUMBER: _ClassVar[int]
    IMAGE_MARKER_FIELD_NUMBER: _ClassVar[int]
    IMAGE_TOKEN_COUNT_FIELD_NUMBER: _ClassVar[int]
    MAX_TOKENS_LIMIT_FIELD_NUMBER: _ClassVar[int]
    MODEL_ID_FIELD_NUMBER: _ClassVar[int]
    MODEL_NAME_FIELD_NUMBER: _ClassVar[int]
    NUM_HEADS_FIELD_NUMBER: _ClassVar[int]
    NUM_KV_HEADS_FIELD_NUMBER: _ClassVar[int]
    NUM_LAYERS_FIELD_NUMBER: _ClassVar[int]
    STOP_TOKEN_IDS_FIELD_NUMBER: _ClassVar[int]
    VOCAB_SIZE_FIELD_NUMBER: _ClassVar[int]
    chat_template: str
    context_window: int
    default_max_tokens: int
    follow_up_template: str
    head_dim: int
    hidden_size: int
    image_grid_cols: int
    image_grid_rows: int
    image_marker: str
    image_token_count: int
    max_tokens_limit: int
    model_id: str
    model_name: str
    num_heads: int
    num_kv_heads: int
    num_layers: int
    stop_token_ids: _containers.RepeatedScalarFieldContainer[int]
    vocab_size: int
    def __init__(self, model_id: _Optional[str] = ..., num_layers: _Optional[int] = ..., num_heads: _Optional[int] = ..., num_kv_heads: _Optional[int] = ..., hidden_size: _Optional[int] = ..., head_dim: _Optional[int] = ..., vocab_size: _Optional[int] = ..., image_grid_rows: _Optional[int] = ..., image_grid_cols: _Optional[int] = ..., image_token_count: _Optional[int] = ..., context_window: _Optional[int] = ..., chat_template: _Optional[str] = ..., follow_up_template: _Optional[str] = ..., image_marker: _Optional[str] = ..., stop_token_ids: _Optional[_Iterable[int]] = ..., max_tokens_limit: _Optional[int] = ..., default_max_tokens: _Optional[int] = ..., model_name: _Optional[str] = ...) -> None: ...

class Prompt(_message.Message):
    __slots__ = ["text", "verbatim"]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    VERBATIM_FIELD_NUMBER: _ClassVar[int]
    text: str
    verbatim: bool
    def __init__(self, text: _Optional[str] = ..., verbatim: bool = ...) -> None: ...

class SamplingParams(_message.Message):
    __slots__ = ["max_tokens", "seed", "stop_token_ids", "temperature", "top_p"]
    MAX_TOKENS_FIELD_NUMBER: _ClassVar[int]
    SEED_FIELD_NUMBER: _ClassVar[int]
    STOP_TOKEN_IDS_FIELD_NUMBER: _ClassVar[int]
    TEMPERATURE_FIELD_NUMBER: _ClassVar[int]
    TOP_P_FIELD_NUMBER: _ClassVar[int]
    max_tokens: int
    seed: int
    stop_token_ids: _containers.RepeatedScalarFieldContainer[int]
    temperature: float
    top_p: float
    def __init__(self, max_tokens: _Optional[int] = ..., temperature: _Optional[float] = ..., top_p: _Optional[float] = ..., seed: _Optional[int] = ..., stop_token_ids: _Optional[_Iterable[int]] = ...) -> None: ...

class TokenSelection(_message.Message):
    __slots__ = ["fastv_layer", "k", "method", "seed"]
    FASTV_LAYER_FIELD_NUMBER: _ClassVar[int]
    K_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    SEED_FIELD_NUMBER: _ClassVar[int]
    fastv_layer: int
    k: float
    method: SelectionMethod
    seed: int
    def __init__(self, method: _Optional[_Union[SelectionMethod, str]] = ..., k: _Optional[float] = ..., fastv_layer: _Optional[int] = ..., seed: _Optional[int] = ...) -> None: ...

class TraceOptions(_message.Message):
    __slots__ = ["layers", "level"]
    LAYERS_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    layers: _common_pb2.LayerSet
    level: TraceLevel
    def __init__(self, level: _Optional[_Union[TraceLevel, str]] = ..., layers: _Optional[_Union[_common_pb2.LayerSet, _Mapping]] = ...) -> None: ...

class TraceLevel(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class SelectionMethod(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class ContextParts(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
