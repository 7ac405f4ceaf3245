from mesh_client._googleapis import annotations_pb2 as _annotations_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor
JUDGE_BACKEND_LEXICON: JudgeBackend
JUDGE_BACKEND_LLM: JudgeBackend
JUDGE_BACKEND_UNSPECIFIED: JudgeBackend

class CompareBatchRequest(_message.Message):
    __slots__ = ["pairs"]
    PAIRS_FIELD_NUMBER: _ClassVar[int]
    pairs: _containers.RepeatedCompositeFieldContainer[CompareRequest]
    def __init__(self, pairs: _Optional[_Iterable[_Union[CompareRequest, _Mapping]]] = ...) -> None: ...

class CompareBatchResponse(_message.Message):
    __slots__ = ["f1", "precision", "recall", "results"]
    F1_FIELD_NUMBER: _ClassVar[int]
    PRECISION_FIELD_NUMBER: _ClassVar[int]
    RECALL_FIELD_NUMBER: _ClassVar[int]
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    f1: ScoreSummary
    precision: ScoreSummary
    recall: ScoreSummary
    results: _containers.RepeatedCompositeFieldContainer[CompareResponse]
    def __init__(self, results: _Optional[_Iterable[_Union[CompareResponse, _Mapping]]] = ..., precision: _Optional[_Union[ScoreSummary, _Mapping]] = ..., recall: _Optional[_Union[ScoreSummary, _Mapping]] = ..., f1: _Optional[_Union[ScoreSummary, _Mapping]] = ...) -> None: ...

class CompareRequest(_message.Message):
    __slots__ = ["backend", "candidate", "reference"]
    BACKEND_FIELD_NUMBER: _ClassVar[int]
    CANDIDATE_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    backend: JudgeBackend
    candidate: str
    reference: str
    def __init__(self, reference: _Optional[str] = ..., candidate: _Optional[str] = ..., backend: _Optional[_Union[JudgeBackend, str]] = ...) -> None: ...

class CompareResponse(_message.Message):
    __slots__ = ["backend", "candidate_objects", "f1", "false_negatives", "false_positives", "precision", "recall", "reference_objects", "true_positives"]
    BACKEND_FIELD_NUMBER: _ClassVar[int]
    CANDIDATE_OBJECTS_FIELD_NUMBER: _ClassVar[int]
    F1_FIELD_NUMBER: _ClassVar[int]
    FALSE_NEGATIVES_FIELD_NUMBER: _ClassVar[int]
    FALSE_POSITIVES_FIELD_NUMBER: _ClassVar[int]
    PRECISION_FIELD_NUMBER: _ClassVar[int]
    RECALL_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_OBJECTS_FIELD_NUMBER: _ClassVar[int]
    TRUE_POSITIVES_FIELD_NUMBER: _ClassVar[int]
    backend: JudgeBackend
    candidate_objects: _containers.RepeatedScalarFieldContainer[str]
    f1: float
    false_negatives: _containers.RepeatedScalarFieldContainer[str]
    false_positives: _containers.RepeatedScalarFieldContainer[str]
    precision: float
    recall: float
    reference_objects: _containers.RepeatedScalarFieldContainer[str]
    true_positives: _containers.RepeatedCompositeFieldContainer[ObjectMatch]
    def __init__(self, reference_objects: _Optional[_Iterable[str]] = ..., candidate_objects: _Optional[_Iterable[str]] = ..., true_positives: _Optional[_Iterable[_Union[ObjectMatch, _Mapping]]] = ..., false_negatives: _Optional[_Iterable[str]] = ..., false_positives: _Optional[_Iterable[str]] = ..., precision: _Optional[float] = ..., recall: _Optional[float] = ..., f1: _Optional[float] = ..., backend: _Optional[_Union[JudgeBackend, str]] = ...) -> None: ...

class ObjectMatch(_message.Message):
    __slots__ = ["candidate", "reference"]
    CANDIDATE_FIELD_NUMBER: _ClassVar[int]
    REFERENCE_FIELD_NUMBER: _ClassVar[int]
    candidate: str
    reference: str
    def __init__(self, reference: _Optional[str] = ..., candidate: _Optional[str] = ...) -> None: ...

class ScoreSummary(_message.Message):
    __slots__ = ["mean", "std"]
    MEAN_FIELD_NUMBER: _ClassVar[int]
    STD_FIELD_NUMBER: _ClassVar[int]
    mean: float
    std: float
    def __init__(self, mean: _Optional[float] = ..., std: _Optional[float] = ...) -> None: ...

class JudgeBackend(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
