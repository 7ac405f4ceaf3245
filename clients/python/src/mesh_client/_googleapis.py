"""The google.api and google.rpc messages: googleapis-common-protos' when installed, else the copies in _proto.

One process must hold one copy of each of these .proto files in protobuf's default descriptor pool; with
googleapis-common-protos installed (grpcio-status brings it) that copy is theirs.
"""
try:
    from google.api import annotations_pb2, http_pb2
    from google.rpc import code_pb2, error_details_pb2, status_pb2
except ImportError:
    from mesh_client._proto.google.api import annotations_pb2, http_pb2
    from mesh_client._proto.google.rpc import code_pb2, error_details_pb2, status_pb2

__all__ = ["annotations_pb2", "http_pb2", "code_pb2", "error_details_pb2", "status_pb2"]
