#!/usr/bin/python3
"""Regenerates mesh_client's gRPC stubs from protos/ (the single source) into src/mesh_client/_proto.

Needs Debian's protoc and grpc_python_plugin (packages protobuf-compiler, protobuf-compiler-grpc; they match
Debian's python3-protobuf and python3-grpcio) and the google/api and google/rpc protos of the NuGet package
Google.Api.CommonProtos at the version Directory.Packages.props pins (restored by any `dotnet build`).

    /usr/bin/python3 clients/python/generate_stubs.py            # rewrite the committed stubs
    /usr/bin/python3 clients/python/generate_stubs.py --out DIR  # write them elsewhere (the up-to-date test)

protoc writes absolute imports (`from mesh.common.v1 import common_pb2`); they are rewritten to live inside the
package: mesh files under `mesh_client._proto.mesh`, google/api and google/rpc imports of mesh files through
`mesh_client._googleapis` (googleapis-common-protos when installed, else the copies generated here).
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
PROTOS = REPO / "protos"
PACKAGE = "mesh_client._proto"
# The google protos the mesh protos and the error details need (google/rpc/status.proto carries them).
# Debian's, whose output the committed stubs are (another protoc on PATH may write other code).
PROTOC, PLUGIN = "/usr/bin/protoc", "/usr/bin/grpc_python_plugin"
GOOGLE_PROTOS = ["google/api/annotations.proto", "google/api/http.proto", "google/rpc/code.proto",
                 "google/rpc/status.proto", "google/rpc/error_details.proto"]


def common_protos_root() -> Path:
    props = (REPO / "Directory.Packages.props").read_text()
    version = re.search(r'Include="Google\.Api\.CommonProtos" Version="([^"]+)"', props).group(1)
    packages = Path(os.environ.get("NUGET_PACKAGES", Path.home() / ".nuget" / "packages"))
    root = packages / "google.api.commonprotos" / version / "content" / "protos"
    if not (root / GOOGLE_PROTOS[0]).is_file():
        sys.exit(f"{root} is missing: restore the C# projects first (dotnet build services/Mesh.Contracts)")
    return root


def rewrite(text: str, is_mesh: bool) -> str:
    text = re.sub(r"^(from|import) mesh\.", rf"\1 {PACKAGE}.mesh.", text, flags=re.M)
    google = "mesh_client._googleapis" if is_mesh else None
    for area in ("api", "rpc"):
        target = google or f"{PACKAGE}.google.{area}"
        text = re.sub(rf"^from google\.{area} import", f"from {target} import", text, flags=re.M)
    return text


def generate(out: Path) -> None:
    mesh = sorted(str(p.relative_to(PROTOS)) for p in (PROTOS / "mesh").rglob("*.proto"))
    google = common_protos_root()
    with tempfile.TemporaryDirectory() as raw:
        system = ["-I/usr/include"] if Path("/usr/include/google/protobuf").is_dir() else []
        includes = [f"-I{PROTOS}", f"-I{google}", *system]
        run = [PROTOC, *includes, f"--python_out={raw}", f"--pyi_out={raw}"]
        subprocess.run([*run, *GOOGLE_PROTOS], check=True)
        subprocess.run([*run, f"--grpc_python_out={raw}", f"--plugin=protoc-gen-grpc_python={PLUGIN}",
                        *mesh], check=True)
        if out.exists():
            shutil.rmtree(out)
        for path in sorted(Path(raw).rglob("*.py*")):
            relative = path.relative_to(raw)
            target = out / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(rewrite(path.read_text(), relative.parts[0] == "mesh"))
        for folder in [out, *(p for p in out.rglob("*") if p.is_dir())]:
            (folder / "__init__.py").touch()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "src" / "mesh_client" / "_proto")
    args = parser.parse_args()
    for tool in (PROTOC, PLUGIN):
        if not Path(tool).is_file():
            sys.exit(f"{tool} is missing: apt-get install protobuf-compiler protobuf-compiler-grpc")
    generate(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
