#!/usr/bin/env bash
# The README's walk-through, runnable: ADMIN=<admin token> BASE=http://127.0.0.1:3000 bash walkthrough.sh
set -euo pipefail
BASE=${BASE:-http://127.0.0.1:3000}
json() { python3 -c "import sys,json; print(json.load(sys.stdin)$1)"; }
post() { curl -sS -X POST "$BASE$1" -H "authorization: Bearer $2" -H 'content-type: application/json' -d "$3"; }

NVAO=$(post /v1/qa-bodies "$ADMIN" '{"name":"NVAO","country":"NL"}' | json '["id"]')
QA=$(post /v1/principals "$ADMIN" "{\"role\":\"qa-body\",\"qaBodyId\":\"$NVAO\",\"name\":\"NVAO desk\"}" | json '["token"]')
AUDITOR=$(post /v1/principals "$ADMIN" '{"role":"auditor","name":"Auditor"}' | json '["token"]')
ISSUER=$(post /v1/issuers "$QA" '{"legalName":"Hogeschool Utrecht","country":"NL","registrationId":"KVK-30220914"}' | json '["id"]')
post /v1/issuers/$ISSUER/accreditations "$QA" '{"scope":{"eqfLevels":[5,6,7]},"validFrom":"2026-01-01T00:00:00Z","validUntil":"2030-12-31T23:59:59Z"}'; echo
HU=$(post /v1/principals "$ADMIN" "{\"role\":\"issuer\",\"issuerId\":\"$ISSUER\",\"name\":\"HU registrar\"}" | json '["token"]')
SPEC=$(post /v1/specifications "$HU" '{"title":"Applied Data Visualisation","countries":["NL"],"awardingBodies":[{"legalName":"Hogeschool Utrecht","country":"NL"}],"learningOutcomes":["Choose a fitting chart for a dataset","Build an interactive dashboard"],"notionalWorkload":{"ects":3,"hours":84},"eqfLevel":6,"typeOfAssessment":"project","formOfParticipation":"online","typeOfQualityAssurance":"external accreditation","supervisionAndIdentityVerification":"supervised-with-identity-check","stackable":true}' | json '["id"]')
ASSESSMENT=$(post /v1/assessments "$HU" "{\"specificationId\":\"$SPEC\",\"learner\":{\"id\":\"lrn-7f3a9c\",\"identity\":{\"identityType\":\"emailAddress\",\"identityHash\":\"sha256\$$(printf 'learner@example.orgx1y2' | sha256sum | cut -d' ' -f1)\",\"salt\":\"x1y2\"}},\"result\":{\"outcome\":\"pass\",\"grade\":\"8.5\"},\"assessor\":\"J. de Vries\",\"method\":\"project\",\"assessedAt\":\"2026-11-20T10:00:00Z\",\"evidence\":[\"https://lms.example.org/submissions/991\"]}" | json '["id"]')
CRED=$(post /v1/credentials "$HU" "{\"specificationId\":\"$SPEC\",\"learnerId\":\"lrn-7f3a9c\",\"assessmentIds\":[\"$ASSESSMENT\"],\"validFrom\":\"2026-11-21T00:00:00Z\",\"validUntil\":\"2031-11-21T00:00:00Z\"}" | json '["id"]')
curl -sS -i "$BASE/v1/credentials/$CRED" -H "authorization: Bearer $HU" | grep -iE '^(HTTP|etag)|status'
post /v1/credentials/$CRED/suspension "$HU" '{"reason":"under-investigation","note":"complaint 12"}' | json '["status"]'
post /v1/credentials/$CRED/reinstatement "$QA" '{"note":"cleared"}' | json '["status"]'
post /v1/credentials/$CRED/revocation "$HU" '{"reason":"issued-in-error","note":"wrong cohort"}' | json '["status"]'
curl -sS "$BASE/v1/streams/credential-$CRED/events" -H "authorization: Bearer $AUDITOR" | json '["events"][-1]["metadata"]["ruleset"]'
curl -sS "$BASE/v1/streams/credential-$CRED/verification" -H "authorization: Bearer $AUDITOR"; echo
