extension OpenAPIDocument {
    /// Cancelling orders and lines, and supplier change requests on confirmed orders.
    static let orderChanges = #"""
    {
      "tags": [
        { "name": "Order changes", "description": "Cancellations by the ERP and change requests by suppliers on confirmed orders." }
      ],
      "paths": {
        "/v1/purchase-orders/{number}/cancel": {
          "parameters": [
            { "name": "number", "in": "path", "required": true, "description": "Purchase order number.", "schema": { "$ref": "#/components/schemas/Identifier" } }
          ],
          "post": {
            "operationId": "cancelPurchaseOrder",
            "tags": ["Order changes"],
            "summary": "Cancel a purchase order",
            "description": "Role: erp. Releases a new revision (`revision`, or the next one) in which every line is `cancelled`, with the reason as `cancelReason`; the order becomes `cancelled`. A PUT of a revision whose every line is cancelled does the same. A cancelled order takes no acknowledgement, change request or ship notice, and no further revision (`order-cancelled`); open `orderResponseOutOfTolerance` and `changeRequestOutOfTolerance` exceptions are superseded. Refused with `below-shipped-quantity` when any line has shipped or received quantity (reduce the lines to it instead). Suppliers with an EDI or cXML profile get an 860 (BCH01 `01`), ORDCHG (BGM 1225 `1`) or cXML OrderRequest `delete`. Events `com.supplyline.po.revised`, `com.supplyline.po.lineCancelled` per line and `com.supplyline.po.cancelled`; audited as `purchaseOrder.cancelled`. Requires an `Idempotency-Key`; a replay answers the same order with `Idempotent-Replayed: true`.",
            "parameters": [{ "$ref": "#/components/parameters/IdempotencyKey" }, { "$ref": "#/components/parameters/RequestId" }],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": { "$ref": "#/components/schemas/Cancellation" },
                  "examples": {
                    "next": { "summary": "As the next revision", "value": { "reason": "Project stopped by the customer" } },
                    "named": { "summary": "As a revision the ERP numbers", "value": { "reason": "Duplicate order", "revision": 4 } }
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The order, now `cancelled`.",
                "headers": { "X-Request-Id": { "$ref": "#/components/headers/X-Request-Id" }, "Idempotent-Replayed": { "description": "`true` when this answers an earlier request with the same key.", "schema": { "type": "string" } } },
                "content": { "application/json": { "schema": { "$ref": "#/components/schemas/PurchaseOrderView" },
                  "examples": { "cancelled": { "value": {
                    "number": "PO-1001", "revision": 2, "status": "cancelled", "supplier": "S-100", "plant": "P01", "currency": "USD",
                    "cancelReason": "Project stopped by the customer",
                    "lines": [{ "line": 1, "item": "MAT-100", "description": "Bracket", "quantity": "100", "unit": "EA", "unitPrice": "2.50",
                                "needBy": "2027-01-15", "critical": true, "schedule": [{ "quantity": "100", "date": "2027-01-15" }], "cancelled": true }],
                    "revisions": [1, 2], "createdAt": "2026-12-01T09:00:00.000Z", "updatedAt": "2026-12-03T10:15:00.000Z" } } } } }
              },
              "400": { "$ref": "#/components/responses/BadRequest" },
              "401": { "$ref": "#/components/responses/Unauthenticated" },
              "403": { "$ref": "#/components/responses/Forbidden" },
              "404": { "$ref": "#/components/responses/NotFound" },
              "409": { "description": "`order-cancelled`: already cancelled. `revision-conflict`: `revision` is not newer than the current one. `below-shipped-quantity`: a line has shipped or received quantity; `detail` names the line and quantity.",
                       "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" },
                         "examples": { "shipped": { "value": { "type": "urn:supplyline:problem:below-shipped-quantity", "title": "Below the quantity already shipped or received", "status": 409,
                           "detail": "Line 1 of PO-1001 cannot be cancelled: 60 EA have already been shipped or received; reduce its quantity to 60 instead.",
                           "code": "belowShippedQuantity", "errors": [{ "pointer": "/lines/0/cancelled", "detail": "60 EA already shipped or received" }] } } } } } },
              "422": { "description": "`invalid-document`: the reason is empty or longer than 500 characters. `idempotency-key-reused`: the key was used for another request.", "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } } },
              "500": { "$ref": "#/components/responses/InternalError" }
            }
          }
        },
        "/v1/purchase-orders/{number}/change-requests": {
          "parameters": [
            { "name": "number", "in": "path", "required": true, "description": "Purchase order number.", "schema": { "$ref": "#/components/schemas/Identifier" } }
          ],
          "get": {
            "operationId": "listChangeRequests",
            "tags": ["Order changes"],
            "summary": "List an order's change requests",
            "description": "Every role (a supplier key: its own orders only; another supplier's order is `not-found`). Every change request of every revision, oldest first. Not paged.",
            "parameters": [{ "$ref": "#/components/parameters/RequestId" }],
            "responses": {
              "200": {
                "description": "The change requests.",
                "headers": { "X-Request-Id": { "$ref": "#/components/headers/X-Request-Id" } },
                "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ChangeRequestList" },
                  "examples": { "one": { "value": { "items": [{
                    "id": "chr_Q2mVb7LpR4w3kT9x", "purchaseOrder": "PO-1001", "revision": 1, "supplier": "S-100", "status": "applied", "reasons": [],
                    "lines": [{ "line": 1, "status": "changed", "schedule": [{ "quantity": "60", "date": "2027-01-15" }, { "quantity": "40", "date": "2027-01-18" }], "unitPrice": "2.5", "reason": "Furnace maintenance" }],
                    "previous": [{ "line": 1, "status": "accepted", "schedule": [{ "quantity": "100", "date": "2027-01-15" }], "unitPrice": "2.5" }],
                    "receivedAt": "2026-12-03T10:15:00.000Z", "decidedAt": "2026-12-03T10:15:00.000Z", "decidedBy": "system" }] } } } } }
              },
              "401": { "$ref": "#/components/responses/Unauthenticated" },
              "404": { "$ref": "#/components/responses/NotFound" },
              "500": { "$ref": "#/components/responses/InternalError" }
            }
          },
          "post": {
            "operationId": "createChangeRequest",
            "tags": ["Order changes"],
            "summary": "Ask to change a confirmed order",
            "description": "Role: supplier (its own orders only). New promised dates and/or quantities for confirmed lines of the current revision: per line, the whole new schedule. The hub measures each line against the ORDERED line with the supplier's acknowledgement tolerances (dates in days, the total quantity in percent). Within them the request is `applied` at once: the confirmed schedule changes, the ERP gets a `scheduleChange` posting, and a `com.supplyline.planning.alert` is raised for each critical line the change moves past its need-by date. Outside them it is `inReview` and a `changeRequestOutOfTolerance` exception waits for a buyer (approve: applied and posted as above, after checking again against what has been shipped; reject: the previous confirmation stands); meanwhile no other change request is taken on the order (`change-request-pending`). A new revision supersedes a request in review. No line may go below what has already been shipped or received (`below-shipped-quantity`). Events `com.supplyline.po.changeRequested` (with `decision`) and, on a buyer's decision or when a new revision supersedes it, `com.supplyline.po.changeRequestDecided`; audited as `purchaseOrder.changeRequested`. Requires an `Idempotency-Key`.",
            "parameters": [{ "$ref": "#/components/parameters/IdempotencyKey" }, { "$ref": "#/components/parameters/RequestId" }],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": { "$ref": "#/components/schemas/ChangeRequest" },
                  "examples": {
                    "split": { "summary": "Split line 1, 40 EA three days later", "value": { "revision": 1, "lines": [{ "line": 1, "schedule": [{ "quantity": "60", "date": "2027-01-15" }, { "quantity": "40", "date": "2027-01-18" }], "reason": "Furnace maintenance" }] } },
                    "late": { "summary": "Line 1 ten days later (outside ±3 days)", "value": { "revision": 1, "lines": [{ "line": 1, "schedule": [{ "quantity": "100", "date": "2027-01-25" }] }] } }
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "The change request with the hub's decision (`applied` or `inReview`). A replay answers 201 again with `Idempotent-Replayed: true`.",
                "headers": { "X-Request-Id": { "$ref": "#/components/headers/X-Request-Id" }, "Idempotent-Replayed": { "description": "`true` when this answers an earlier request with the same key.", "schema": { "type": "string" } } },
                "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ChangeRequestView" },
                  "examples": { "inReview": { "value": {
                    "id": "chr_Q2mVb7LpR4w3kT9x", "purchaseOrder": "PO-1001", "revision": 1, "supplier": "S-100", "status": "inReview",
                    "reasons": [{ "code": "dateOutOfTolerance", "message": "Line 1: delivery on 2027-01-25 is 10 days later than 2027-01-15, more than the 3 days allowed.", "line": 1 }],
                    "lines": [{ "line": 1, "status": "changed", "schedule": [{ "quantity": "100", "date": "2027-01-25" }], "unitPrice": "2.5" }],
                    "previous": [{ "line": 1, "status": "accepted", "schedule": [{ "quantity": "100", "date": "2027-01-15" }], "unitPrice": "2.5" }],
                    "exception": "exc_b1Yc7Hq0PzR3sT9u", "receivedAt": "2026-12-03T10:15:00.000Z" } } } } }
              },
              "400": { "$ref": "#/components/responses/BadRequest" },
              "401": { "$ref": "#/components/responses/Unauthenticated" },
              "403": { "$ref": "#/components/responses/Forbidden" },
              "404": { "description": "`not-found`: no such order, or another supplier's.", "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } } },
              "409": { "description": "`order-not-confirmed`: the current revision is not confirmed (acknowledge it instead). `order-cancelled`: the order is cancelled. `stale-revision`: the request names an older revision. `change-request-pending`: an earlier request waits for a buyer. `line-cancelled`: the line is cancelled. `below-shipped-quantity`: a line would go below what has been shipped or received.",
                       "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" },
                         "examples": { "shipped": { "value": { "type": "urn:supplyline:problem:below-shipped-quantity", "title": "Below the quantity already shipped or received", "status": 409,
                           "detail": "Line 1 of PO-1001 cannot go down to 59 EA: 60 EA have already been shipped or received.", "code": "belowShippedQuantity" } } } } } },
              "422": { "description": "`line-not-confirmed`: the supplier rejected the line in its confirmation. `invalid-document`: a field rule (no lines, a line twice, a schedule without deliveries or with a quantity not above zero, the schedule already confirmed, a reason over 500 characters). `unknown-line`: no such line on the order. `unknown-revision`: the revision was never released. `idempotency-key-reused`.", "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } } },
              "500": { "$ref": "#/components/responses/InternalError" }
            }
          }
        }
      },
      "components": {
        "schemas": {
          "Cancellation": {
            "type": "object",
            "required": ["reason"],
            "properties": {
              "reason": { "type": "string", "minLength": 1, "maxLength": 500, "description": "Why the order is cancelled; kept as the revision's `cancelReason`." },
              "revision": { "type": "integer", "minimum": 2, "description": "The revision number the cancellation is released as; newer than the current one. The next one when left out." }
            }
          },
          "ChangeRequest": {
            "type": "object",
            "required": ["revision", "lines"],
            "properties": {
              "revision": { "type": "integer", "description": "The current revision, which the supplier confirmed." },
              "lines": { "type": "array", "minItems": 1, "items": { "$ref": "#/components/schemas/ScheduleChange" } }
            }
          },
          "ScheduleChange": {
            "type": "object",
            "required": ["line", "schedule"],
            "properties": {
              "line": { "type": "integer", "description": "A confirmed, not cancelled line of the order." },
              "schedule": { "type": "array", "minItems": 1, "items": { "$ref": "#/components/schemas/ScheduleLine" }, "description": "The whole new schedule of the line; its total is the new quantity." },
              "reason": { "type": "string", "maxLength": 500 }
            }
          },
          "ChangeRequestStatus": {
            "type": "string",
            "enum": ["applied", "inReview", "approved", "rejected", "superseded"],
            "description": "`applied`: within tolerance, in force. `inReview`: waiting for a buyer. `approved`: a buyer approved it, in force. `rejected`: a buyer rejected it. `superseded`: a new revision came before a decision."
          },
          "ChangeRequestView": {
            "type": "object",
            "required": ["id", "purchaseOrder", "revision", "supplier", "status", "reasons", "lines", "previous", "receivedAt"],
            "properties": {
              "id": { "type": "string", "examples": ["chr_Q2mVb7LpR4w3kT9x"] },
              "purchaseOrder": { "$ref": "#/components/schemas/Identifier" },
              "revision": { "type": "integer" },
              "supplier": { "$ref": "#/components/schemas/Identifier" },
              "status": { "$ref": "#/components/schemas/ChangeRequestStatus" },
              "reasons": { "type": "array", "items": { "$ref": "#/components/schemas/Reason" }, "description": "Tolerance deviations; empty when applied at once." },
              "lines": { "type": "array", "items": { "$ref": "#/components/schemas/ConfirmedLine" }, "description": "The confirmed lines asked for, one per changed line." },
              "previous": { "type": "array", "items": { "$ref": "#/components/schemas/ConfirmedLine" }, "description": "The same lines as confirmed before." },
              "exception": { "type": "string", "description": "The `changeRequestOutOfTolerance` exception, when held for a buyer." },
              "receivedAt": { "$ref": "#/components/schemas/Timestamp" },
              "decidedAt": { "$ref": "#/components/schemas/Timestamp" },
              "decidedBy": { "type": "string", "description": "The buyer's client id; `system` when applied at once or superseded." }
            }
          },
          "ChangeRequestList": {
            "type": "object",
            "required": ["items"],
            "properties": { "items": { "type": "array", "items": { "$ref": "#/components/schemas/ChangeRequestView" } } }
          },
          "OrderLine": {
            "properties": {
              "cancelled": { "type": "boolean", "default": false, "description": "The ERP cancelled the line in this revision or an earlier one. It stays on the order; nothing more is due on it and the supplier need not answer it (answered, it must be `accepted`). A cancelled line cannot be reinstated (`line-cancelled`), a new order cannot start with one, and a line with shipped or received quantity cannot be cancelled (`below-shipped-quantity`). Present only when true." }
            }
          },
          "PurchaseOrder": {
            "properties": {
              "cancelReason": { "type": "string", "maxLength": 500, "description": "Why the ERP cancelled the order; only on a revision whose every line is cancelled." }
            }
          },
          "PurchaseOrderView": {
            "properties": {
              "cancelReason": { "type": "string", "description": "Why the ERP cancelled the order, when it did." }
            }
          },
          "ConfirmedLine": {
            "properties": {
              "cancelled": { "type": "boolean", "description": "The ERP cancelled the line: it stands `accepted` with no deliveries. Present only when true." }
            }
          },
          "OrderStatus": { "enum": ["cancelled"] },
          "Exception": {
            "properties": { "type": { "examples": ["changeRequestOutOfTolerance"] } }
          },
          "OutboxMessage": {
            "properties": { "kind": { "examples": ["scheduleChange"] } }
          },
          "CloudEvent": {
            "properties": { "type": { "enum": ["com.supplyline.po.cancelled", "com.supplyline.po.lineCancelled", "com.supplyline.po.changeRequested", "com.supplyline.po.changeRequestDecided"] } }
          }
        }
      }
    }
    """#
}
