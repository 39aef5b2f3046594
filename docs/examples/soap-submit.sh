#!/usr/bin/env bash
# Signed SubmitMessage to the hub's CaseExchange SOAP service with openssl and curl, then the hub's signed
# receipt checked with openssl (docs/interfaces.md, sections "Signatures" and "SOAP"). Exit code 1 on a HubFault.
#   ./soap-submit.sh [FILE]        default FILE: ../../schemas/examples/notice.json (sender C310115)
# Environment: HUB_URL (http://localhost:8080);
#   CREDENTIALS: directory of the sender's unzipped sandbox (participant.key.pem, participant.cert.pem,
#   hub-ca.pem), default ./C310115; SIGNATURE=<base64> sends that signature instead (e.g. to see a refusal).
set -euo pipefail
file=$(realpath "${1:-"$(dirname "$0")/../../schemas/examples/notice.json"}")
creds=$(realpath "${CREDENTIALS:-C310115}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$file" "$work/message.json"
cd "$work"
# 1. the detached CMS signature over the exact file bytes (the key never leaves this machine)
if [[ -z "${SIGNATURE:-}" ]]; then
  openssl cms -sign -binary -in message.json -signer "$creds/participant.cert.pem" -inkey "$creds/participant.key.pem" -md sha256 -nosmimecap -outform DER -out message.sig
  SIGNATURE=$(base64 -w0 message.sig)
fi
# 2. the payload: base64 of the same bytes, one line (GNU coreutils: -w0; macOS: base64 -i FILE)
payload=$(base64 -w0 message.json)
curl -sS "${HUB_URL:-http://localhost:8080}/services/CaseExchange" \
  -H 'Content-Type: text/xml; charset=utf-8' \
  -H 'SOAPAction: "urn:courtmediation:hub:case-exchange:v1:SubmitMessage"' \
  -o response.xml --data-binary @- <<XML
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:hub="urn:courtmediation:hub:soap:v1">
  <soapenv:Header>
    <hub:HubSignature>${SIGNATURE}</hub:HubSignature>
  </soapenv:Header>
  <soapenv:Body>
    <hub:SubmitMessageRequest>
      <hub:payload>${payload}</hub:payload>
    </hub:SubmitMessageRequest>
  </soapenv:Body>
</soapenv:Envelope>
XML
cat response.xml; echo
if grep -q 'Fault>' response.xml; then exit 1; fi   # HubFault: see its code
# 3. the receipt's JSON bytes and the hub's signature over them
if grep -q '<signedReceipt>' response.xml; then
  sed -n 's:.*<signedReceipt>\([^<]*\)</signedReceipt>.*:\1:p' response.xml | base64 -d > receipt.json
  sed -n 's:.*<receiptSignature>\([^<]*\)</receiptSignature>.*:\1:p' response.xml | base64 -d > receipt.sig
  echo "signed receipt: $(cat receipt.json)"
  openssl cms -verify -binary -inform DER -in receipt.sig -content receipt.json -CAfile "$creds/hub-ca.pem" -out /dev/null
fi
