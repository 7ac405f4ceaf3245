"""A running mesh for the tests: its gateway address comes from MESH_ADDRESS.

CI runs these tests from tests/Mesh.EndToEnd.Tests (PythonPackageTests), which starts a mesh over models/shapes-vlm
with the judge and segmentation and sets MESH_ADDRESS. By hand: `mesh up --free-ports`, then
`MESH_ADDRESS=127.0.0.1:PORT /usr/bin/python3 -m pytest clients/python/tests`.
"""
import os
from pathlib import Path

import pytest

from mesh_client import MeshClient

REPO = Path(__file__).resolve().parents[3]
SAMPLES = REPO / "models" / "shapes-vlm" / "samples"


@pytest.fixture(scope="session")
def address() -> str:
    value = os.environ.get("MESH_ADDRESS")
    if not value:
        pytest.fail("MESH_ADDRESS is not set: start a mesh (mesh up --free-ports) and set it to the gateway's host:port")
    return value


@pytest.fixture(scope="session")
def client(address):
    with MeshClient(address, timeout=120) as c:
        yield c


@pytest.fixture(scope="session")
def info(client):
    return client.model_info()


@pytest.fixture
def scene() -> Path:
    """A bundled test scene: "a large blue diamond at the top right and a large red triangle at the bottom"."""
    return SAMPLES / "test-000001.png"
