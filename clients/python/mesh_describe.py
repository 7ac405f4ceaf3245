#!/usr/bin/python3
"""Stream a description with per-layer attention traces from a Mesh gateway (or a decoder).

Message types are built at run time from the FileDescriptorSet that `mesh protos descriptor-set FILE`
writes, so no generated code is needed: Debian's python3-grpcio and python3-protobuf suffice.

    mesh protos descriptor-set mesh.pb
    /usr/bin/python3 clients/python/mesh_describe.py --descriptor-set mesh.pb --image photo.png
"""
import argparse
import json
import sys

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

GENERATE = "/mesh.decoder.v1.Decoder/Generate"


def message_classes(path):
    files = descriptor_pb2.FileDescriptorSet()
    with open(path, "rb") as f:
        files.ParseFromString(f.read())
    pool = descriptor_pool.DescriptorPool()
    for file in files.file:  # dependencies come first
        pool.Add(file)

    def get(name):
        descriptor = pool.FindMessageTypeByName(name)
        if hasattr(message_factory, "GetMessageClass"):
            return message_factory.GetMessageClass(descriptor)
        return message_factory.MessageFactory(pool).GetPrototype(descriptor)

    return get


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--address", default="127.0.0.1:5000", help="host:port of the gateway or decoder")
    parser.add_argument("--descriptor-set", required=True, help="file written by `mesh protos descriptor-set`")
    parser.add_argument("--image", required=True)
    parser.add_argument("--prompt", default="describe the image")
    parser.add_argument("--verbatim", action="store_true", help="send the prompt without the chat template")
    parser.add_argument("--max-tokens", type=int, default=0)
    parser.add_argument("--api-key", default=None)
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    args = parser.parse_args()

    get = message_classes(args.descriptor_set)
    request_type, event_type = get("mesh.decoder.v1.GenerateRequest"), get("mesh.decoder.v1.GenerateEvent")
    trace_level = get("mesh.decoder.v1.TraceOptions").DESCRIPTOR.fields_by_name["level"].enum_type.values_by_name["TRACE_LEVEL_FRACTIONS"].number
    request = request_type()
    with open(args.image, "rb") as f:
        request.image_bytes = f.read()
    request.prompt.text = args.prompt
    request.prompt.verbatim = args.verbatim
    request.sampling.max_tokens = args.max_tokens
    request.trace.level = trace_level

    metadata = [("x-api-key", args.api_key)] if args.api_key else None
    with grpc.insecure_channel(args.address) as channel:
        generate = channel.unary_stream(GENERATE, request_serializer=request_type.SerializeToString,
                                        response_deserializer=event_type.FromString)
        tokens, traces, summary = [], {}, None
        try:
            for event in generate(request, metadata=metadata):
                kind = event.WhichOneof("event")
                if kind == "token":
                    tokens.append({"index": event.token.index, "id": event.token.id, "text": event.token.text})
                    if not args.json:
                        print(event.token.text, end="", flush=True)
                elif kind == "traces":
                    traces[event.traces.token_index] = [
                        {"layer": l.layer, "image": l.image, "query": l.query, "generated": l.generated} for l in event.traces.layers]
                elif kind == "summary":
                    summary = {"text": event.summary.text, "generated_tokens": event.summary.generated_tokens,
                               "prompt_tokens": event.summary.prompt_tokens}
        except grpc.RpcError as error:
            print(f"error: {error.code().name}: {error.details()}", file=sys.stderr)
            return 2

    if args.json:
        print(json.dumps({"tokens": tokens, "traces": traces, "summary": summary}))
        return 0
    print()
    layers = sorted({t["layer"] for per_token in traces.values() for t in per_token})
    print("layer  image  query  generated (mean over tokens)")
    for layer in layers:
        rows = [t for per_token in traces.values() for t in per_token if t["layer"] == layer]
        mean = lambda key: sum(r[key] for r in rows) / len(rows)
        print(f"{layer:5d}  {mean('image'):.3f}  {mean('query'):.3f}  {mean('generated'):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
