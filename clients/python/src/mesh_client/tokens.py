"""Generated tokens with their attention traces as numpy arrays, assembled from a Generate or Ask event stream.

The stream (protos/README.md, "Streaming") is one PromptEvent, then per token its TokenEvent, LayerTraces and
AttentionRowChunks, then one GenerateSummary. A token is complete when the next token or the summary arrives.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

import numpy as np

from mesh_client._proto.mesh.decoder.v1 import generation_pb2

# Columns of Token.fractions: attention mass of the predicting row on each group, summing to 1 (docs/paper.md section 2).
FRACTION_COLUMNS = ("image", "query", "generated")


def f16(data: bytes) -> np.ndarray:
    """Little-endian IEEE binary16 bytes as float32."""
    return np.frombuffer(data, dtype="<f2").astype(np.float32)


@dataclass(frozen=True)
class PromptInfo:
    """Where the groups of the prompt lie: IMAGE is [image_start, image_end); token t sits at prompt_tokens + t."""

    prompt_tokens: int
    image_start: int
    image_end: int
    grid_rows: int
    grid_cols: int
    embedding_key: str
    context_id: str


@dataclass(frozen=True)
class Token:
    """One generated token and the attention of the row that predicted it, for each traced layer.

    Attributes:
        layers: int32 [n_layers], the traced layers in increasing order (empty without traces).
        fractions: float32 [n_layers, 3], columns FRACTION_COLUMNS (image, query, generated); None without traces.
        image_maps: float32 [n_layers, grid_rows, grid_cols], head-averaged attention on the image tokens
            (unnormalised); None below trace level "image_maps".
        rows: float32 [n_layers, heads, row_length], every head's full attention row; None below "full_rows".
    """

    index: int
    id: int
    text: str
    logprob: float
    layers: np.ndarray
    fractions: Optional[np.ndarray] = None
    image_maps: Optional[np.ndarray] = None
    rows: Optional[np.ndarray] = None


@dataclass(frozen=True)
class Summary:
    """The end of a stream: why it stopped, counts, times in seconds, the whole text."""

    text: str
    stop_reason: str
    prompt_tokens: int
    generated_tokens: int
    time_to_first_token: float
    total_time: float
    trace_bytes: int


class TokenAssembler:
    """Folds GenerateEvents into PromptInfo, Tokens and a Summary; ``feed`` returns the tokens it completed."""

    def __init__(self) -> None:
        self.prompt: Optional[PromptInfo] = None
        self.summary: Optional[Summary] = None
        self._token: Optional[generation_pb2.TokenEvent] = None
        self._traces: Optional[generation_pb2.LayerTraces] = None
        self._rows: Dict[Tuple[int, int], Tuple[int, List[Tuple[int, bytes]]]] = {}

    def feed(self, event: generation_pb2.GenerateEvent) -> List[Token]:
        kind = event.WhichOneof("event")
        done: List[Token] = []
        if kind == "prompt":
            p = event.prompt
            self.prompt = PromptInfo(p.prompt_tokens, p.image_start, p.image_end, p.grid_rows, p.grid_cols,
                                     p.embedding_key, p.context_id)
        elif kind == "token":
            done += self._flush()
            self._token = event.token
        elif kind == "traces":
            self._traces = event.traces
        elif kind == "rows":
            r = event.rows
            self._rows.setdefault((r.layer, r.head), (r.row_length, []))[1].append((r.offset, r.values_f16))
        elif kind == "summary":
            done += self._flush()
            s = event.summary
            self.summary = Summary(s.text, generation_pb2.StopReason.Name(s.stop_reason), s.prompt_tokens,
                                   s.generated_tokens, s.time_to_first_token.ToTimedelta().total_seconds(),
                                   s.total_time.ToTimedelta().total_seconds(), s.trace_bytes)
        return done

    def _flush(self) -> List[Token]:
        if self._token is None:
            return []
        t, traces = self._token, self._traces.layers if self._traces is not None else []
        layers = np.array([l.layer for l in traces], dtype=np.int32)
        fractions = np.array([[l.image, l.query, l.generated] for l in traces], dtype=np.float32).reshape(-1, 3) \
            if traces else None
        maps = None
        if traces and all(l.HasField("image_map") for l in traces):
            # [n_layers, grid_rows, grid_cols]
            maps = np.stack([f16(l.image_map.values_f16).reshape(l.image_map.grid_rows, l.image_map.grid_cols)
                             for l in traces])
        token = Token(t.index, t.id, t.text, t.logprob, layers, fractions, maps, self._assemble_rows())
        self._token, self._traces, self._rows = None, None, {}
        return [token]

    def _assemble_rows(self) -> Optional[np.ndarray]:
        if not self._rows:
            return None
        layers = sorted({layer for layer, _ in self._rows})
        heads = sorted({head for _, head in self._rows})
        length = next(iter(self._rows.values()))[0]
        rows = np.zeros((len(layers), len(heads), length), dtype=np.float32)  # [n_layers, heads, row_length]
        for (layer, head), (row_length, slices) in self._rows.items():
            if row_length != length:
                raise ValueError(f"attention rows of one token differ in length: {row_length} and {length}")
            for offset, data in slices:
                values = f16(data)
                rows[layers.index(layer), heads.index(head), offset:offset + values.size] = values
        return rows
