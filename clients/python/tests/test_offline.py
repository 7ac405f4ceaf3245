"""Decoding that needs no server: F16 traces into numpy, Mesh's row-major RLE, request building."""
import numpy as np
import pytest

from mesh_client import Knockout, Layers
from mesh_client.results import mask_from_rle, rle_from_mask
from mesh_client.tokens import TokenAssembler
from mesh_client._build import trace_options
from mesh_client._proto.mesh.decoder.v1 import generation_pb2 as g


def test_a_token_carries_its_image_maps_and_full_rows_as_float32_arrays():
    image_map = np.arange(6, dtype=np.float16).reshape(2, 3) / 8
    row = np.linspace(0, 1, 5, dtype=np.float16)
    events = [g.GenerateEvent(prompt=g.PromptEvent(prompt_tokens=4, image_start=1, image_end=3, grid_rows=2, grid_cols=3)),
              g.GenerateEvent(token=g.TokenEvent(index=0, id=7, text="a")),
              g.GenerateEvent(traces=g.LayerTraces(token_index=0, layers=[g.LayerTrace(
                  layer=2, image=0.5, query=0.25, generated=0.25,
                  image_map=g.ImageMap(grid_rows=2, grid_cols=3, values_f16=image_map.tobytes()))])),
              g.GenerateEvent(rows=g.AttentionRowChunk(token_index=0, layer=2, head=0, offset=0, row_length=5,
                                                       values_f16=row[:3].tobytes())),
              g.GenerateEvent(rows=g.AttentionRowChunk(token_index=0, layer=2, head=0, offset=3, row_length=5,
                                                       values_f16=row[3:].tobytes())),
              g.GenerateEvent(summary=g.GenerateSummary(text="a", generated_tokens=1))]
    assembler = TokenAssembler()
    tokens = [t for e in events for t in assembler.feed(e)]
    assert len(tokens) == 1 and tokens[0].id == 7
    assert tokens[0].layers.tolist() == [2]
    np.testing.assert_array_equal(tokens[0].fractions, [[0.5, 0.25, 0.25]])
    assert tokens[0].image_maps.dtype == np.float32 and tokens[0].image_maps.shape == (1, 2, 3)
    np.testing.assert_array_equal(tokens[0].image_maps[0], image_map.astype(np.float32))
    np.testing.assert_array_equal(tokens[0].rows, row.astype(np.float32).reshape(1, 1, 5))
    assert assembler.summary.stop_reason == "STOP_REASON_UNSPECIFIED"


@pytest.mark.parametrize("mask", [[[0, 1, 1], [1, 0, 0]], [[1, 1], [0, 1]], [[0, 0], [0, 0]]])
def test_masks_survive_the_row_major_run_length_encoding(mask):
    array = np.array(mask, dtype=bool)
    rle = rle_from_mask(array)
    assert sum(rle.counts) == array.size
    assert (rle.counts[0] == 0) == bool(array.flat[0])
    np.testing.assert_array_equal(mask_from_rle(rle), array)


def test_the_protos_example_mask_has_the_protos_counts():
    assert list(rle_from_mask(np.array([[0, 1, 1], [1, 0, 0]], dtype=bool)).counts) == [1, 3, 2]


def test_knockouts_and_layer_sets_become_their_protos():
    proto = Knockout.image_to_query_and_generated(layers=Layers.from_layer(2)).to_proto()
    assert [(e.source.group, e.target.group) for e in proto.edges] == [(1, 4), (1, 5)]
    assert proto.layers.from_layer == 2
    assert list(trace_options("image_maps", range(4, 8)).layers.layers.layers) == [4, 5, 6, 7]
    with pytest.raises(ValueError, match="not a trace level: use one of none, fractions, image_maps, full_rows"):
        trace_options("maps", None)


def test_status_details_decode_into_google_rpc_messages_and_keep_unknown_ones_as_any():
    from google.protobuf import any_pb2, duration_pb2
    from mesh_client._googleapis import error_details_pb2, status_pb2
    from mesh_client.errors import decode_details

    bad = error_details_pb2.BadRequest(field_violations=[
        error_details_pb2.BadRequest.FieldViolation(field="k", description="k is 2; allowed (0, 1]")])
    status = status_pb2.Status(code=3, message="m", details=[any_pb2.Any(), any_pb2.Any()])
    status.details[0].Pack(bad)
    status.details[1].Pack(duration_pb2.Duration(seconds=1))
    details = decode_details([("other", b""), ("grpc-status-details-bin", status.SerializeToString())])
    assert details[0] == bad
    assert isinstance(details[1], any_pb2.Any)
