#!/usr/bin/env node
// A minimal court-side receiver for the Court Mediation Integration Hub, Node.js standard library only.
// It shows what a court's (or mediation organisation's / grassroots unit's) trial system must answer
// when the hub delivers to it. See docs/interfaces.md, section "Court-side delivery".
//
//   node court-receiver.js [PORT]          (default 18097; 0 = any free port)
//
// REST channel : POST <any path ending in the participant code>, body = the exact message JSON,
//                headers X-Hub-Message-Id, X-Hub-Type, X-Hub-Sender, X-Hub-Case-Id[, X-Hub-Sender-Signature].
//                Answer 2xx once the message is stored: the hub then marks it DELIVERED.
// SOAP channel : POST of a CourtResult.wsdl DeliverMessage request; answer DeliverMessageResponse with
//                accepted=true (accepted=false or a fault is a failed attempt, retried by the hub).
//
// To try it against a local hub, start the hub with HUB_DEMO_COURT_URL=http://127.0.0.1:<PORT>: the demo
// courts are then reached at <PORT>/demo-court/rest/<CODE> (REST) and <PORT>/services/demo-court/CourtResult (SOAP).
// FAIL=C440305,... makes this receiver answer FAIL_STATUS (default 503) to REST deliveries for those codes
// (to watch the hub's retries and the FAILED status).
'use strict';

const http = require('http');
const crypto = require('crypto');

const port = Number(process.argv[2] || 18097);
const failing = new Set((process.env.FAIL || '').split(',').filter(Boolean));
const failStatus = Number(process.env.FAIL_STATUS || 503);

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
      const ok = payloadSha === element(xml, 'payloadSha256');
      console.log(`${now} SOAP DeliverMessage ${element(xml, 'messageId')} ${element(xml, 'type')} from ` +
        `${element(xml, 'sender')} case ${element(xml, 'caseId')}: payload ${payload.length} bytes, sha256 ` +
        `${ok ? 'matches' : 'DOES NOT match'} payloadSha256; SOAPAction ${req.headers.soapaction}`);
      res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8' });
      res.end(soapResponse(ok, ok ? undefined : 'payloadSha256 mismatch'));
      return;
    }

    // REST delivery
    const code = req.url.split('/').filter(Boolean).pop();
    const hub = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k.startsWith('x-hub-')));
    console.log(`${now} REST ${req.method} ${req.url} content-type=${req.headers['content-type']} ` +
      `${JSON.stringify(hub)} ${body.length} bytes sha256 ${sha256}`);
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
