// A gRPC client that knows Coworker only through the .proto files in Protos/ (docs/grpc.md): it lists a tenant's
// tools with an Owner key and calls one with an agent key, and prints what it got as JSON.
// Usage: node client.js  (settings in the environment: COWORKER_GRPC_ADDRESS=127.0.0.1:5081, COWORKER_TENANT,
// COWORKER_OWNER_KEY, COWORKER_AGENT, COWORKER_AGENT_KEY, COWORKER_TOOL, COWORKER_ARGUMENTS as a JSON object)
'use strict';
const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const protos = path.resolve(__dirname, '..', '..', 'Protos');
const definition = protoLoader.loadSync(
  ['coworker/v1/tools.proto', 'coworker/v1/tool_calls.proto'],
  { includeDirs: [protos], longs: String, enums: String, defaults: true, oneofs: true });
const v1 = grpc.loadPackageDefinition(definition).coworker.v1;

const env = (name) => {
  const value = process.env[name];
  if (!value) { throw new Error(`${name} is not set`); }
  return value;
};

// google.protobuf.Struct as protobufjs represents it: { fields: { name: Value } }.
const toValue = (value) => {
  if (value === null) { return { nullValue: 'NULL_VALUE' }; }
  if (Array.isArray(value)) { return { listValue: { values: value.map(toValue) } }; }
  switch (typeof value) {
    case 'number': return { numberValue: value };
    case 'string': return { stringValue: value };
    case 'boolean': return { boolValue: value };
    default: return { structValue: toStruct(value) };
  }
};
const toStruct = (object) => ({ fields: Object.fromEntries(Object.entries(object).map(([k, v]) => [k, toValue(v)])) });

const bearer = (key) => {
  const metadata = new grpc.Metadata();
  metadata.set('authorization', `Bearer ${key}`);
  return metadata;
};

const call = (client, method, request, metadata) => new Promise((resolve, reject) => {
  client[method](request, metadata, { deadline: Date.now() + 30000 }, (error, response) => (error ? reject(error) : resolve(response)));
});

async function main() {
  const address = env('COWORKER_GRPC_ADDRESS');
  const tenant = env('COWORKER_TENANT');
  const credentials = grpc.credentials.createInsecure();
  const tools = new v1.ToolService(address, credentials);
  const toolCalls = new v1.ToolCallService(address, credentials);

  const listed = await call(tools, 'ListTools', { tenant, status: 'TOOL_STATUS_PUBLISHED' }, bearer(env('COWORKER_OWNER_KEY')));
  const result = await call(toolCalls, 'CallTool', {
    tenant,
    agent: env('COWORKER_AGENT'),
    tool: env('COWORKER_TOOL'),
    arguments: toStruct(JSON.parse(env('COWORKER_ARGUMENTS'))),
  }, bearer(env('COWORKER_AGENT_KEY')));
  tools.close();
  toolCalls.close();
  process.stdout.write(JSON.stringify({
    tools: listed.tools.map((tool) => tool.name),
    call: { outcome: result.outcome, upstreamStatus: result.upstreamStatus, text: result.text, isError: result.isError },
  }));
}

main().catch((error) => {
  process.stderr.write(`${error.code ?? ''} ${error.details ?? error.message}\n`);
  process.exit(1);
});
