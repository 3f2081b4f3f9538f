extension OpenAPIDocument {
    /// Nonconformances (short 8D) and supplier scorecards; the timers' event types.
    static let quality = #"""
    {
      "tags": [
        { "name": "Nonconformances", "description": "Nonconformance reports against goods receipts and the supplier's short 8D answer: containment (D3), root cause (D4), corrective action (D5/D6), verified and closed by the buyer (D7/D8)." },
        { "name": "Scorecards", "description": "Supplier performance over a period, computed from the event log." }
      ],
      "paths": {
        "/v1/nonconformances": {
          "post": {
            "operationId": "raiseNonconformance",
            "tags": ["Nonconformances"],
            "summary": "Raise a nonconformance",
            "description": "Role: buyer. Raises a nonconformance report (NCR) against a supplier and one of its goods receipts, optionally naming the order line, lot and quantity affected, with a due date for each step the supplier answers. The supplier must exist (`unknown-supplier`); a purchase order must exist (404 `not-found`, code `unknownPurchaseOrder`), belong to that supplier (`supplier-mismatch`) and have the line (`unknown-line`). Due dates may not be before today and must not go backwards (containment ≤ root cause ≤ corrective action). Posted to the ERP (outbox kind `nonconformance`, `\"event\": \"raised\"`), audited, and an `ncr.raised` event. Requires an `Idempotency-Key`.",
            "parameters": [{ "$ref": "#/components/parameters/IdempotencyKey" }, { "$ref": "#/components/parameters/RequestId" }],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": { "$ref": "#/components/schemas/NewNonconformance" },
                  "examples": {
                    "burrs": { "summary": "Burrs on a received lot", "value": {
                      "supplier": "S-100", "goodsReceipt": "gr_8Hk2Qm4T", "purchaseOrder": "PO-1001", "line": 1, "lot": "L-2027-014",
                      "quantityAffected": "12", "description": "Burrs on the cut edges of 12 profiles; parts cannot be assembled.",
                      "severity": "major", "due": { "containment": "2027-01-14", "rootCause": "2027-01-21", "correctiveAction": "2027-02-11" } } }
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "Raised (or the replay of an earlier request with the same key).",
                "headers": {
                  "X-Request-Id": { "$ref": "#/components/headers/X-Request-Id" },
                  "Location": { "description": "`/v1/nonconformances/{id}`.", "schema": { "type": "string" } },
                  "Idempotent-Replayed": { "$ref": "#/components/headers/Idempotent-Replayed" }
                },
                "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Nonconformance" },
                  "examples": { "raised": { "$ref": "#/components/examples/NonconformanceRaised" } } } }
              },
              "400": { "$ref": "#/components/responses/BadRequest" },
              "401": { "$ref": "#/components/responses/Unauthenticated" },
              "403": { "$ref": "#/components/responses/Forbidden" },
              "404": { "description": "`not-found` (code `unknownPurchaseOrder`): the purchase order named does not exist.", "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } } },
              "422": { "description": "`invalid-document` (a field rule, with `errors`), `unknown-supplier`, `supplier-mismatch`, `unknown-line`, `unknown-goods-receipt` (not a receipt of this supplier, or one that took in nothing of the given order line), `idempotency-key-reused`.",
                       "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" },
                         "examples": { "otherSupplier": { "value": { "type": "urn:supplyline:problem:supplier-mismatch", "title": "Purchase order of another supplier", "status": 422,
                           "detail": "Purchase order PO-2001 is not an order of supplier S-100.", "instance": "/v1/nonconformances", "requestId": "5f0c1d2e3a4b5c6d7e8f9a0b",
                           "code": "supplierMismatch", "errors": [{ "pointer": "/purchaseOrder", "detail": "belongs to another supplier" }] } } } } } },
              "500": { "$ref": "#/components/responses/InternalError" }
            }
          },
          "get": {
            "operationId": "listNonconformances",
            "tags": ["Nonconformances"],
            "summary": "List nonconformances",
            "description": "Roles: all. A supplier sees only its own. Oldest first.",
            "parameters": [
              { "name": "status", "in": "query", "required": false, "schema": { "$ref": "#/components/schemas/NonconformanceStatus" } },
              { "name": "supplier", "in": "query", "required": false, "schema": { "$ref": "#/components/schemas/Identifier" } },
              { "$ref": "#/components/parameters/Limit" }, { "$ref": "#/components/parameters/Cursor" }, { "$ref": "#/components/parameters/RequestId" }
            ],
            "responses": {
              "200": { "description": "A page of nonconformances.", "headers": { "X-Request-Id": { "$ref": "#/components/headers/X-Request-Id" } },
                       "content": { "application/json": { "schema": { "type": "object", "required": ["items"], "properties": {
                         "items": { "type": "array", "items": { "$ref": "#/components/schemas/Nonconformance" } }, "nextCursor": { "type": "string" } } },
                         "examples": { "page": { "value": { "items": [\#(raisedExample)] } } } } } },
              "400": { "$ref": "#/components/responses/BadRequest" },
              "401": { "$ref": "#/components/responses/Unauthenticated" },
              "500": { "$ref": "#/components/responses/InternalError" }
            }
          }
        },
        "/v1/nonconformances/{id}": {
          "parameters": [{ "$ref": "#/components/parameters/NonconformanceId" }],
          "get": {
            "operationId": "getNonconformance",
            "tags": ["Nonconformances"],
            "summary": "Read a nonconformance with its history",
            "description": "Roles: all. Another supplier's nonconformance is 404.",
            "parameters": [{ "$ref": "#/components/parameters/RequestId" }],
            "responses": {
              "200": { "description": "The nonconformance, its steps and its history.", "headers": { "X-Request-Id": { "$ref": "#/components/headers/X-Request-Id" } },
                       "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Nonconformance" },
                         "examples": { "answered": { "$ref": "#/components/examples/NonconformanceAnswered" } } } } },
              "401": { "$ref": "#/components/responses/Unauthenticated" },
              "404": { "$ref": "#/components/responses/NotFound" },
              "500": { "$ref": "#/components/responses/InternalError" }
            }
          }
        },
        "/v1/nonconformances/{id}/containment": {
          "parameters": [{ "$ref": "#/components/parameters/NonconformanceId" }],
          "post": {
            "operationId": "answerContainment", "tags": ["Nonconformances"], "summary": "Answer the containment (D3)",
            "description": "Role: supplier, its own nonconformances only (another supplier's is 404). Allowed while the status is `awaitingContainment` (first answer or after a return); otherwise 409 `step-not-open`. An `ncr.answered` event. Requires an `Idempotency-Key`.",
            "parameters": [{ "$ref": "#/components/parameters/IdempotencyKey" }, { "$ref": "#/components/parameters/RequestId" }],
            "requestBody": { "$ref": "#/components/requestBodies/NonconformanceAnswer" },
            "responses": \#(answerResponses)
          }
        },
        "/v1/nonconformances/{id}/root-cause": {
          "parameters": [{ "$ref": "#/components/parameters/NonconformanceId" }],
          "post": {
            "operationId": "answerRootCause", "tags": ["Nonconformances"], "summary": "Answer the root cause (D4)",
            "description": "Role: supplier, its own nonconformances only (another supplier's is 404). Allowed while the status is `awaitingRootCause`, that is once the containment is accepted; otherwise 409 `step-not-open`. An `ncr.answered` event. Requires an `Idempotency-Key`.",
            "parameters": [{ "$ref": "#/components/parameters/IdempotencyKey" }, { "$ref": "#/components/parameters/RequestId" }],
            "requestBody": { "$ref": "#/components/requestBodies/NonconformanceAnswer" },
            "responses": \#(answerResponses)
          }
        },
        "/v1/nonconformances/{id}/corrective-action": {
          "parameters": [{ "$ref": "#/components/parameters/NonconformanceId" }],
          "post": {
            "operationId": "answerCorrectiveAction", "tags": ["Nonconformances"], "summary": "Answer the corrective action (D5/D6)",
            "description": "Role: supplier, its own nonconformances only (another supplier's is 404). Allowed while the status is `awaitingCorrectiveAction`, that is once the root cause is accepted; otherwise 409 `step-not-open`. An `ncr.answered` event. Requires an `Idempotency-Key`.",
            "parameters": [{ "$ref": "#/components/parameters/IdempotencyKey" }, { "$ref": "#/components/parameters/RequestId" }],
            "requestBody": { "$ref": "#/components/requestBodies/NonconformanceAnswer" },
            "responses": \#(answerResponses)
          }
        },
        "/v1/nonconformances/{id}/accept": {
          "parameters": [{ "$ref": "#/components/parameters/NonconformanceId" }],
          "post": {
            "operationId": "acceptNonconformanceAnswer", "tags": ["Nonconformances"], "summary": "Accept the answer to a step",
            "description": "Role: buyer. Accepts the answer waiting for review (409 `step-not-answered` when the step has none); the next step opens, or after the corrective action the report waits for verification. An `ncr.reviewed` event with `verdict` `accepted`. Takes an optional `Idempotency-Key`: a retry with the same key and the same body changes nothing and answers the first answer again (the report as that decision left it, even if it has moved on since) with `Idempotent-Replayed: true`.",
            "parameters": [{ "$ref": "#/components/parameters/DecisionIdempotencyKey" }, { "$ref": "#/components/parameters/RequestId" }],
            "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/NonconformanceReview" },
              "examples": { "accept": { "value": { "step": "containment", "note": "Sorting at the supplier confirmed by our incoming inspection." } } } } } },
            "responses": \#(reviewResponses)
          }
        },
        "/v1/nonconformances/{id}/return": {
          "parameters": [{ "$ref": "#/components/parameters/NonconformanceId" }],
          "post": {
            "operationId": "returnNonconformanceAnswer", "tags": ["Nonconformances"], "summary": "Return the answer to a step",
            "description": "Role: buyer. Sends the answer waiting for review back to the supplier, who answers the step again; the note saying why is required. 409 `step-not-answered` when the step has no answer waiting. An `ncr.reviewed` event with `verdict` `returned`. Takes an optional `Idempotency-Key`: a retry with the same key and the same body changes nothing and answers the first answer again (the report as that decision left it, even if it has moved on since) with `Idempotent-Replayed: true`.",
            "parameters": [{ "$ref": "#/components/parameters/DecisionIdempotencyKey" }, { "$ref": "#/components/parameters/RequestId" }],
            "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/NonconformanceReview" },
              "examples": { "return": { "value": { "step": "rootCause", "note": "A 5-why that stops at 'operator error' is not a root cause." } } } } } },
            "responses": \#(reviewResponses)
          }
        },
        "/v1/nonconformances/{id}/close": {
          "parameters": [{ "$ref": "#/components/parameters/NonconformanceId" }],
          "post": {
            "operationId": "closeNonconformance", "tags": ["Nonconformances"], "summary": "Verify and close (D7/D8)",
            "description": "Role: buyer. Closes a nonconformance whose corrective action was accepted (status `awaitingVerification`), with a note on how its effect was verified; otherwise 409 `not-awaiting-verification`, or `nonconformance-closed` when already closed. Posted to the ERP (outbox kind `nonconformance`, `\"event\": \"closed\"`) and an `ncr.closed` event. Takes an optional `Idempotency-Key`: a retry with the same key and the same body changes nothing and answers the first answer again (the report as that decision left it, even if it has moved on since) with `Idempotent-Replayed: true`.",
            "parameters": [{ "$ref": "#/components/parameters/DecisionIdempotencyKey" }, { "$ref": "#/components/parameters/RequestId" }],
            "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["note"], "properties": { "note": { "type": "string", "minLength": 1, "maxLength": 4000 } } },
              "examples": { "close": { "value": { "note": "Three lots since 2027-02-15 received without burrs; deburring station audit passed." } } } } } },
            "responses": \#(reviewResponses)
          }
        },
        "/v1/suppliers/{id}/scorecard": {
          "parameters": [{ "name": "id", "in": "path", "required": true, "description": "Supplier id.", "schema": { "$ref": "#/components/schemas/Identifier" } }],
          "get": {
            "operationId": "getSupplierScorecard", "tags": ["Scorecards"], "summary": "A supplier's scorecard for a period",
            "description": "Roles: buyer, admin, erp for any supplier; a supplier for itself only (another supplier is 404). Computed from the event log for the calendar days `from` to `to` (UTC, both included; at most 1097 days). A metric with no transactions in the period has `count` 0 and no `percent` or hours: never 0% or 100%. Formulas: on-time delivery = receipt lines with received date ≤ due date / receipt lines received in the period; acknowledgement cycle time = hours from `po.released`/`po.revised` (released in the period) to the first `po.acknowledged` of that revision; first-pass invoice match = `invoice.submitted` with `firstPassMatch` / all `invoice.submitted`; ship-notice accuracy = ship notice lines whose received + rejected, added up over their receipts in the period, equals the shipped quantity / notice lines received in the period; nonconformances = `ncr.raised` in the period.",
            "parameters": [
              { "name": "from", "in": "query", "required": true, "schema": { "$ref": "#/components/schemas/LocalDate" }, "example": "2027-01-01" },
              { "name": "to", "in": "query", "required": true, "schema": { "$ref": "#/components/schemas/LocalDate" }, "example": "2027-03-31" },
              { "$ref": "#/components/parameters/RequestId" }
            ],
            "responses": {
              "200": { "description": "The scorecard.", "headers": { "X-Request-Id": { "$ref": "#/components/headers/X-Request-Id" } },
                       "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Scorecard" }, "examples": { "quarter": { "value": {
                         "supplier": "S-100", "from": "2027-01-01", "to": "2027-03-31",
                         "onTimeDelivery": { "count": 40, "hits": 37, "percent": "92.5" },
                         "acknowledgementCycleTime": { "count": 18, "meanHours": "20.42", "medianHours": "16.5", "unanswered": 1 },
                         "firstPassInvoiceMatch": { "count": 0, "hits": 0 },
                         "shipNoticeAccuracy": { "count": 31, "hits": 30, "percent": "96.8" },
                         "nonconformances": { "count": 2 } } } } } } },
              "400": { "description": "`invalid-parameter`: `from` or `to` missing or not a date, `from` after `to`, or a period longer than 1097 days.", "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } } },
              "401": { "$ref": "#/components/responses/Unauthenticated" },
              "404": { "$ref": "#/components/responses/NotFound" },
              "500": { "$ref": "#/components/responses/InternalError" }
            }
          }
        }
      },
      "components": {
        "parameters": {
          "NonconformanceId": { "name": "id", "in": "path", "required": true, "description": "Nonconformance id (`ncr_…`).", "schema": { "type": "string" }, "example": "ncr_Vb3kT9qL2mXa" }
        },
        "requestBodies": {
          "NonconformanceAnswer": {
            "required": true,
            "content": { "application/json": { "schema": { "type": "object", "required": ["text"], "properties": { "text": { "type": "string", "minLength": 1, "maxLength": 4000 } } },
              "examples": { "containment": { "value": { "text": "Stock at our warehouse (140 pcs) and in transit (60 pcs) blocked and 100% inspected; 9 rejected." } },
                            "rootCause": { "value": { "text": "Worn deburring brush on saw line 2; wear was not on the preventive maintenance plan." } },
                            "correctiveAction": { "value": { "text": "Brush changed; brush wear added to the weekly PM checklist; edge check added to the final inspection plan from 2027-02-01." } } } } }
          }
        },
        "examples": {
          "NonconformanceRaised": { "value": {
            "id": "ncr_Vb3kT9qL2mXa", "supplier": "S-100", "goodsReceipt": "gr_8Hk2Qm4T", "purchaseOrder": "PO-1001", "line": 1, "lot": "L-2027-014",
            "quantityAffected": "12", "description": "Burrs on the cut edges of 12 profiles; parts cannot be assembled.", "severity": "major",
            "status": "awaitingContainment", "raisedBy": "cl_7Hq0PzR3", "createdAt": "2027-01-12T09:30:00.000Z", "updatedAt": "2027-01-12T09:30:00.000Z",
            "steps": [
              { "step": "containment", "discipline": "D3", "due": "2027-01-14", "state": "open", "overdue": false },
              { "step": "rootCause", "discipline": "D4", "due": "2027-01-21", "state": "pending", "overdue": false },
              { "step": "correctiveAction", "discipline": "D5/D6", "due": "2027-02-11", "state": "pending", "overdue": false } ] } },
          "NonconformanceAnswered": { "value": {
            "id": "ncr_Vb3kT9qL2mXa", "supplier": "S-100", "goodsReceipt": "gr_8Hk2Qm4T", "purchaseOrder": "PO-1001", "line": 1,
            "description": "Burrs on the cut edges of 12 profiles; parts cannot be assembled.", "severity": "major",
            "status": "containmentAnswered", "raisedBy": "cl_7Hq0PzR3", "createdAt": "2027-01-12T09:30:00.000Z", "updatedAt": "2027-01-13T15:02:11.120Z",
            "steps": [
              { "step": "containment", "discipline": "D3", "due": "2027-01-14", "state": "answered", "overdue": false,
                "answer": "Stock at our warehouse (140 pcs) and in transit (60 pcs) blocked and 100% inspected; 9 rejected.",
                "answeredAt": "2027-01-13T15:02:11.120Z", "answeredBy": "cl_Acme01" },
              { "step": "rootCause", "discipline": "D4", "due": "2027-01-21", "state": "pending", "overdue": false },
              { "step": "correctiveAction", "discipline": "D5/D6", "due": "2027-02-11", "state": "pending", "overdue": false } ],
            "history": [
              { "at": "2027-01-12T09:30:00.000Z", "actor": "cl_7Hq0PzR3", "action": "raised", "status": "awaitingContainment", "text": "Burrs on the cut edges of 12 profiles; parts cannot be assembled." },
              { "at": "2027-01-13T15:02:11.120Z", "actor": "cl_Acme01", "action": "answered", "step": "containment", "status": "containmentAnswered",
                "text": "Stock at our warehouse (140 pcs) and in transit (60 pcs) blocked and 100% inspected; 9 rejected." } ] } }
        },
        "schemas": {
          "NonconformanceStatus": { "type": "string", "enum": ["awaitingContainment", "containmentAnswered", "awaitingRootCause", "rootCauseAnswered",
            "awaitingCorrectiveAction", "correctiveActionAnswered", "awaitingVerification", "closed"] },
          "NonconformanceStep": { "type": "string", "enum": ["containment", "rootCause", "correctiveAction"] },
          "NewNonconformance": {
            "type": "object",
            "required": ["supplier", "goodsReceipt", "description", "severity", "due"],
            "properties": {
              "supplier": { "$ref": "#/components/schemas/Identifier" },
              "goodsReceipt": { "type": "string", "pattern": "^gr_[A-Za-z0-9._-]{1,32}$", "description": "The goods receipt the nonconformance was found on." },
              "purchaseOrder": { "$ref": "#/components/schemas/Identifier" },
              "line": { "type": "integer", "minimum": 1, "description": "Needs `purchaseOrder`." },
              "lot": { "type": "string", "minLength": 1, "maxLength": 64 },
              "quantityAffected": { "$ref": "#/components/schemas/Decimal" },
              "description": { "type": "string", "minLength": 1, "maxLength": 4000 },
              "severity": { "type": "string", "enum": ["minor", "major", "critical"] },
              "due": { "type": "object", "required": ["containment", "rootCause", "correctiveAction"], "properties": {
                "containment": { "$ref": "#/components/schemas/LocalDate" }, "rootCause": { "$ref": "#/components/schemas/LocalDate" },
                "correctiveAction": { "$ref": "#/components/schemas/LocalDate" } } }
            }
          },
          "NonconformanceReview": {
            "type": "object", "required": ["step"],
            "properties": { "step": { "$ref": "#/components/schemas/NonconformanceStep" }, "note": { "type": "string", "minLength": 1, "maxLength": 4000, "description": "Required to return." } }
          },
          "Nonconformance": {
            "type": "object",
            "required": ["id", "supplier", "goodsReceipt", "description", "severity", "status", "steps", "raisedBy", "createdAt", "updatedAt"],
            "properties": {
              "id": { "type": "string", "pattern": "^ncr_" },
              "supplier": { "$ref": "#/components/schemas/Identifier" },
              "goodsReceipt": { "type": "string" },
              "purchaseOrder": { "$ref": "#/components/schemas/Identifier" },
              "line": { "type": "integer" },
              "lot": { "type": "string" },
              "quantityAffected": { "$ref": "#/components/schemas/Decimal" },
              "description": { "type": "string" },
              "severity": { "type": "string", "enum": ["minor", "major", "critical"] },
              "status": { "$ref": "#/components/schemas/NonconformanceStatus" },
              "steps": { "type": "array", "items": { "type": "object", "required": ["step", "discipline", "due", "state", "overdue"], "properties": {
                "step": { "$ref": "#/components/schemas/NonconformanceStep" },
                "discipline": { "type": "string", "enum": ["D3", "D4", "D5/D6"] },
                "due": { "$ref": "#/components/schemas/LocalDate" },
                "state": { "type": "string", "enum": ["pending", "open", "answered", "accepted"], "description": "`pending`: an earlier step is not accepted yet; `open`: waits for the supplier; `answered`: waits for the buyer." },
                "overdue": { "type": "boolean", "description": "The supplier still owes the step and its due date has passed." },
                "answer": { "type": "string" }, "answeredAt": { "$ref": "#/components/schemas/Timestamp" }, "answeredBy": { "type": "string" },
                "review": { "type": "string", "enum": ["accepted", "returned"] }, "reviewNote": { "type": "string" }, "reviewedAt": { "$ref": "#/components/schemas/Timestamp" } } } },
              "raisedBy": { "type": "string", "description": "Client id of the buyer." },
              "closingNote": { "type": "string", "description": "How the corrective action was verified (D7/D8)." },
              "createdAt": { "$ref": "#/components/schemas/Timestamp" },
              "updatedAt": { "$ref": "#/components/schemas/Timestamp" },
              "history": { "type": "array", "description": "On `GET /v1/nonconformances/{id}` only: `raised`, `answered`, `accepted`, `returned`, `overdue`, `closed`, oldest first.",
                "items": { "type": "object", "required": ["at", "actor", "action", "status"], "properties": {
                  "at": { "$ref": "#/components/schemas/Timestamp" }, "actor": { "type": "string", "description": "Client id, or `system` for the timers." },
                  "action": { "type": "string" }, "step": { "$ref": "#/components/schemas/NonconformanceStep" },
                  "status": { "$ref": "#/components/schemas/NonconformanceStatus" }, "text": { "type": "string" } } } }
            }
          },
          "ScorecardRate": {
            "type": "object", "required": ["count", "hits"],
            "properties": { "count": { "type": "integer", "description": "Transactions in the period (the denominator)." }, "hits": { "type": "integer" },
                            "percent": { "$ref": "#/components/schemas/Decimal", "description": "hits / count × 100, one decimal place; absent when count is 0." } }
          },
          "Scorecard": {
            "type": "object",
            "required": ["supplier", "from", "to", "onTimeDelivery", "acknowledgementCycleTime", "firstPassInvoiceMatch", "shipNoticeAccuracy", "nonconformances"],
            "properties": {
              "supplier": { "$ref": "#/components/schemas/Identifier" },
              "from": { "$ref": "#/components/schemas/LocalDate" }, "to": { "$ref": "#/components/schemas/LocalDate" },
              "onTimeDelivery": { "$ref": "#/components/schemas/ScorecardRate" },
              "acknowledgementCycleTime": { "type": "object", "required": ["count", "unanswered"], "properties": {
                "count": { "type": "integer" }, "meanHours": { "$ref": "#/components/schemas/Decimal" }, "medianHours": { "$ref": "#/components/schemas/Decimal" },
                "unanswered": { "type": "integer", "description": "Revisions released in the period without an acknowledgement yet." } } },
              "firstPassInvoiceMatch": { "$ref": "#/components/schemas/ScorecardRate" },
              "shipNoticeAccuracy": { "$ref": "#/components/schemas/ScorecardRate" },
              "nonconformances": { "type": "object", "required": ["count"], "properties": { "count": { "type": "integer" } } }
            }
          },
          "Exception": {
            "properties": { "type": { "examples": ["acknowledgementOverdue", "shipNoticeLate", "nonconformanceStepOverdue"] } }
          },
          "CloudEvent": {
            "properties": { "type": { "enum": ["com.supplyline.ncr.raised", "com.supplyline.ncr.answered", "com.supplyline.ncr.reviewed",
              "com.supplyline.ncr.closed", "com.supplyline.ncr.overdue", "com.supplyline.timer.acknowledgementOverdue",
              "com.supplyline.timer.shipNoticeLate"] } }
          }
        }
      }
    }
    """#

    private static let answerResponses = #"""
    {
          "201": { "description": "Answered (or the replay of an earlier request with the same key): the nonconformance as it stands.",
                   "headers": { "X-Request-Id": { "$ref": "#/components/headers/X-Request-Id" }, "Idempotent-Replayed": { "$ref": "#/components/headers/Idempotent-Replayed" } },
                   "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Nonconformance" }, "examples": { "answered": { "$ref": "#/components/examples/NonconformanceAnswered" } } } } },
          "400": { "$ref": "#/components/responses/BadRequest" },
          "401": { "$ref": "#/components/responses/Unauthenticated" },
          "403": { "$ref": "#/components/responses/Forbidden" },
          "404": { "$ref": "#/components/responses/NotFound" },
          "409": { "description": "`step-not-open`: the step is answered already, accepted, or an earlier step is not accepted yet; `nonconformance-closed`.",
                   "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" }, "examples": { "notYet": { "value": {
                     "type": "urn:supplyline:problem:step-not-open", "title": "Step is not waiting for an answer", "status": 409,
                     "detail": "The root cause (D4) can be answered once the containment is accepted; the nonconformance is containmentAnswered.",
                     "instance": "/v1/nonconformances/ncr_Vb3kT9qL2mXa/root-cause", "requestId": "5f0c1d2e3a4b5c6d7e8f9a0b", "code": "stepNotOpen" } } } } } },
          "422": { "description": "`invalid-document`: the text is empty or longer than 4000 characters; `idempotency-key-reused`.", "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } } },
          "500": { "$ref": "#/components/responses/InternalError" }
        }
    """#

    private static let reviewResponses = #"""
    {
          "200": { "description": "The nonconformance as the decision left it (or, with `Idempotent-Replayed: true`, the stored answer to the earlier request with this key).",
                   "headers": { "X-Request-Id": { "$ref": "#/components/headers/X-Request-Id" }, "Idempotent-Replayed": { "$ref": "#/components/headers/Idempotent-Replayed" } },
                   "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Nonconformance" }, "examples": { "answered": { "$ref": "#/components/examples/NonconformanceAnswered" } } } } },
          "400": { "$ref": "#/components/responses/BadRequest" },
          "401": { "$ref": "#/components/responses/Unauthenticated" },
          "403": { "$ref": "#/components/responses/Forbidden" },
          "404": { "$ref": "#/components/responses/NotFound" },
          "409": { "description": "`step-not-answered` (no answer waiting for review on that step), `not-awaiting-verification` (closing before the corrective action is accepted), `nonconformance-closed`.",
                   "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } } },
          "422": { "description": "`invalid-document`: a return without a note, a note longer than 4000 characters, or an unknown `step`; `idempotency-key-reused`: this client sent the key before with another request.", "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } } },
          "500": { "$ref": "#/components/responses/InternalError" }
        }
    """#

    private static let raisedExample = #"""
    {
            "id": "ncr_Vb3kT9qL2mXa", "supplier": "S-100", "goodsReceipt": "gr_8Hk2Qm4T", "purchaseOrder": "PO-1001", "line": 1, "lot": "L-2027-014",
            "quantityAffected": "12", "description": "Burrs on the cut edges of 12 profiles; parts cannot be assembled.", "severity": "major",
            "status": "awaitingContainment", "raisedBy": "cl_7Hq0PzR3", "createdAt": "2027-01-12T09:30:00.000Z", "updatedAt": "2027-01-12T09:30:00.000Z",
            "steps": [
              { "step": "containment", "discipline": "D3", "due": "2027-01-14", "state": "open", "overdue": false },
              { "step": "rootCause", "discipline": "D4", "due": "2027-01-21", "state": "pending", "overdue": false },
              { "step": "correctiveAction", "discipline": "D5/D6", "due": "2027-02-11", "state": "pending", "overdue": false } ] }
    """#
}
