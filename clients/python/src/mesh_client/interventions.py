"""Layer sets, token selectors and knockouts (docs/paper.md section 3), built in Python and sent as their protos.

    Knockout.block("image", "generated", layers=Layers.window(4, 5))     # rows of GENERATED lose IMAGE keys in 4..5
    Knockout.image_to_query_and_generated(layers=Layers.from_layer(2))   # the paper's KO img->txt+gen from layer 2
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Optional, Sequence, Tuple, Union

from mesh_client._proto.mesh.common.v1 import common_pb2
from mesh_client._proto.mesh.decoder.v1 import decoder_pb2

# A token group by name ("image", "prefix", "instruction", "query", "generated") or a span [start, end) of positions.
Selector = Union[str, Tuple[int, int]]
# Layers as a LayerSet (see Layers) or any iterable of layer indices (``range(4, 8)``); None means every layer.
LayerSpec = Union[common_pb2.LayerSet, Iterable[int], None]

GROUPS = {"image": common_pb2.TOKEN_GROUP_IMAGE, "prefix": common_pb2.TOKEN_GROUP_PREFIX,
          "instruction": common_pb2.TOKEN_GROUP_INSTRUCTION, "query": common_pb2.TOKEN_GROUP_QUERY,
          "generated": common_pb2.TOKEN_GROUP_GENERATED}


class Layers:
    """Builders of ``mesh.common.v1.LayerSet``; layer indices are 0-based and ranges inclusive, as in the paper."""

    @staticmethod
    def all() -> common_pb2.LayerSet:
        """Every layer."""
        return common_pb2.LayerSet()

    @staticmethod
    def only(*layers: int) -> common_pb2.LayerSet:
        """Exactly these layers."""
        return common_pb2.LayerSet(layers=common_pb2.LayerList(layers=list(layers)))

    @staticmethod
    def window(first: int, last: int) -> common_pb2.LayerSet:
        """Layers first..last, both inclusive."""
        return Layers.ranges((first, last))

    @staticmethod
    def ranges(*ranges: Tuple[int, int]) -> common_pb2.LayerSet:
        """Every layer inside any of the inclusive ranges."""
        return common_pb2.LayerSet(ranges=common_pb2.LayerRanges(
            ranges=[common_pb2.LayerRange(first=a, last=b) for a, b in ranges]))

    @staticmethod
    def from_layer(layer: int) -> common_pb2.LayerSet:
        """The paper's "from layer l": layers l+1 .. L-1; -1 means every layer."""
        return common_pb2.LayerSet(from_layer=layer)

    @staticmethod
    def except_window(first: int, last: int) -> common_pb2.LayerSet:
        """Every layer outside [first, last] inclusive."""
        return common_pb2.LayerSet(except_range=common_pb2.LayerRange(first=first, last=last))


def layer_set(layers: LayerSpec) -> Optional[common_pb2.LayerSet]:
    """A LayerSet from a LayerSet, an iterable of indices, or None (unset: every layer)."""
    if layers is None or isinstance(layers, common_pb2.LayerSet):
        return layers
    return Layers.only(*layers)


def token_selector(selector: Selector) -> common_pb2.TokenSelector:
    """A TokenSelector from a group name or a (start, end) span."""
    if isinstance(selector, str):
        if selector.lower() not in GROUPS:
            raise ValueError(f"unknown token group {selector!r}: use one of {', '.join(GROUPS)} or a (start, end) span")
        return common_pb2.TokenSelector(group=GROUPS[selector.lower()])
    start, end = selector
    return common_pb2.TokenSelector(span=common_pb2.PositionSpan(start=start, end=end))


@dataclass(frozen=True)
class Knockout:
    """Blocked attention edges (source keys hidden from target rows) in a set of layers."""

    edges: Sequence[Tuple[Selector, Selector]] = field(default_factory=tuple)
    layers: LayerSpec = None

    @staticmethod
    def block(source: Selector, target: Selector, layers: LayerSpec = None) -> "Knockout":
        """Rows in ``target`` do not see keys in ``source`` in ``layers`` (None: every layer)."""
        return Knockout(((source, target),), layers)

    @staticmethod
    def image_to_generated(layers: LayerSpec = None) -> "Knockout":
        """The paper's KO img->gen."""
        return Knockout((("image", "generated"),), layers)

    @staticmethod
    def image_to_query(layers: LayerSpec = None) -> "Knockout":
        """The paper's KO img->txt (QUERY rows)."""
        return Knockout((("image", "query"),), layers)

    @staticmethod
    def image_to_query_and_generated(layers: LayerSpec = None) -> "Knockout":
        """The paper's KO img->txt+gen."""
        return Knockout((("image", "query"), ("image", "generated")), layers)

    def to_proto(self) -> decoder_pb2.Knockout:
        """The ``mesh.decoder.v1.Knockout`` this describes."""
        proto = decoder_pb2.Knockout(edges=[
            decoder_pb2.KnockoutEdge(source=token_selector(s), target=token_selector(t)) for s, t in self.edges])
        layers = layer_set(self.layers)
        if layers is not None:
            proto.layers.CopyFrom(layers)
        return proto
