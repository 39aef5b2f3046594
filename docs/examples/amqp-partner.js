#!/usr/bin/env node
// AMQP 1.0 client of a partner institution (e.g. PBOC) for the Court Mediation Integration Hub, written
// with the `rhea` library (npm install) and the openssl command line (1.1.1 or 3.x) for the signatures.
// See docs/interfaces.md, sections "Signatures" and "Partner queues".
//
//   node amqp-partner.js send [FILE] [--binary] [--fresh-id] [--unsigned | --signature B64]
//        signs FILE (default ../../schemas/examples/mediation-result.json) with the partner's key
//        (openssl cms -sign, detached, DER) and sends it to partner.<CODE>.to-hub with the base64
//        signature as application property hubSignature. The bytes go as they are: an AMQP string body
//        (default) or, with --binary, one data section. --fresh-id replaces only the value of
//        "messageId" with a new UUID before signing. --unsigned sends no signature and --signature
//        sends the given one instead (both only to see the hub's refusals).
//   node amqp-partner.js receive [--count N] [--timeout SECONDS]
//        takes messages from partner.<CODE>.from-hub (deliveries, EVIDENCE messages and rejections),
//        verifies the hub's signature (hubSignature, signer must be the hub's signing certificate), the
//        sender's original one (hubSenderSignature) and, for EVIDENCE, the evidence document's; prints
//        everything, then accepts (acknowledges) the message. Stops after N messages (default: never) or
//        after SECONDS without one (default 30; 0 = wait forever).
//
// Environment: HUB_AMQP_HOST (127.0.0.1), HUB_AMQP_PORT (61616), PARTNER (PBOC),
//   CREDENTIALS: directory of the unzipped sandbox (participant.key.pem, participant.cert.pem, hub-ca.pem);
//                default ./<PARTNER>; option --credentials DIR overrides it,
//   HUB_AMQP_PASSWORD: the partner's broker account password (POST /admin/broker-accounts/<PARTNER> answers it once),
//   HUB_AMQP_USER: the account's user, default PARTNER (SASL PLAIN; every hub broker requires a login).
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const { spawnSync } = require('child_process');
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
const CREDENTIALS = path.resolve(arg('--credentials', process.env.CREDENTIALS || PARTNER));
const credential = (name) => path.join(CREDENTIALS, name);

function fail(text) {
  console.error(text);
  process.exit(1);
}

// ---- signatures: openssl in a scratch directory ---------------------------------------------------

function scratch(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-cms-'));
  Object.entries(files).forEach(([name, bytes]) => fs.writeFileSync(path.join(dir, name), bytes));
  return dir;
}

