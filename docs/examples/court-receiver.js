#!/usr/bin/env node
// A minimal court-side receiver for the Court Mediation Integration Hub: Node.js standard library and the
// openssl command line. It shows what a court's (or mediation organisation's / grassroots unit's) trial
// system must check and answer when the hub delivers to it. See docs/interfaces.md, section 5.
//
//   node court-receiver.js [PORT]          (default 18097; 0 = any free port)
//
// REST channel : POST <any path ending in the participant code>, body = the exact message JSON, headers
//                X-Hub-Message-Id, X-Hub-Type, X-Hub-Sender, X-Hub-Case-Id, X-Hub-Signature (the hub's
//                signature over the body)[, X-Hub-Sender-Signature][, X-Hub-Document-Report].
//                Verify X-Hub-Signature; answer 2xx once the message is stored: the hub marks it DELIVERED.
//                A body whose hub signature does not verify is refused with 400 (the hub retries, then FAILED).
// SOAP channel : POST of a CourtResult.wsdl DeliverMessage request (hubSignature over payload); answer
//                DeliverMessageResponse with accepted=true (accepted=false or a fault is a failed attempt).
// HUB_CA: the hub CA certificate (default ./hub-ca.pem; GET /pki/hub-ca.pem or the sandbox zip).
//
// To try it against a local hub, start the hub with HUB_DEMO_COURT_URL=http://127.0.0.1:<PORT>: the demo
// courts are then reached at <PORT>/demo-court/rest/<CODE> (REST) and <PORT>/services/demo-court/CourtResult (SOAP).
// FAIL=C440305,... makes this receiver answer FAIL_STATUS (default 503) to REST deliveries for those codes
// (to watch the hub's retries and the FAILED status).
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const crypto = require('crypto');
const { spawnSync } = require('child_process');

const port = Number(process.argv[2] || 18097);
const failing = new Set((process.env.FAIL || '').split(',').filter(Boolean));
const failStatus = Number(process.env.FAIL_STATUS || 503);
const HUB_CA = path.resolve(process.env.HUB_CA || 'hub-ca.pem');

// The hub's detached CMS signature (base64 DER) over the exact bytes: valid, chained to the hub CA, and made
// by the hub's signing certificate (CN=HUB, OU=signing), not by some participant's. Answers 'verified' or why not.
function verifyHub(bytes, signatureB64) {
  if (!signatureB64) return 'MISSING';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'court-'));
  fs.writeFileSync(path.join(dir, 'delivered.json'), bytes);
  fs.writeFileSync(path.join(dir, 'delivered.sig'), Buffer.from(signatureB64, 'base64'));
  const r = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'delivered.sig',
    '-content', 'delivered.json', '-CAfile', HUB_CA, '-out', '/dev/null', '-signer', 'signer.pem'], { cwd: dir, encoding: 'utf8' });
  let result = `FAILED (${(r.stderr || (r.error && r.error.message) || '').split('\n')[0]})`;
  if (r.status === 0) {
    const subject = new crypto.X509Certificate(fs.readFileSync(path.join(dir, 'signer.pem'))).subject.split('\n');
    result = subject.includes('CN=HUB') && subject.includes('OU=signing') ? 'verified' : `FAILED (signer ${subject.join(',')})`;
  }
  fs.rmSync(dir, { recursive: true });
  return result;
}

function soapResponse(accepted, note) {
  return '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
    '<DeliverMessageResponse xmlns="urn:courtmediation:hub:soap:v1">' +
    `<accepted>${accepted}</accepted>${note ? `<note>${note}</note>` : ''}` +
    '</DeliverMessageResponse></soap:Body></soap:Envelope>';
}

// Reads one element of the DeliverMessageRequest (namespace urn:courtmediation:hub:soap:v1, any prefix).
// A real trial system uses its SOAP stack, generated from CourtResult.wsdl, instead of this regex.
function element(xml, name) {
  const m = xml.match(new RegExp(`<(?:[A-Za-z0-9_]+:)?${name}(?:\\s[^>]*)?>([^<]*)</(?:[A-Za-z0-9_]+:)?${name}>`));
  return m ? m[1] : undefined;
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks); // keep the exact bytes: they are what the sender hashed (and signs)
    const sha256 = crypto.createHash('sha256').update(body).digest('hex');
    const now = new Date().toISOString();

    if (req.url.includes('CourtResult')) { // SOAP DeliverMessage
      const xml = body.toString('utf8');
      const payload = Buffer.from(element(xml, 'payload') || '', 'base64');
      const payloadSha = crypto.createHash('sha256').update(payload).digest('hex');
      const hashOk = payloadSha === element(xml, 'payloadSha256');
      const hub = verifyHub(payload, element(xml, 'hubSignature'));
      const ok = hashOk && hub === 'verified';
      console.log(`${now} SOAP DeliverMessage ${element(xml, 'messageId')} ${element(xml, 'type')} from ` +
        `${element(xml, 'sender')} to ${element(xml, 'recipient')} case ${element(xml, 'caseId')}: payload ` +
        `${payload.length} bytes, sha256 ${hashOk ? 'matches' : 'DOES NOT match'} payloadSha256, hub signature ${hub}`);
      res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
      res.end(soapResponse(ok, ok ? undefined : `payloadSha256 ${hashOk ? 'ok' : 'mismatch'}, hub signature ${hub}`));
      return;
    }

    // REST delivery
    const code = req.url.split('/').filter(Boolean).pop();
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k.startsWith('x-hub-'))
      .map(([k, v]) => [k, v.length > 40 ? `${v.slice(0, 12)}…(${v.length} chars)` : v]));
    const hub = verifyHub(body, req.headers['x-hub-signature']);
    console.log(`${now} REST ${req.method} ${req.url} content-type=${req.headers['content-type']} ` +
      `${JSON.stringify(headers)} ${body.length} bytes sha256 ${sha256}; X-Hub-Signature ${hub}`);
    if (req.headers['x-hub-document-report']) {
      console.log(`  document report: ${Buffer.from(req.headers['x-hub-document-report'], 'base64').toString('utf8')}`);
    }
    if (hub !== 'verified') {
      res.writeHead(400, { 'Content-Type': 'text/plain' });
      res.end(`hub signature ${hub}`);
      return;
    }
    if (failing.has(code)) {
      res.writeHead(failStatus, { 'Content-Type': 'text/plain' });
      res.end('trial system under maintenance');
      return;
    }
    // store the message (idempotently, keyed by X-Hub-Message-Id), then answer 2xx
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ accepted: true }));
  });
});

server.listen(port, '127.0.0.1', () => console.log(`court receiver listening on http://127.0.0.1:${server.address().port}`));
