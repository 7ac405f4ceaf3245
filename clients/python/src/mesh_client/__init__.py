"""Python client of Mesh: streamed generation with attention traces as numpy arrays, knockouts, compressed
contexts, the judge and segmentation, over the stubs generated from protos/ (sync: MeshClient; asyncio:
mesh_client.aio.AsyncMeshClient). See clients/python/README.md.
"""
from mesh_client._build import selection
from mesh_client.aio import AsyncMeshClient
from mesh_client.client import MeshClient
from mesh_client.errors import (FailedPreconditionError, InvalidArgumentError, MeshError, NotFoundError,
                                ResourceExhaustedError, UnauthenticatedError, UnavailableError)
from mesh_client.generation import AsyncGeneration, Generation, GenerationResult
from mesh_client.interventions import Knockout, Layers
from mesh_client.results import ContextRef, Embedding, ObjectMask, Segments
from mesh_client.tokens import FRACTION_COLUMNS, PromptInfo, Summary, Token

__all__ = ["MeshClient", "AsyncMeshClient", "Knockout", "Layers", "selection", "Generation", "AsyncGeneration",
           "GenerationResult", "Token", "PromptInfo", "Summary", "FRACTION_COLUMNS", "ContextRef", "Embedding",
           "ObjectMask", "Segments", "MeshError", "InvalidArgumentError", "NotFoundError", "ResourceExhaustedError",
           "UnavailableError", "FailedPreconditionError", "UnauthenticatedError"]
