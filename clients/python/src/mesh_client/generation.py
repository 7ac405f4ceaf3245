"""A streamed generation (Generate or Ask): iterate it for tokens as they come, or take the whole result.

    gen = client.describe("scene.png", trace="image_maps")
    for token in gen:                 # Token, with numpy traces
        print(token.text, end="")
    print(gen.summary.generated_tokens)
    client.describe("scene.png").text # drains the stream
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import AsyncIterator, Iterator, List, Optional

import grpc
import numpy as np

from mesh_client.errors import from_rpc_error
from mesh_client.tokens import PromptInfo, Summary, Token, TokenAssembler


@dataclass(frozen=True)
class GenerationResult:
    """A finished generation: the prompt's layout, every token and the summary."""

    prompt: PromptInfo
    tokens: List[Token]
    summary: Summary

    @property
    def text(self) -> str:
        """The whole decoded output."""
        return self.summary.text

    @property
    def ids(self) -> List[int]:
        """The generated token ids."""
        return [t.id for t in self.tokens]

    @property
    def fractions(self) -> np.ndarray:
        """float32 [tokens, n_layers, 3] (image, query, generated); traces must have been asked for."""
        return np.stack([_required(t.fractions, "fractions") for t in self.tokens])

    @property
    def image_maps(self) -> np.ndarray:
        """float32 [tokens, n_layers, grid_rows, grid_cols]; needs trace="image_maps" or "full_rows"."""
        return np.stack([_required(t.image_maps, "image maps") for t in self.tokens])


def _required(value: Optional[np.ndarray], what: str) -> np.ndarray:
    if value is None:
        raise ValueError(f"the stream carried no {what}: ask for them with trace=...")
    return value


class Generation:
    """A running Generate or Ask call (sync). Iterating yields each Token once its traces have arrived."""

    def __init__(self, call) -> None:
        self._call = call
        self._assembler = TokenAssembler()
        self._tokens: List[Token] = []
        self._events = self._run()

    def _run(self) -> Iterator[Token]:
        try:
            for event in self._call:
                for token in self._assembler.feed(event):
                    self._tokens.append(token)
                    yield token
        except grpc.RpcError as error:
            raise from_rpc_error(error) from None

    def __iter__(self) -> Iterator[Token]:
        return self._events

    @property
    def prompt(self) -> Optional[PromptInfo]:
        """The prompt's layout, once the first event has been read."""
        return self._assembler.prompt

    @property
    def summary(self) -> Optional[Summary]:
        """The summary, once the stream has ended."""
        return self._assembler.summary

    def result(self) -> GenerationResult:
        """Reads the rest of the stream and returns everything."""
        for _ in self._events:
            pass
        assert self._assembler.prompt is not None and self._assembler.summary is not None
        return GenerationResult(self._assembler.prompt, list(self._tokens), self._assembler.summary)

    @property
    def text(self) -> str:
        """The whole output (reads the rest of the stream)."""
        return self.result().text

    def cancel(self) -> None:
        """Stops the generation on the server (within one decode step)."""
        self._call.cancel()


class AsyncGeneration:
    """A running Generate or Ask call (asyncio): ``async for token in gen`` or ``await gen.result()``."""

    def __init__(self, call) -> None:
        self._call = call
        self._assembler = TokenAssembler()
        self._tokens: List[Token] = []
        self._events = self._run()

    async def _run(self) -> AsyncIterator[Token]:
        try:
            async for event in self._call:
                for token in self._assembler.feed(event):
                    self._tokens.append(token)
                    yield token
        except grpc.RpcError as error:
            raise from_rpc_error(error) from None

    def __aiter__(self) -> AsyncIterator[Token]:
        return self._events

    @property
    def prompt(self) -> Optional[PromptInfo]:
        """The prompt's layout, once the first event has been read."""
        return self._assembler.prompt

    @property
    def summary(self) -> Optional[Summary]:
        """The summary, once the stream has ended."""
        return self._assembler.summary

    async def result(self) -> GenerationResult:
        """Reads the rest of the stream and returns everything."""
        async for _ in self._events:
            pass
        assert self._assembler.prompt is not None and self._assembler.summary is not None
        return GenerationResult(self._assembler.prompt, list(self._tokens), self._assembler.summary)

    async def text(self) -> str:
        """The whole output (reads the rest of the stream)."""
        return (await self.result()).text

    def cancel(self) -> None:
        """Stops the generation on the server (within one decode step)."""
        self._call.cancel()
