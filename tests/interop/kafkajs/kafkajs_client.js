#!/usr/bin/env node
// kafkajs 2.2 against runnel-server, driven by kafkajs_interop_test:
//   1. admin: create a topic (4 partitions, RF 3), then check what kafkajs sees of the cluster —
//      a real controller id, every broker on its own port, a leader and 3 replicas per partition;
//   2. an idempotent producer (acks=all) writes keyed messages;
//   3. a consumer group of two members shares the partitions; one member leaves, the other is
//      given every partition and reads what is produced next;
//   4. after the group has committed and closed, a new member resumes at the committed offsets
//      and sees only what was produced afterwards.
// Every produced message must be consumed exactly once across all members.
// Usage: node kafkajs_client.js BOOTSTRAP [NODE_MODULES_DIR]. Prints OK; exits 1 with a reason.
'use strict';

const path = require('path');

const bootstrap = process.argv[2];
const modules = process.argv[3];
const { Kafka, logLevel, Partitioners } = require(modules ? path.join(modules, 'kafkajs') : 'kafkajs');

const topic = 'js-topic';
const groupId = 'js-group';
const partitions = 4;

function fail(reason) {
  console.error(`FAIL: ${reason}`);
  process.exit(1);
}

// kafkajs logs through this; warnings and errors go to stderr so the test shows them on failure.
const logCreator = () => ({ namespace, level, log }) => {
  const { message, ...extra } = log;
  console.error(`[kafkajs ${namespace} ${level}] ${message} ${JSON.stringify(extra)}`);
};

const kafka = new Kafka({
  clientId: 'runnel-kafkajs-interop',
  brokers: bootstrap.split(','),
  logLevel: logLevel.WARN,
  logCreator,
  retry: { retries: 8, initialRetryTime: 100 },
});

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(what, predicate, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) fail(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

async function adminChecks() {
  const admin = kafka.admin();
  await admin.connect();
  const created = await admin.createTopics({
    topics: [{ topic, numPartitions: partitions, replicationFactor: 3 }],
    waitForLeaders: true,
  });
  if (!created) fail('createTopics reported the topic as already existing');
  const cluster = await admin.describeCluster();
  if (cluster.brokers.length !== 3) fail(`describeCluster: ${JSON.stringify(cluster)}`);
  const ids = cluster.brokers.map((b) => b.nodeId);
  if (!ids.includes(cluster.controller)) fail(`controller ${cluster.controller} is not a broker id`);
  const ports = new Set(cluster.brokers.map((b) => b.port));
  if (ports.size !== 3) fail(`brokers share ports: ${JSON.stringify(cluster.brokers)}`);
  const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
  const meta = metadata.topics[0];
  if (meta.name !== topic || meta.partitions.length !== partitions) {
    fail(`fetchTopicMetadata: ${JSON.stringify(metadata)}`);
  }
  for (const p of meta.partitions) {
    if (!ids.includes(p.leader) || p.replicas.length !== 3 || p.isr.length !== 3) {
      fail(`partition metadata: ${JSON.stringify(p)}`);
    }
  }
  const listed = await admin.listTopics();
  if (!listed.includes(topic)) fail(`listTopics misses ${topic}: ${listed}`);
  await admin.disconnect();
}

let produced = 0;
const producer = kafka.producer({
  idempotent: true,
  maxInFlightRequests: 1,
  createPartitioner: Partitioners.DefaultPartitioner,
});

async function produce(count) {
  const messages = [];
  for (let i = 0; i < count; i++, produced++) {
    messages.push({ key: `k${produced}`, value: `v${produced}`, headers: { n: String(produced) } });
  }
  // Several requests, so the producer's sequence numbers advance across batches.
  for (let i = 0; i < messages.length; i += 25) {
    const acks = await producer.send({ topic, acks: -1, messages: messages.slice(i, i + 25) });
    for (const a of acks) {
      if (a.errorCode !== 0) fail(`produce ack ${JSON.stringify(a)}`);
    }
  }
}

// value -> how many times any member consumed it
const seen = new Map();
function record(message, member) {
  const value = message.value.toString();
  if (message.key.toString() !== `k${value.slice(1)}`) fail(`key/value mismatch ${value}`);
  if (!message.headers.n || message.headers.n.toString() !== value.slice(1)) {
    fail(`header lost on ${value}: ${JSON.stringify(message.headers)}`);
  }
  seen.set(value, (seen.get(value) || 0) + 1);
  member.count++;
}

async function startMember(name) {
  const member = { name, count: 0, assigned: [], consumer: null };
  const consumer = kafka.consumer({
    groupId,
    sessionTimeout: 6000,
    rebalanceTimeout: 10000,
    heartbeatInterval: 300,
    maxWaitTimeInMs: 200,
  });
  member.consumer = consumer;
  consumer.on(consumer.events.GROUP_JOIN, (e) => {
    member.assigned = e.payload.memberAssignment[topic] || [];
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => record(message, member),
  });
  return member;
}

function consumedTotal() {
  let total = 0;
  for (const n of seen.values()) total += n;
  return total;
}

async function main() {
  await adminChecks();
  await producer.connect();

  // Two members: each must own some partitions and read some messages.
  const a = await startMember('a');
  const b = await startMember('b');
  await waitFor('two members sharing the partitions',
    () => a.assigned.length > 0 && b.assigned.length > 0 &&
      a.assigned.length + b.assigned.length === partitions, 20000);
  await produce(200);
  await waitFor('the first 200 messages', () => consumedTotal() >= 200, 20000);
  if (a.count === 0 || b.count === 0) fail(`one member read nothing: a=${a.count} b=${b.count}`);

  // b leaves: a is given every partition and reads what comes next.
  await b.consumer.disconnect();
  await waitFor('member a owning every partition', () => a.assigned.length === partitions, 20000);
  await produce(100);
  await waitFor('the next 100 messages', () => consumedTotal() >= 300, 20000);
  await a.consumer.disconnect();

  // A new member resumes at the group's committed offsets.
  await produce(50);
  const c = await startMember('c');
  await waitFor('the last 50 messages', () => consumedTotal() >= 350, 20000);
  await sleep(500);  // anything re-delivered from before the commit would arrive by now
  await c.consumer.disconnect();
  await producer.disconnect();

  if (c.count !== 50) fail(`the resumed member read ${c.count} messages, wanted 50`);
  for (let i = 0; i < produced; i++) {
    const n = seen.get(`v${i}`) || 0;
    if (n !== 1) fail(`v${i} consumed ${n} times`);
  }
  if (seen.size !== produced) fail(`consumed ${seen.size} distinct values, produced ${produced}`);
  console.log(`OK produced=${produced} a=${a.count} b=${b.count} c=${c.count}`);
}

main().catch((e) => fail(e && e.stack ? e.stack : String(e)));