function openssl(dir, args) {
  const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  if (r.error) fail(`cannot run openssl: ${r.error.message}`);
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}`.trim() };
}

/** Detached CMS signature over the exact bytes, DER, base64: the value of hubSignature. */
function sign(bytes) {
  const dir = scratch({ 'message.json': bytes });
  const r = openssl(dir, ['cms', '-sign', '-binary', '-in', 'message.json', '-signer', credential('participant.cert.pem'),
    '-inkey', credential('participant.key.pem'), '-md', 'sha256', '-nosmimecap', '-outform', 'DER', '-out', 'message.sig']);
  if (!r.ok) fail(`openssl cms -sign failed (credentials in ${CREDENTIALS}?): ${r.output}`);
  const signature = fs.readFileSync(path.join(dir, 'message.sig')).toString('base64');
  fs.rmSync(dir, { recursive: true });
  return signature;
}

/** Verifies a base64 detached signature over bytes against the hub CA; answers the signer's subject or why not. */
function verify(bytes, signatureB64) {
  const dir = scratch({ 'received.json': bytes, 'received.sig': Buffer.from(signatureB64, 'base64') });
  const r = openssl(dir, ['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'received.sig', '-content', 'received.json',
    '-CAfile', credential('hub-ca.pem'), '-out', '/dev/null', '-signer', 'signer.pem']);
  const subject = r.ok ? new crypto.X509Certificate(fs.readFileSync(path.join(dir, 'signer.pem'))).subject.split('\n').join(',') : null;
  fs.rmSync(dir, { recursive: true });
  return r.ok ? { ok: true, subject } : { ok: false, why: r.output.split('\n')[0] };
}

const isHubSigner = (v) => v.ok && /(^|,)CN=HUB(,|$)/.test(v.subject) && /(^|,)OU=signing(,|$)/.test(v.subject);

function connect() {
  const container = rhea.create_container({ id: `partner-${PARTNER}-${process.pid}` });
  const options = { host: HOST, port: PORT, reconnect: false };
  // the hub's broker requires a login: your broker account (user = your registry code, password as issued by
  // POST /admin/broker-accounts/<CODE>); SASL PLAIN
  if (process.env.HUB_AMQP_USER || process.env.HUB_AMQP_PASSWORD) {
    options.username = process.env.HUB_AMQP_USER || PARTNER;
    options.password = process.env.HUB_AMQP_PASSWORD || '';
  }
  const connection = container.connect(options);
  connection.on('connection_error', (ctx) => fail(`connection error: ${describe(ctx.connection.error || ctx.error)}`));
  connection.on('disconnected', (ctx) => { if (ctx.error) fail(`disconnected: ${ctx.error.message || ctx.error}`); });
  return connection;
}

function describe(error) {
  return error ? `${error.condition || ''} ${error.description || error.message || ''}`.trim() : 'unknown';
}

// ---- (a) send a signed message to the hub ---------------------------------------------------------

function send() {
  const positional = process.argv.slice(3).filter((a, i, all) => !a.startsWith('--')
    && !['--signature', '--credentials'].includes(all[i - 1]));
  const file = positional[0] || path.join(__dirname, '..', '..', 'schemas', 'examples', 'mediation-result.json');
  let bytes = fs.readFileSync(file); // the exact bytes: what is signed, hashed, stored and delivered
  if (flag('--fresh-id')) {
    const text = bytes.toString('utf8').replace(/("messageId"\s*:\s*")[0-9a-f-]{36}(")/, `$1${crypto.randomUUID()}$2`);
    bytes = Buffer.from(text, 'utf8');
  }
  let envelope = {};
  try { envelope = JSON.parse(bytes.toString('utf8')); } catch (e) { /* not JSON: the hub answers MALFORMED */ }
  const signature = flag('--unsigned') ? undefined : arg('--signature') || sign(bytes);
  const message = {
    // a string body is encoded as UTF-8 by AMQP; a data section carries the bytes as they are
    body: flag('--binary') ? rhea.message.data_section(bytes) : bytes.toString('utf8'),
    durable: true,
    message_id: envelope.messageId, // optional; the hub reads the messageId from the JSON
    application_properties: signature ? { hubSignature: signature } : {},
  };

  const connection = connect();
  const sender = connection.open_sender({ target: { address: TO_HUB, capabilities: ['queue'] } });
  sender.once('sendable', () => {
    sender.send(message);
    console.log(`sent ${envelope.type || 'non-JSON'} ${envelope.messageId || ''} (${bytes.length} bytes, sha256 ` +
      `${crypto.createHash('sha256').update(bytes).digest('hex')}) to ${TO_HUB}, ` +
      (signature ? `hubSignature ${signature.length} base64 chars` : 'unsigned'));
  });
  sender.on('accepted', () => {
    console.log(`broker accepted the message; the hub answers refusals and evidences on ${FROM_HUB}`);
    connection.close();
  });
  sender.on('rejected', (ctx) => fail(`broker rejected the message: ${describe(ctx.delivery.remote_state && ctx.delivery.remote_state.error)}`));
  sender.on('released', () => fail('broker released the message; send it again'));
  sender.on('sender_error', (ctx) => fail(`sender error: ${describe(ctx.sender.error)}`));
}

// ---- (b) receive and verify what the hub sends ----------------------------------------------------

function bodyBytes(body) {
  if (typeof body === 'string') return Buffer.from(body, 'utf8');     // AMQP string body (what the hub sends)
  if (Buffer.isBuffer(body)) return body;
  if (body && body.typecode === 0x75) return Buffer.from(body.content); // data section
  return Buffer.from(JSON.stringify(body), 'utf8');
}

function report(label, v) {
  console.log(`${label}: ${v.ok ? `verified, signer ${v.subject}` : `NOT VERIFIED (${v.why})`}`);
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
  receiver.on('receiver_open', () => { console.log(`listening on ${FROM_HUB} (hub CA: ${credential('hub-ca.pem')})`); idle(); });
  receiver.on('message', (ctx) => {
    const bytes = bodyBytes(ctx.message.body);
    const props = ctx.message.application_properties || {};
    received += 1;
    console.log(`--- message ${received}: ${props.hubType} ${props.hubMessageId || ''}`);
    console.log('application properties:', JSON.stringify(props, (k, v) =>
      (typeof v === 'string' && v.length > 40 ? `${v.slice(0, 16)}…(${v.length} chars)` : v)));
    console.log(`body (${bytes.length} bytes, sha256 ${crypto.createHash('sha256').update(bytes).digest('hex')}):`);
    console.log(bytes.toString('utf8'));
    if (props.hubSignature) {
      const hub = verify(bytes, props.hubSignature);
      report('hub signature (hubSignature)', hub);
      if (hub.ok && !isHubSigner(hub)) console.log('  WARNING: signed by a hub-CA certificate that is not the hub signing key');
    } else {
      console.log('hub signature: none (the hub does not sign rejections)');
    }
    if (props.hubSenderSignature) report(`sender signature (hubSenderSignature, ${props.hubSender})`, verify(bytes, props.hubSenderSignature));
    if (props.hubDocumentReport) console.log(`document report: ${Buffer.from(props.hubDocumentReport, 'base64').toString('utf8')}`);
    if (props.hubType === 'EVIDENCE') {
      const evidence = JSON.parse(bytes.toString('utf8')).body;
      const document = Buffer.from(evidence.document, 'base64');
      console.log(`evidence ${evidence.kind} of ${evidence.messageId}: ${document.toString('utf8')}`);
      report('evidence document signature', verify(document, evidence.signature));
    }
    // handle the message here (store it keyed by hubMessageId, answer later); then acknowledge it
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
else fail('usage: node amqp-partner.js send [FILE] [--binary] [--fresh-id] [--unsigned | --signature B64] [--credentials DIR]\n' +
          '       node amqp-partner.js receive [--count N] [--timeout SECONDS] [--credentials DIR]');
