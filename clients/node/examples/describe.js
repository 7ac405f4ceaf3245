#!/usr/bin/env node
// Stream a description with per-layer attention traces from a Mesh gateway (or a decoder).
// The contracts are loaded at run time by @grpc/proto-loader from the FileDescriptorSet that
// `mesh protos descriptor-set FILE` writes (it carries the google/api imports too): no generated code.
//   npm ci --prefix clients/node
//   node clients/node/examples/describe.js --descriptor-set mesh.pb --image photo.png [--address 127.0.0.1:5000] [--json]
'use strict';
const fs = require('node:fs');
const { parseArgs } = require('node:util');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const { values: args } = parseArgs({
  options: {
    address: { type: 'string', default: '127.0.0.1:5000' },
    'descriptor-set': { type: 'string' },
    image: { type: 'string' },
    prompt: { type: 'string', default: 'describe the image' },
    verbatim: { type: 'boolean', default: false },
    'max-tokens': { type: 'string', default: '0' },
    'api-key': { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
if (!args.image || !args['descriptor-set']) {
  console.error('error: --image and --descriptor-set are required');
  process.exit(2);
}

const definition = protoLoader.loadFileDescriptorSetFromBuffer(fs.readFileSync(args['descriptor-set']), {
  keepCase: true, longs: Number, enums: String, defaults: true, oneofs: true,
});
const { Decoder } = grpc.loadPackageDefinition(definition).mesh.decoder.v1;
const client = new Decoder(args.address, grpc.credentials.createInsecure());
const metadata = new grpc.Metadata();
if (args['api-key']) metadata.set('x-api-key', args['api-key']);

const request = {
  image_bytes: fs.readFileSync(args.image),
  prompt: { text: args.prompt, verbatim: args.verbatim },
  sampling: { max_tokens: Number(args['max-tokens']) },
  trace: { level: 'TRACE_LEVEL_FRACTIONS' },
};
const tokens = [];
const traces = {};
let summary = null;
const call = client.Generate(request, metadata);
call.on('data', (event) => {
  if (event.event === 'token') {
    tokens.push({ index: event.token.index, id: event.token.id, text: event.token.text });
    if (!args.json) process.stdout.write(event.token.text);
  } else if (event.event === 'traces') {
    traces[event.traces.token_index] = event.traces.layers.map((l) => ({ layer: l.layer, image: l.image, query: l.query, generated: l.generated }));
  } else if (event.event === 'summary') {
    summary = { text: event.summary.text, generated_tokens: event.summary.generated_tokens, prompt_tokens: event.summary.prompt_tokens };
  }
});
call.on('error', (error) => {
  console.error(`error: ${grpc.status[error.code]}: ${error.details}`);
  process.exitCode = 2;
});
call.on('end', () => {
  client.close();
  if (args.json) {
    console.log(JSON.stringify({ tokens, traces, summary }));
    return;
  }
  console.log('\nlayer  image  query  generated (mean over tokens)');
  const rows = Object.values(traces).flat();
  for (const layer of [...new Set(rows.map((r) => r.layer))].sort((a, b) => a - b)) {
    const at = rows.filter((r) => r.layer === layer);
    const mean = (key) => (at.reduce((s, r) => s + r[key], 0) / at.length).toFixed(3);
    console.log(`${String(layer).padStart(5)}  ${mean('image')}  ${mean('query')}  ${mean('generated')}`);
  }
});
