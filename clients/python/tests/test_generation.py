"""Generate through the package against a running mesh (models/shapes-vlm behind the gateway)."""
import asyncio

import numpy as np

from mesh_client import AsyncMeshClient, Knockout, Layers
from mesh_client._proto.mesh.decoder.v1 import decoder_pb2


def test_describe_gives_the_decoders_greedy_text_over_plain_grpc(client, scene):
    request = decoder_pb2.GenerateRequest(image_bytes=scene.read_bytes(),
                                          prompt=decoder_pb2.Prompt(text="describe the image"))
    events = list(client.stubs.decoder.Generate(request))
    plain_ids = [e.token.id for e in events if e.WhichOneof("event") == "token"]
    plain_text = events[-1].summary.text
    result = client.describe(scene).result()
    assert plain_text.strip() != ""
    assert result.text == plain_text
    assert result.ids == plain_ids


def test_image_maps_have_the_models_grid_and_the_traced_layers(client, info, scene):
    layers = range(max(0, info.num_layers - 4), info.num_layers)
    gen = client.describe(scene, trace="image_maps", layers=layers, max_tokens=6)
    tokens = list(gen)
    assert gen.prompt.grid_rows == info.image_grid_rows and gen.prompt.grid_cols == info.image_grid_cols
    assert len(tokens) == gen.summary.generated_tokens
    for token in tokens:
        assert token.layers.tolist() == list(layers)
        assert token.image_maps.dtype == np.float32
        assert token.image_maps.shape == (len(layers), info.image_grid_rows, info.image_grid_cols)
        np.testing.assert_allclose(token.fractions.sum(axis=1), 1, atol=1e-5)
        # The map is the head-averaged attention on the image: its mass is the image fraction (F16 rounding aside).
        np.testing.assert_allclose(token.image_maps.sum(axis=(1, 2)), token.fractions[:, 0], rtol=2e-2, atol=1e-3)


def test_full_rows_cover_every_head_and_key_of_the_predicting_row(client, info, scene):
    result = client.describe(scene, trace="full_rows", layers=[0], max_tokens=2).result()
    for token in result.tokens:
        assert token.rows.shape == (1, info.num_heads, result.prompt.prompt_tokens + token.index)
        np.testing.assert_allclose(token.rows.sum(axis=2), 1, atol=1e-2)


def test_blocking_the_image_from_the_generated_tokens_changes_the_description(client, scene):
    baseline = client.describe(scene).text
    blocked = client.describe(scene, knockout=Knockout.block("image", "generated", layers=Layers.from_layer(-1))).text
    assert blocked != baseline


def test_the_asyncio_client_streams_the_same_tokens(address, client, scene):
    expected = client.describe(scene, trace="fractions", max_tokens=8).result()

    async def run():
        async with AsyncMeshClient(address) as aio:
            gen = aio.describe(scene, trace="fractions", max_tokens=8)
            ids = [token.id async for token in gen]
            return ids, await gen.result(), await aio.model_info()

    ids, result, info = asyncio.run(run())
    assert ids == expected.ids and result.text == expected.text
    np.testing.assert_array_equal(result.fractions, expected.fractions)
    assert info.num_layers == expected.fractions.shape[1]
