"""The committed stubs are what generate_stubs.py makes from protos/ now (the protos are the single source)."""
import filecmp
import subprocess
import sys
from pathlib import Path

PYTHON_CLIENT = Path(__file__).resolve().parents[1]
COMMITTED = PYTHON_CLIENT / "src" / "mesh_client" / "_proto"


def tree(root: Path):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def test_the_committed_stubs_match_a_fresh_generation(tmp_path):
    fresh = tmp_path / "_proto"
    subprocess.run([sys.executable, str(PYTHON_CLIENT / "generate_stubs.py"), "--out", str(fresh)], check=True)
    assert tree(fresh) == tree(COMMITTED)
    stale = [name for name in tree(fresh) if not filecmp.cmp(fresh / name, COMMITTED / name, shallow=False)]
    assert stale == [], f"stale stubs {stale}: run /usr/bin/python3 clients/python/generate_stubs.py and commit"
