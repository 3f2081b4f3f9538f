extension OpenAPIDocument {
    /// Releasing or revising many purchase orders in one request.
    static let bulkRelease = #"""
    {
      "paths": {
        "/v1/purchase-orders:bulk": {
          "post": {
            "operationId": "releasePurchaseOrdersInBulk",
            "tags": ["Purchase orders"],
            "summary": "Release or revise many purchase orders at once",
            "description": "Role: erp. Requires an `Idempotency-Key`. For a planning run that releases or revises many orders: `orders` holds 1 to 1000 full revisions, each exactly what `PUT /v1/purchase-orders/{number}` takes, and each is applied exactly as that `PUT` would apply it, in the order given (the same rules, partner documents, superseded exceptions, `po.released`/`po.revised` events and audit entries). The batch is per order, not all-or-nothing: an order that is refused (invalid, unknown supplier, revision conflict, supplier changed) leaves nothing of itself behind, and the others still apply. The answer is 200 with one result per order, in request order: `outcome` `created` (status 201), `unchanged` or `revised` (200), or `refused` with the `problem` its single `PUT` would have got (its `status`, `code` and, for invalid documents, `errors` with JSON Pointers relative to that order). Check `summary.refused`. The same order number may appear more than once; later entries see what earlier ones did. The same key with the same batch replays the stored answer with `Idempotent-Replayed: true` and applies nothing again; the same key with another batch is 422 `idempotency-key-reused`. Limits: the body must fit the server's body limit (1 MiB unless `--max-body-bytes` says otherwise; larger is 413 `payload-too-large` before anything is read) and hold at most 1000 orders (more is 413 `batch-too-large`); nothing of a refused batch is applied or remembered. The whole batch is written in one transaction, so the orders of one request cost one commit.",
            "parameters": [
              { "$ref": "#/components/parameters/RequestId" },
              { "$ref": "#/components/parameters/IdempotencyKey" }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": { "$ref": "#/components/schemas/ReleaseBatch" },
                  "examples": {
                    "planningRun": {
                      "summary": "A new order and a revision with moved schedule lines",
                      "value": {
                        "orders": [
                          { "number": "PO-2001", "revision": 1, "supplier": "S-100", "plant": "P01", "currency": "USD",
                            "lines": [{ "line": 1, "item": "MAT-100", "description": "Bracket", "quantity": "100", "unit": "EA",
                                        "unitPrice": "2.50", "needBy": "2027-02-15",
                                        "schedule": [{ "quantity": "60", "date": "2027-02-10" }, { "quantity": "40", "date": "2027-02-15" }] }] },
                          { "number": "PO-1001", "revision": 2, "supplier": "S-100", "plant": "P01", "currency": "USD",
                            "lines": [{ "line": 1, "item": "MAT-100", "description": "Bracket", "quantity": "100", "unit": "EA",
                                        "unitPrice": "2.50", "needBy": "2027-01-15", "critical": true,
                                        "schedule": [{ "quantity": "50", "date": "2027-01-12" }, { "quantity": "50", "date": "2027-01-19" }] }] }
                        ]
                      }
                    }
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "Every order was applied or refused; one result per order, in request order.",
                "headers": {
                  "X-Request-Id": { "$ref": "#/components/headers/X-Request-Id" },
                  "Idempotent-Replayed": { "$ref": "#/components/headers/Idempotent-Replayed" }
                },
                "content": {
                  "application/json": {
                    "schema": { "$ref": "#/components/schemas/ReleaseBatchResult" },
                    "examples": {
                      "mixed": {
                        "summary": "One created, one revised, one refused",
                        "value": {
                          "batch": "bat_Qm3xT0aB9kLc",
                          "results": [
                            { "index": 0, "number": "PO-2001", "outcome": "created", "revision": 1, "status": 201 },
                            { "index": 1, "number": "PO-1001", "outcome": "revised", "previousRevision": 1, "revision": 2, "status": 200 },
                            { "index": 2, "number": "PO-1002", "outcome": "refused", "status": 409,
                              "problem": { "type": "urn:supplyline:problem:revision-conflict", "title": "Revision conflict", "status": 409,
                                           "detail": "PO-1002 is already at revision 3; revision 2 is older.", "code": "revisionConflict" } }
                          ],
                          "summary": { "orders": 3, "created": 1, "unchanged": 0, "revised": 1, "refused": 1 }
                        }
                      }
                    }
                  }
                }
              },
              "400": { "$ref": "#/components/responses/BadRequest" },
              "401": { "$ref": "#/components/responses/Unauthenticated" },
              "403": { "$ref": "#/components/responses/Forbidden" },
              "413": {
                "description": "`payload-too-large`: the body exceeds the server's body limit; `batch-too-large`: more than 1000 orders. Nothing is applied; split the batch.",
                "headers": { "X-Request-Id": { "$ref": "#/components/headers/X-Request-Id" } },
                "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" },
                  "examples": { "batchTooLarge": { "value": { "type": "urn:supplyline:problem:batch-too-large", "title": "Batch too large", "status": 413,
                    "detail": "The batch has 1200 orders; send at most 1000 per request.", "instance": "/v1/purchase-orders:bulk", "requestId": "req_5b1f0c2e" } } } } }
              },
              "415": { "$ref": "#/components/responses/UnsupportedMediaType" },
              "422": {
                "description": "`invalid-document`: `orders` is missing, not an array, or empty; `idempotency-key-reused`: the key was used for another request. Nothing is applied.",
                "headers": { "X-Request-Id": { "$ref": "#/components/headers/X-Request-Id" } },
                "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } }
              },
              "500": { "$ref": "#/components/responses/InternalError" }
            }
          }
        }
      },
      "components": {
        "schemas": {
          "ReleaseBatch": {
            "type": "object",
            "required": ["orders"],
            "properties": {
              "orders": { "type": "array", "minItems": 1, "maxItems": 1000, "items": { "$ref": "#/components/schemas/PurchaseOrder" } }
            }
          },
          "ReleaseBatchResult": {
            "type": "object",
            "required": ["batch", "results", "summary"],
            "properties": {
              "batch": { "type": "string", "description": "Id of the batch (`bat_…`), the same on a replay." },
              "results": { "type": "array", "items": { "$ref": "#/components/schemas/ReleaseItemResult" } },
              "summary": {
                "type": "object",
                "required": ["orders", "created", "unchanged", "revised", "refused"],
                "properties": {
                  "orders": { "type": "integer" }, "created": { "type": "integer" }, "unchanged": { "type": "integer" },
                  "revised": { "type": "integer" }, "refused": { "type": "integer" }
                }
              }
            }
          },
          "ReleaseItemResult": {
            "type": "object",
            "required": ["index", "outcome", "status"],
            "properties": {
              "index": { "type": "integer", "description": "Position in `orders`, from 0." },
              "number": { "type": "string", "description": "The order number, when it could be read." },
              "outcome": { "type": "string", "enum": ["created", "unchanged", "revised", "refused"] },
              "status": { "type": "integer", "description": "The status the single PUT would have answered: 201, 200, 409 or 422." },
              "revision": { "type": "integer", "description": "The order's current revision after this entry (not on refused entries)." },
              "previousRevision": { "type": "integer", "description": "On `revised`: the revision it replaced." },
              "problem": { "$ref": "#/components/schemas/Problem", "description": "On `refused`: why, as the single PUT would have said it (`invalid-document`, `unknown-supplier`, `revision-conflict`, `supplier-changed`)." }
            }
          }
        }
      }
    }
    """#
}
