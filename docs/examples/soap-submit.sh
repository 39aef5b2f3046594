#!/usr/bin/env bash
# SubmitMessage to the hub's CaseExchange SOAP service with plain curl (docs/interfaces.md, section "SOAP").
#   ./soap-submit.sh [FILE] [SIGNATURE_B64]      default FILE: ../../schemas/examples/notice.json
# Environment: HUB_URL (http://localhost:8080).
set -euo pipefail
file=${1:-"$(dirname "$0")/../../schemas/examples/notice.json"}
signature=${2:-}
header=""
if [[ -n "$signature" ]]; then header="<hub:HubSignature>${signature}</hub:HubSignature>"; fi
# base64 of the exact file bytes, one line (GNU coreutils: -w0; macOS: base64 -i FILE)
payload=$(base64 -w0 "$file")
curl -sS "${HUB_URL:-http://localhost:8080}/services/CaseExchange" \
  -H 'Content-Type: text/xml; charset=utf-8' \
  -H 'SOAPAction: "urn:courtmediation:hub:case-exchange:v1:SubmitMessage"' \
  --data-binary @- <<XML
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:hub="urn:courtmediation:hub:soap:v1">
  <soapenv:Header>${header}</soapenv:Header>
  <soapenv:Body>
    <hub:SubmitMessageRequest>
      <hub:payload>${payload}</hub:payload>
    </hub:SubmitMessageRequest>
  </soapenv:Body>
</soapenv:Envelope>
XML
echo
