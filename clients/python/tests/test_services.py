"""Compressed contexts, the judge, segmentation, the vision encoder and errors against a running mesh."""
import numpy as np
import pytest

from mesh_client import InvalidArgumentError, NotFoundError
from mesh_client._googleapis import error_details_pb2


def test_a_compressed_context_answers_a_question_and_can_be_deleted(client, info, scene):
    ctx = client.compress(scene, k=0.25, method="attention", dtype="int8")
    assert ctx.storage_dtype == "int8" and ctx.image_tokens_full == info.image_token_count
    assert ctx.image_tokens_kept == int(0.25 * info.image_token_count)
    assert ctx.description.strip() != "" and ctx.stored_bytes > 0
    assert client.context(ctx.context_id).size_bytes == ctx.stored_bytes
    answer = client.ask(ctx, "what color is the triangle?", max_tokens=8)
    assert answer.text.strip() != ""
    assert answer.prompt.context_id == ctx.context_id
    client.delete_context(ctx.context_id)
    with pytest.raises(NotFoundError):
        client.ask(ctx, "what color is the triangle?").text


def test_the_judge_scores_a_candidate_that_lost_an_object(client):
    result = client.judge("a large blue diamond and a large red triangle", "a blue diamond")
    assert list(result.reference_objects) == ["diamond", "triangle"]
    assert list(result.false_negatives) == ["triangle"]
    assert result.precision == 1 and result.recall == 0.5
    assert result.f1 == pytest.approx(2 / 3)


def test_segment_gives_a_boolean_mask_of_the_image_size_per_object(client, scene):
    segments = client.segment(scene)
    assert sorted(o.name for o in segments.objects) == ["diamond", "triangle"]
    for o in segments.objects:
        assert o.mask.dtype == bool and o.mask.shape == (segments.image_height, segments.image_width) == (64, 64)
        assert o.mask.sum() == o.area > 0


def test_an_invalid_argument_carries_its_field_violation(client, scene):
    with pytest.raises(InvalidArgumentError) as caught:
        client.describe(scene, max_tokens=10**6).text
    error = caught.value
    assert error.code.name == "INVALID_ARGUMENT"
    assert [field for field, _ in error.field_violations] == ["sampling.max_tokens"]
    assert "allowed" in error.detail(error_details_pb2.BadRequest).field_violations[0].description


def test_an_encoded_image_is_generated_from_by_its_key(client, info, scene):
    embedding = client.encode(scene)
    assert embedding.values.shape == (info.image_token_count, info.hidden_size)
    assert client.generate(embedding_key=embedding.key, max_tokens=6).text == client.describe(scene, max_tokens=6).text
