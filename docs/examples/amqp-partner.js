#!/usr/bin/env node
// AMQP 1.0 client of a partner institution (e.g. PBOC) for the Court Mediation Integration Hub,
// written with the `rhea` library (npm install). See docs/interfaces.md, section "Partner queues".
//
//   node amqp-partner.js send [FILE] [--binary] [--fresh-id] [--signature B64]
//        sends FILE (default ../../schemas/examples/mediation-result.json) to partner.<CODE>.to-hub,
//        byte-exact: as an AMQP string body (default) or, with --binary, as one data section.
//        --fresh-id replaces only the value of "messageId" with a new UUID (the rest of the bytes stay as they are);
//        --signature sets the application property hubSignature (stored by the hub, checked from the trust release on).
//   node amqp-partner.js receive [--count N] [--timeout SECONDS]
//        takes messages from partner.<CODE>.from-hub (hub deliveries and rejections), prints body and
//        application properties, and accepts (acknowledges) each one after printing it.
//        Stops after N messages (default: never) or after SECONDS without a message (default 30; 0 = wait forever).
//
// Environment: HUB_AMQP_HOST (127.0.0.1), HUB_AMQP_PORT (61616), PARTNER (PBOC),
//              HUB_AMQP_USER / HUB_AMQP_PASSWORD (SASL PLAIN; only once the broker requires authentication,
//              the foundation release accepts anonymous connections on loopback).
'use strict';

const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const rhea = require('rhea');

const HOST = process.env.HUB_AMQP_HOST || '127.0.0.1';
const PORT = Number(process.env.HUB_AMQP_PORT || 61616);
const PARTNER = process.env.PARTNER || 'PBOC';
const TO_HUB = `partner.${PARTNER}.to-hub`;
const FROM_HUB = `partner.${PARTNER}.from-hub`;

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}
const flag = (name) => process.argv.includes(name);

function connect() {
  const container = rhea.create_container({ id: `partner-${PARTNER}-${process.pid}` });
  const options = { host: HOST, port: PORT, reconnect: false };
  if (process.env.HUB_AMQP_USER) {
    options.username = process.env.HUB_AMQP_USER;
    options.password = process.env.HUB_AMQP_PASSWORD || '';
  }
  const connection = container.connect(options);
  // a refused login (wrong user/password, or none where the broker requires one) arrives here as "Failed to authenticate"
  connection.on('connection_error', (ctx) => fail(`connection error: ${describe(ctx.connection.error || ctx.error)}`));
  connection.on('disconnected', (ctx) => { if (ctx.error) fail(`disconnected: ${ctx.error.message || ctx.error}`); });
  return connection;
}

function describe(error) {
  return error ? `${error.condition || ''} ${error.description || error.message || ''}`.trim() : 'unknown';
}

function fail(text) {
  console.error(text);
  process.exit(1);
}

// ---- (a) send a message to the hub ---------------------------------------------------------------

function send() {
  const positional = process.argv.slice(3).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--signature');
  const file = positional[0] || path.join(__dirname, '..', '..', 'schemas', 'examples', 'mediation-result.json');
  let bytes = fs.readFileSync(file); // the exact bytes: what the hub stores, hashes and delivers
  if (flag('--fresh-id')) {
    const text = bytes.toString('utf8').replace(/("messageId"\s*:\s*")[0-9a-f-]{36}(")/, `$1${crypto.randomUUID()}$2`);
    bytes = Buffer.from(text, 'utf8');
  }
  let envelope = {};
  try { envelope = JSON.parse(bytes.toString('utf8')); } catch (e) { /* not JSON: the hub will answer with a MALFORMED rejection */ }
  const message = {
    // a string body is encoded as UTF-8 by AMQP; a data section carries the bytes as they are
    body: flag('--binary') ? rhea.message.data_section(bytes) : bytes.toString('utf8'),
    durable: true,
    message_id: envelope.messageId, // optional; the hub reads the messageId from the JSON, not from here
    content_type: flag('--binary') ? 'application/json' : undefined,
    application_properties: {},
  };
  const signature = arg('--signature');
  if (signature) message.application_properties.hubSignature = signature;

  const connection = connect();
  // capability "queue": an anycast address, as the hub's partner addresses are
  const sender = connection.open_sender({ target: { address: TO_HUB, capabilities: ['queue'] } });
  sender.once('sendable', () => {
    sender.send(message);
    console.log(`sent ${envelope.type || 'non-JSON'} ${envelope.messageId || ''} (${bytes.length} bytes, sha256 ` +
      `${crypto.createHash('sha256').update(bytes).digest('hex')}) to ${TO_HUB}`);
  });
  sender.on('accepted', () => {
    console.log('broker accepted the message (it is durable on the to-hub queue); the hub answers problems on ' + FROM_HUB);
    connection.close();
  });
  sender.on('rejected', (ctx) => fail(`broker rejected the message: ${describe(ctx.delivery.remote_state && ctx.delivery.remote_state.error)}`));
  sender.on('released', () => fail('broker released the message; send it again'));
  sender.on('sender_error', (ctx) => fail(`sender error: ${describe(ctx.sender.error)}`));
}

// ---- (b) receive what the hub sends --------------------------------------------------------------

function bodyText(body) {
  if (typeof body === 'string') return body;                          // AMQP string body (what the hub sends)
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  if (body && body.typecode === 0x75) return Buffer.from(body.content).toString('utf8'); // data section
  return JSON.stringify(body);
}

function receive() {
  const count = Number(arg('--count', 0));
  const timeout = Number(arg('--timeout', 30));
  let received = 0;
  let timer;
  const connection = connect();
  const receiver = connection.open_receiver({
    source: { address: FROM_HUB, capabilities: ['queue'] },
    autoaccept: false, // acknowledge only after the message is handled
    credit_window: 10,
  });
  const idle = () => {
    clearTimeout(timer);
    if (timeout > 0) {
      timer = setTimeout(() => {
        console.log(`no message for ${timeout} s on ${FROM_HUB}; ${received} received`);
        connection.close();
      }, timeout * 1000);
    }
  };
  receiver.on('receiver_open', () => { console.log(`listening on ${FROM_HUB}`); idle(); });
  receiver.on('message', (ctx) => {
    const text = bodyText(ctx.message.body);
    const props = ctx.message.application_properties || {};
    received += 1;
    console.log(`--- message ${received} (${props.hubType === 'REJECTION' ? 'REJECTION of a message we sent' : 'delivery'})`);
    console.log('application properties:', JSON.stringify(props));
    console.log(`body (${Buffer.byteLength(text, 'utf8')} bytes, sha256 ` +
      `${crypto.createHash('sha256').update(text, 'utf8').digest('hex')}):`);
    console.log(text);
    // handle the message here (store it, answer with a MEDIATION_RESULT later); then acknowledge it
    ctx.delivery.accept();
    if (count > 0 && received >= count) {
      clearTimeout(timer);
      connection.close();
    } else {
      idle();
    }
  });
  receiver.on('receiver_error', (ctx) => fail(`receiver error: ${describe(ctx.receiver.error)}`));
}

const command = process.argv[2];
if (command === 'send') send();
else if (command === 'receive') receive();
else fail('usage: node amqp-partner.js send [FILE] [--binary] [--fresh-id] [--signature B64]\n' +
          '       node amqp-partner.js receive [--count N] [--timeout SECONDS]');
