#!/usr/bin/env node
// SOAP client of the hub's CaseExchange service (schemas/CaseExchange.wsdl): Node.js standard library and
// the openssl command line for the signatures. See docs/interfaces.md, sections "Signatures" and "SOAP".
//
//   node soap-submit.js submit [FILE] [--signature B64]   SubmitMessage: FILE's exact bytes, base64, in <payload>,
//                                                         signed with openssl cms -sign into the HubSignature header
//                                                         (default ../../schemas/examples/notice.json); --signature
//                                                         sends the given one instead. The hub's signature over the
//                                                         receipt (signedReceipt, receiptSignature) is verified.
//   node soap-submit.js status MESSAGE_ID                 GetMessageStatus
//
// Environment: HUB_URL (http://localhost:8080); CREDENTIALS: directory of the sender's unzipped sandbox
// (participant.key.pem, participant.cert.pem, hub-ca.pem), default ./C310115.
// Exit code 0 on a response, 1 on a HubFault (its code and detail are printed) or a receipt whose signature
// does not verify, 2 on a transport error.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const http = require('http');
const https = require('https');
const crypto = require('crypto');

const HUB_URL = process.env.HUB_URL || 'http://localhost:8080';
const ENDPOINT = new URL('/services/CaseExchange', HUB_URL);
const NS = 'urn:courtmediation:hub:soap:v1';
const CREDENTIALS = path.resolve(process.env.CREDENTIALS || 'C310115');

// openssl in a scratch directory holding the given files; answers its exit status, output and the directory
function openssl(files, args) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-soap-'));
  Object.entries(files).forEach(([name, bytes]) => fs.writeFileSync(path.join(dir, name), bytes));
  const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout || ''}${r.stderr || ''}${r.error ? r.error.message : ''}`.trim(), dir };
}

// detached CMS signature over the exact payload bytes, DER, base64: the HubSignature header
function sign(bytes) {
  const r = openssl({ 'message.json': bytes }, ['cms', '-sign', '-binary', '-in', 'message.json',
    '-signer', path.join(CREDENTIALS, 'participant.cert.pem'), '-inkey', path.join(CREDENTIALS, 'participant.key.pem'),
    '-md', 'sha256', '-nosmimecap', '-outform', 'DER', '-out', 'message.sig']);
  if (!r.ok) throw new Error(`openssl cms -sign failed (credentials in ${CREDENTIALS}?): ${r.output}`);
  const signature = fs.readFileSync(path.join(r.dir, 'message.sig')).toString('base64');
  fs.rmSync(r.dir, { recursive: true });
  return signature;
}

// the receipt's exact JSON bytes (signedReceipt) against the hub's signature (receiptSignature)
function verifyReceipt(xml) {
  const r = openssl({ 'receipt.json': Buffer.from(text(xml, 'signedReceipt'), 'base64'),
    'receipt.sig': Buffer.from(text(xml, 'receiptSignature'), 'base64') },
  ['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'receipt.sig', '-content', 'receipt.json',
    '-CAfile', path.join(CREDENTIALS, 'hub-ca.pem'), '-out', '/dev/null']);
  fs.rmSync(r.dir, { recursive: true });
  console.log(`signed receipt ${Buffer.from(text(xml, 'signedReceipt'), 'base64').toString('utf8')}: ${r.output}`);
  if (!r.ok) process.exitCode = 1;
}

function envelope(header, body) {
  return '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:hub="${NS}">` +
    (header ? `<soapenv:Header>${header}</soapenv:Header>` : '') +
    `<soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
}

function call(action, xml) {
  return new Promise((resolve, reject) => {
    const data = Buffer.from(xml, 'utf8');
    const req = (ENDPOINT.protocol === 'https:' ? https : http).request(ENDPOINT, {
      method: 'POST',
      headers: {
        'Content-Type': 'text/xml; charset=utf-8', // SOAP 1.1
        SOAPAction: `"urn:courtmediation:hub:case-exchange:v1:${action}"`,
        'Content-Length': data.length,
      },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(data);
  });
}

// the hub answers with its default namespace on the response element: <code>, <messageId>, ... are unprefixed
const text = (xml, name) => {
  const m = xml.match(new RegExp(`<(?:\\w+:)?${name}(?:\\s[^>]*)?>([^<]*)</(?:\\w+:)?${name}>`));
  return m ? m[1] : undefined;
};

function report(res) {
  if (res.body.includes('Fault>')) {
    // HubFault: soap:Client = fix the request; soap:Server = the hub failed, retry later
    console.log(`HTTP ${res.status} ${text(res.body, 'faultcode')} ${text(res.body, 'code')}: ${text(res.body, 'detail')}`);
    const errors = [...res.body.matchAll(/<error><path>([^<]*)<\/path><message>([^<]*)<\/message><\/error>/g)];
    errors.forEach((e) => console.log(`  ${e[1] || '(message)'}: ${e[2]}`));
    process.exitCode = 1;
  } else {
    console.log(`HTTP ${res.status}`);
    console.log(res.body);
  }
}

async function main() {
  const [command, arg] = process.argv.slice(2);
  if (command === 'submit') {
    const file = arg && !arg.startsWith('--') ? arg
      : path.join(__dirname, '..', '..', 'schemas', 'examples', 'notice.json');
    const bytes = fs.readFileSync(file); // exact bytes: base64 keeps them exact through XML
    const i = process.argv.indexOf('--signature');
    const signature = i > 0 ? process.argv[i + 1] : sign(bytes);
    const xml = envelope(`<hub:HubSignature>${signature}</hub:HubSignature>`,
      `<hub:SubmitMessageRequest><hub:payload>${bytes.toString('base64')}</hub:payload></hub:SubmitMessageRequest>`);
    const res = await call('SubmitMessage', xml);
    report(res);
    const sha = crypto.createHash('sha256').update(bytes).digest('hex');
    if (text(res.body, 'payloadSha256')) {
      console.log(`payloadSha256 ${text(res.body, 'payloadSha256') === sha ? 'equals' : 'DIFFERS FROM'} the SHA-256 of ${file}`);
      verifyReceipt(res.body);
    }
  } else if (command === 'status' && arg) {
    report(await call('GetMessageStatus',
      envelope('', `<hub:GetMessageStatusRequest><hub:messageId>${arg}</hub:messageId></hub:GetMessageStatusRequest>`)));
  } else {
    console.error('usage: node soap-submit.js submit [FILE] [--signature B64] | status MESSAGE_ID');
    process.exitCode = 2;
  }
}

main().catch((e) => { console.error(`error: ${e.message}`); process.exitCode = 2; });
