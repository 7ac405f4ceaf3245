"""Mesh's gRPC errors as exceptions that carry the status code and the decoded google.rpc details.

A failing call ends with a status; its `grpc-status-details-bin` trailer is a google.rpc.Status whose details are
`Any`s (a BadRequest naming the field for bad arguments, protos/README.md). They are decoded here with the google.rpc
protos, so grpcio-status is not needed.
"""
from __future__ import annotations

from typing import List, Optional, Sequence, Tuple, Type, TypeVar

import grpc
from google.protobuf import message as _message

from mesh_client._googleapis import error_details_pb2, status_pb2

_DETAILS_KEY = "grpc-status-details-bin"
# Every detail type of google/rpc/error_details.proto, by full name.
_DETAIL_TYPES = {cls.DESCRIPTOR.full_name: cls for cls in (
    error_details_pb2.BadRequest, error_details_pb2.ErrorInfo, error_details_pb2.RetryInfo,
    error_details_pb2.DebugInfo, error_details_pb2.QuotaFailure, error_details_pb2.PreconditionFailure,
    error_details_pb2.RequestInfo, error_details_pb2.ResourceInfo, error_details_pb2.Help,
    error_details_pb2.LocalizedMessage)}

M = TypeVar("M", bound=_message.Message)


class MeshError(Exception):
    """A Mesh call that ended with a non-OK gRPC status.

    Attributes:
        code: the gRPC status code (``grpc.StatusCode.INVALID_ARGUMENT`` ...).
        message: the server's message: what was wrong and what is allowed.
        details: the google.rpc detail messages (``BadRequest``, ``ResourceInfo``, ``RetryInfo`` ...), decoded;
            a detail of a type this package does not know stays a ``google.protobuf.Any``.
    """

    def __init__(self, code: grpc.StatusCode, message: str, details: Sequence[_message.Message] = ()):
        super().__init__(f"{code.name}: {message}")
        self.code = code
        self.message = message
        self.details: List[_message.Message] = list(details)

    def detail(self, kind: Type[M]) -> Optional[M]:
        """The first detail of the given type (e.g. ``error_details_pb2.BadRequest``), or None."""
        return next((d for d in self.details if isinstance(d, kind)), None)

    @property
    def field_violations(self) -> List[Tuple[str, str]]:
        """(field, description) of every BadRequest field violation, e.g. ``("sampling.top_p", "...")``."""
        bad = [d for d in self.details if isinstance(d, error_details_pb2.BadRequest)]
        return [(v.field, v.description) for b in bad for v in b.field_violations]


class InvalidArgumentError(MeshError):
    """INVALID_ARGUMENT: a bad request; ``field_violations`` names the field."""


class NotFoundError(MeshError):
    """NOT_FOUND: an unknown or expired context id or embedding key."""


class ResourceExhaustedError(MeshError):
    """RESOURCE_EXHAUSTED: a full queue, a rate limit or a message over the size limit."""


class UnavailableError(MeshError):
    """UNAVAILABLE: a service still loading or unreachable; a ``RetryInfo`` detail may say when to retry."""


class FailedPreconditionError(MeshError):
    """FAILED_PRECONDITION: e.g. a context built by another model."""


class UnauthenticatedError(MeshError):
    """UNAUTHENTICATED: the gateway wants an API key (``MeshClient(address, api_key=...)``)."""


_BY_CODE = {grpc.StatusCode.INVALID_ARGUMENT: InvalidArgumentError, grpc.StatusCode.NOT_FOUND: NotFoundError,
            grpc.StatusCode.RESOURCE_EXHAUSTED: ResourceExhaustedError, grpc.StatusCode.UNAVAILABLE: UnavailableError,
            grpc.StatusCode.FAILED_PRECONDITION: FailedPreconditionError,
            grpc.StatusCode.UNAUTHENTICATED: UnauthenticatedError}


def decode_details(trailing_metadata: Optional[Sequence[Tuple[str, object]]]) -> List[_message.Message]:
    """The detail messages of a call's ``grpc-status-details-bin`` trailer (none when absent)."""
    for key, value in trailing_metadata or ():
        if key == _DETAILS_KEY and isinstance(value, bytes):
            status = status_pb2.Status.FromString(value)
            return [_unpack(any_) for any_ in status.details]
    return []


def _unpack(any_) -> _message.Message:
    cls = _DETAIL_TYPES.get(any_.TypeName())
    if cls is None:
        return any_
    detail = cls()
    any_.Unpack(detail)
    return detail


def from_rpc_error(error: grpc.RpcError) -> MeshError:
    """The MeshError (the subclass of its code) for a failed sync or asyncio call."""
    code, message = error.code(), error.details() or ""
    cls = _BY_CODE.get(code, MeshError)
    return cls(code, message, decode_details(error.trailing_metadata()))
