/// The OpenAPI 3.1 description of API v1, served at `GET /v1/openapi.json`: this base, with
/// the parts in `OpenAPIDocument+Assembly.swift` merged in.
extension OpenAPIDocument {
    static let base: String = #"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "Supplyline API",
        "version": "1.0.0",
        "summary": "Integration hub between a manufacturer's ERP and its suppliers.",
        "description": "Supplyline connects a manufacturer's ERP with its suppliers. The ERP releases suppliers and purchase orders; suppliers acknowledge them line by line; the hub decides against each supplier's tolerances, posts confirmations and rejections to the ERP through a durable outbox, and holds answers outside the tolerances for a buyer. The same hub carries the order on to payment: order changes and supplier change requests, ship notices with SSCC labels, goods receipts, quality documents, invoices matched three ways, payment status, nonconformances with a short 8D, timers, one exception queue and a supplier scorecard.\n\n## Authentication\n\nEvery endpoint except `/v1/health`, `/v1/openapi.json` and `/metrics` needs an API key: `Authorization: Bearer sl.<client id>.<secret>`. The key's role decides what the client may do:\n\n- `erp`: maintain suppliers, release, revise, cancel and bulk-release purchase orders, post goods receipts and invoice status, read everything, read exceptions.\n- `supplier`: read and acknowledge its own supplier's orders, ask for changes, send ship notices, upload quality documents, submit invoices, answer nonconformances, read its own scorecard. Another supplier's data is answered with 404, never 403.\n- `buyer`: read everything, work the exception queue (approve, reject, assign, comment), raise and review nonconformances.\n- `admin`: maintain suppliers, read everything, assign and comment on exceptions, dead letters and replay, outbox counts, audit log, API clients.\n\nA missing or invalid key is 401 with `WWW-Authenticate: Bearer realm=\"supplyline\"`; a role that may not do something is 403.\n\n## Idempotency\n\n`POST /v1/purchase-orders/{number}/acknowledgements`, and every `POST` that creates a document (change requests, cancellations, bulk releases, ship notices, goods receipts, quality documents, invoices, nonconformances and their answers), requires an `Idempotency-Key` header (1 to 255 visible ASCII characters). Keys belong to the client. The same key with the same body replays the original answer with `Idempotent-Replayed: true`; the same key with a different body is 422 `idempotency-key-reused`; a missing key is 400 `missing-idempotency-key`. Only successful answers are stored, so a request that failed can be retried with the same key. The decisions on exceptions (approve, reject, assign, comment) and on nonconformances (accept, return, close) take an optional `Idempotency-Key`: without one they behave as they always have (a second approval is 409); with one, a retry with the same key and the same request answers what the first answered, the object as that decision left it, with `Idempotent-Replayed: true`, even if the object has moved on since. `PUT` requests are idempotent by nature: the same content again answers 200 and changes nothing.\n\n## Errors\n\nErrors are RFC 9457 problem details (`application/problem+json`) with `type` `urn:supplyline:problem:<slug>`, `title`, `status`, `detail`, `instance` (the request path) and `requestId`; business-rule problems add `code`, and invalid documents add `errors`, a list of `{pointer, detail}` with JSON Pointers into the body. Slugs: `malformed-json`, `invalid-parameter`, `missing-idempotency-key`, `invalid-idempotency-key` (400); `unauthenticated` (401); `forbidden` (403); `not-found` (404); `method-not-allowed` (405, with `Allow`); `stale-revision`, `revision-conflict`, `not-awaiting-acknowledgement`, `supplier-changed`, `exception-not-open`, `conflict`, `below-shipped-quantity`, `order-cancelled`, `line-cancelled`, `order-not-confirmed`, `change-request-pending`, `duplicate-shipment-id`, `ship-notice-received`, `ship-notice-closed`, `duplicate-invoice`, `invoice-status-conflict`, `step-not-open`, `step-not-answered`, `not-awaiting-verification`, `nonconformance-closed` (409); `payload-too-large`, `document-too-large`, `batch-too-large` (413); `unsupported-media-type`, `unrecognised-interchange` (415); `invalid-document`, `invalid-request`, `unknown-revision`, `unknown-line`, `unknown-supplier`, `idempotency-key-reused`, `malformed-interchange`, `line-not-confirmed`, `invalid-sscc`, `over-shipment`, `unknown-purchase-order`, `unknown-ship-notice`, `unknown-goods-receipt`, `content-type-mismatch`, `currency-mismatch`, `supplier-mismatch` (422); `internal-error` (500); `interchange-in-progress` (503). Every problem raised by a flow or a business rule carries `code`, a machine-readable reason such as `notFound`, `overShipment` or `priceVariance`.\n\n## Data\n\nDecimal numbers (quantities, prices, percentages) are JSON strings such as `\"12.50\"`; dates are `YYYY-MM-DD`; timestamps are ISO 8601 in UTC. Optional response fields are left out rather than sent as null. Every response carries `X-Request-Id`. HEAD is answered for every GET.\n\n## Pagination\n\nList endpoints with many items take `limit` (1 to 500, default 50) and `cursor`. A page is `{\"items\": [...], \"nextCursor\": \"...\"}`; `nextCursor` is opaque and is left out on the last page. Pass it back as `cursor` to get the next page."
      },
      "servers": [
        {
          "url": "http://127.0.0.1:8080"
        }
      ],
      "security": [
        {
          "bearerAuth": []
        }
      ],
      "tags": [
        {
          "name": "Suppliers",
          "description": "Suppliers and their tolerances, maintained by the ERP or an admin."
        },
        {
          "name": "Purchase orders",
          "description": "Orders and their revisions, released by the ERP."
        },
        {
          "name": "Acknowledgements",
          "description": "Suppliers' answers to orders and the hub's decisions."
        },
        {
          "name": "Exceptions",
          "description": "One queue for everything held for review: answers and change requests outside tolerance, held ship notices, invoice variances, overdue acknowledgements, late ship notices, overdue nonconformance steps."
        },
        {
          "name": "Operations",
          "description": "Dead letters, outbox and audit log, for admins."
        },
        {
          "name": "Clients",
          "description": "API clients and their keys, for admins."
        },
        {
          "name": "Interchanges",
          "description": "Partner profiles and X12, EDIFACT and cXML interchanges with suppliers."
        },
        {
          "name": "Service",
          "description": "Health, this document and metrics; no authentication."
        }
      ],
      "paths": {
        "/v1/health": {
          "get": {
            "operationId": "getHealth",
            "tags": [
              "Service"
            ],
            "summary": "Liveness",
            "description": "Answers 200 while the server is up. No authentication.",
            "parameters": [
              {
                "$ref": "#/components/parameters/RequestId"
              }
            ],
            "responses": {
              "200": {
                "description": "The server is up.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Health"
                    },
                    "examples": {
                      "ok": {
                        "value": {
                          "status": "ok"
                        }
                      }
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            },
            "security": []
          }
        },
        "/v1/openapi.json": {
          "get": {
            "operationId": "getOpenAPIDocument",
            "tags": [
              "Service"
            ],
            "summary": "This OpenAPI document",
            "description": "The OpenAPI 3.1 description of API v1. No authentication.",
            "parameters": [
              {
                "$ref": "#/components/parameters/RequestId"
              }
            ],
            "responses": {
              "200": {
                "description": "The document.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  },
                  "Cache-Control": {
                    "description": "`no-cache`.",
                    "schema": {
                      "type": "string"
                    }
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "type": "object"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            },
            "security": []
          }
        },
        "/metrics": {
          "get": {
            "operationId": "getMetrics",
            "tags": [
              "Service"
            ],
            "summary": "Prometheus metrics",
            "description": "Counters and histograms in the Prometheus text format 0.0.4 (HTTP requests, acknowledgements by decision, outbox deliveries, retries and dead letters). No authentication.",
            "parameters": [
              {
                "$ref": "#/components/parameters/RequestId"
              }
            ],
            "responses": {
              "200": {
                "description": "Metrics.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "text/plain; version=0.0.4; charset=utf-8": {
                    "schema": {
                      "type": "string"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            },
            "security": []
          }
        },
        "/v1/suppliers": {
          "get": {
            "operationId": "listSuppliers",
            "tags": [
              "Suppliers"
            ],
            "summary": "List suppliers",
            "description": "Every role. A supplier key sees only its own supplier. Not paged; ordered by id.",
            "parameters": [
              {
                "$ref": "#/components/parameters/RequestId"
              }
            ],
            "responses": {
              "200": {
                "description": "The suppliers.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/SupplierList"
                    },
                    "examples": {
                      "acme": {
                        "value": {
                          "items": [
                            {
                              "id": "S-100",
                              "name": "Acme Castings",
                              "tolerances": {
                                "dateDays": 3,
                                "quantityPercent": "5",
                                "pricePercent": "2"
                              }
                            }
                          ]
                        }
                      }
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthenticated"
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            }
          }
        },
        "/v1/suppliers/{id}": {
          "parameters": [
            {
              "name": "id",
              "in": "path",
              "required": true,
              "description": "Supplier id.",
              "schema": {
                "$ref": "#/components/schemas/Identifier"
              }
            }
          ],
          "get": {
            "operationId": "getSupplier",
            "tags": [
              "Suppliers"
            ],
            "summary": "Read a supplier",
            "description": "Every role. A supplier key may read only its own supplier; any other id is 404.",
            "parameters": [
              {
                "$ref": "#/components/parameters/RequestId"
              }
            ],
            "responses": {
              "200": {
                "description": "The supplier.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Supplier"
                    },
                    "examples": {
                      "acme": {
                        "value": {
                          "id": "S-100",
                          "name": "Acme Castings",
                          "tolerances": {
                            "dateDays": 3,
                            "quantityPercent": "5",
                            "pricePercent": "2"
                          }
                        }
                      }
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthenticated"
              },
              "404": {
                "description": "`not-found`: no such supplier, or not the caller's own.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            }
          },
          "put": {
            "operationId": "putSupplier",
            "tags": [
              "Suppliers"
            ],
            "summary": "Create or update a supplier",
            "description": "Roles: erp, admin. Creates the supplier (201) or replaces its name and tolerances (200; also 200 when nothing changed). The body's `id` must match the address. The answer is the supplier as stored.",
            "parameters": [
              {
                "$ref": "#/components/parameters/RequestId"
              }
            ],
            "requestBody": {
              "required": true,
              "description": "The supplier.",
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/Supplier"
                  },
                  "examples": {
                    "acme": {
                      "summary": "Acme Castings",
                      "value": {
                        "id": "S-100",
                        "name": "Acme Castings",
                        "tolerances": {
                          "dateDays": 3,
                          "quantityPercent": "5",
                          "pricePercent": "2"
                        }
                      }
                    }
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "Updated, or unchanged.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Supplier"
                    }
                  }
                }
              },
              "201": {
                "description": "Created.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Supplier"
                    },
                    "examples": {
                      "acme": {
                        "value": {
                          "id": "S-100",
                          "name": "Acme Castings",
                          "tolerances": {
                            "dateDays": 3,
                            "quantityPercent": "5",
                            "pricePercent": "2"
                          }
                        }
                      }
                    }
                  }
                }
              },
              "400": {
                "description": "`malformed-json`: the body is empty or not JSON.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthenticated"
              },
              "403": {
                "description": "`forbidden`: the key's role may not do this; it needs erp or admin.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "422": {
                "description": "`invalid-document`: the body does not fit the schema or breaks a field rule; `errors` lists the fields at fault. `invalid-request`: the body's `id` does not match the address.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    },
                    "examples": {
                      "invalidTolerance": {
                        "value": {
                          "code": "invalidDocument",
                          "detail": "The supplier is invalid: /tolerances/dateDays: must be between 0 and 365.",
                          "errors": [
                            {
                              "detail": "must be between 0 and 365",
                              "pointer": "/tolerances/dateDays"
                            }
                          ],
                          "instance": "/v1/suppliers/S-100",
                          "requestId": "4f1c2a9e7b3d5c60a1e2f3b4",
                          "status": 422,
                          "title": "Invalid document",
                          "type": "urn:supplyline:problem:invalid-document"
                        }
                      }
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            }
          }
        },
        "/v1/purchase-orders": {
          "get": {
            "operationId": "listPurchaseOrders",
            "tags": [
              "Purchase orders"
            ],
            "summary": "List purchase orders",
            "description": "Every role. A supplier key sees only its own supplier's orders. Ordered by number; paged.",
            "parameters": [
              {
                "name": "status",
                "in": "query",
                "required": false,
                "description": "Only orders with this status.",
                "schema": {
                  "$ref": "#/components/schemas/OrderStatus"
                }
              },
              {
                "$ref": "#/components/parameters/Limit"
              },
              {
                "$ref": "#/components/parameters/Cursor"
              },
              {
                "$ref": "#/components/parameters/RequestId"
              }
            ],
            "responses": {
              "200": {
                "description": "A page of orders (current revisions).",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/PurchaseOrderPage"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/InvalidParameter"
              },
              "401": {
                "$ref": "#/components/responses/Unauthenticated"
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            }
          }
        },
        "/v1/purchase-orders/{number}": {
          "parameters": [
            {
              "name": "number",
              "in": "path",
              "required": true,
              "description": "Purchase order number.",
              "schema": {
                "$ref": "#/components/schemas/Identifier"
              }
            }
          ],
          "get": {
            "operationId": "getPurchaseOrder",
            "tags": [
              "Purchase orders"
            ],
            "summary": "Read a purchase order",
            "description": "Every role. The current revision with its status and the list of revisions. Another supplier's order is 404 for a supplier key.",
            "parameters": [
              {
                "$ref": "#/components/parameters/RequestId"
              }
            ],
            "responses": {
              "200": {
                "description": "The order.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/PurchaseOrderView"
                    },
                    "examples": {
                      "released": {
                        "value": {
                          "createdAt": "2027-01-10T08:00:00.000Z",
                          "currency": "USD",
                          "lines": [
                            {
                              "critical": true,
                              "description": "Bracket",
                              "item": "MAT-100",
                              "line": 1,
                              "needBy": "2027-01-15",
                              "quantity": "100",
                              "schedule": [
                                {
                                  "date": "2027-01-15",
                                  "quantity": "100"
                                }
                              ],
                              "unit": "EA",
                              "unitPrice": "2.5"
                            }
                          ],
                          "number": "PO-1001",
                          "plant": "P01",
                          "revision": 1,
                          "revisions": [
                            1
                          ],
                          "status": "awaitingAcknowledgement",
                          "supplier": "S-100",
                          "updatedAt": "2027-01-10T08:00:00.000Z"
                        }
                      }
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthenticated"
              },
              "404": {
                "description": "`not-found`: no such order, or another supplier's.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            }
          },
          "put": {
            "operationId": "putPurchaseOrder",
            "tags": [
              "Purchase orders"
            ],
            "summary": "Release a purchase order revision",
            "description": "Role: erp. The body's `number` must match the address and its supplier must be on file. A new order is created (201) and waits for the supplier's acknowledgement. The same revision with the same content changes nothing (200). A higher revision becomes current (200): the order waits for a new acknowledgement and open exceptions of the order are superseded. The same revision with other content, or a lower revision, is 409 `revision-conflict`; a revision may not move the order to another supplier (409 `supplier-changed`).",
            "parameters": [
              {
                "$ref": "#/components/parameters/RequestId"
              }
            ],
            "requestBody": {
              "required": true,
              "description": "The revision to release.",
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/PurchaseOrder"
                  },
                  "examples": {
                    "PO-1001": {
                      "summary": "Revision 1 of PO-1001",
                      "value": {
                        "number": "PO-1001",
                        "revision": 1,
                        "supplier": "S-100",
                        "plant": "P01",
                        "currency": "USD",
                        "lines": [
                          {
                            "line": 1,
                            "item": "MAT-100",
                            "description": "Bracket",
                            "quantity": "100",
                            "unit": "EA",
                            "unitPrice": "2.50",
                            "needBy": "2027-01-15",
                            "critical": true,
                            "schedule": [
                              {
                                "quantity": "100",
                                "date": "2027-01-15"
                              }
                            ]
                          }
                        ]
                      }
                    }
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "Unchanged, or revised to this revision.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/PurchaseOrderView"
                    }
                  }
                }
              },
              "201": {
                "description": "Created.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/PurchaseOrderView"
                    },
                    "examples": {
                      "released": {
                        "value": {
                          "createdAt": "2027-01-10T08:00:00.000Z",
                          "currency": "USD",
                          "lines": [
                            {
                              "critical": true,
                              "description": "Bracket",
                              "item": "MAT-100",
                              "line": 1,
                              "needBy": "2027-01-15",
                              "quantity": "100",
                              "schedule": [
                                {
                                  "date": "2027-01-15",
                                  "quantity": "100"
                                }
                              ],
                              "unit": "EA",
                              "unitPrice": "2.5"
                            }
                          ],
                          "number": "PO-1001",
                          "plant": "P01",
                          "revision": 1,
                          "revisions": [
                            1
                          ],
                          "status": "awaitingAcknowledgement",
                          "supplier": "S-100",
                          "updatedAt": "2027-01-10T08:00:00.000Z"
                        }
                      }
                    }
                  }
                }
              },
              "400": {
                "description": "`malformed-json`: the body is empty or not JSON.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthenticated"
              },
              "403": {
                "description": "`forbidden`: the key's role may not do this; it needs erp.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "409": {
                "description": "`revision-conflict`: this revision was released with other content, or a newer revision is current. `supplier-changed`: the order belongs to another supplier.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    },
                    "examples": {
                      "revisionConflict": {
                        "value": {
                          "code": "revisionConflict",
                          "detail": "PO-1001 revision 1 was already released with different content; release changes as revision 2.",
                          "instance": "/v1/purchase-orders/PO-1001",
                          "requestId": "4f1c2a9e7b3d5c60a1e2f3b4",
                          "status": 409,
                          "title": "Revision conflict",
                          "type": "urn:supplyline:problem:revision-conflict"
                        }
                      }
                    }
                  }
                }
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "422": {
                "description": "`invalid-document`: the body does not fit the schema or breaks a field rule; `errors` lists the fields at fault. `unknown-supplier`: the order's supplier is not on file. `invalid-request`: the body's `number` does not match the address.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    },
                    "examples": {
                      "scheduleMismatch": {
                        "value": {
                          "code": "invalidDocument",
                          "detail": "The purchase order is invalid: /lines/0/schedule: delivery quantities must add up to the line quantity 100.",
                          "errors": [
                            {
                              "detail": "delivery quantities must add up to the line quantity 100",
                              "pointer": "/lines/0/schedule"
                            }
                          ],
                          "instance": "/v1/purchase-orders/PO-1001",
                          "requestId": "4f1c2a9e7b3d5c60a1e2f3b4",
                          "status": 422,
                          "title": "Invalid document",
                          "type": "urn:supplyline:problem:invalid-document"
                        }
                      }
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            }
          }
        },
        "/v1/purchase-orders/{number}/revisions/{revision}": {
          "parameters": [
            {
              "name": "number",
              "in": "path",
              "required": true,
              "description": "Purchase order number.",
              "schema": {
                "$ref": "#/components/schemas/Identifier"
              }
            },
            {
              "name": "revision",
              "in": "path",
              "required": true,
              "description": "Revision number.",
              "schema": {
                "type": "integer"
              }
            }
          ],
          "get": {
            "operationId": "getPurchaseOrderRevision",
            "tags": [
              "Purchase orders"
            ],
            "summary": "Read one revision of a purchase order",
            "description": "Every role (a supplier key: its own orders only). The revision exactly as the ERP released it, without status.",
            "parameters": [
              {
                "$ref": "#/components/parameters/RequestId"
              }
            ],
            "responses": {
              "200": {
                "description": "The revision.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/PurchaseOrder"
                    },
                    "examples": {
                      "PO-1001": {
                        "value": {
                          "currency": "USD",
                          "lines": [
                            {
                              "critical": true,
                              "description": "Bracket",
                              "item": "MAT-100",
                              "line": 1,
                              "needBy": "2027-01-15",
                              "quantity": "100",
                              "schedule": [
                                {
                                  "date": "2027-01-15",
                                  "quantity": "100"
                                }
                              ],
                              "unit": "EA",
                              "unitPrice": "2.50"
                            }
                          ],
                          "number": "PO-1001",
                          "plant": "P01",
                          "revision": 1,
                          "supplier": "S-100"
                        }
                      }
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthenticated"
              },
              "404": {
                "description": "`not-found`: no such order or revision, or another supplier's order.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            }
          }
        },
        "/v1/purchase-orders/{number}/acknowledgements": {
          "parameters": [
            {
              "name": "number",
              "in": "path",
              "required": true,
              "description": "Purchase order number.",
              "schema": {
                "$ref": "#/components/schemas/Identifier"
              }
            }
          ],
          "get": {
            "operationId": "listAcknowledgements",
            "tags": [
              "Acknowledgements"
            ],
            "summary": "List an order's acknowledgements",
            "description": "Every role (a supplier key: its own orders only). Every acknowledgement of every revision, oldest first. Not paged.",
            "parameters": [
              {
                "$ref": "#/components/parameters/RequestId"
              }
            ],
            "responses": {
              "200": {
                "description": "The acknowledgements.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/AcknowledgementList"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthenticated"
              },
              "404": {
                "description": "`not-found`: no such order, or another supplier's.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            }
          },
          "post": {
            "operationId": "createAcknowledgement",
            "tags": [
              "Acknowledgements"
            ],
            "summary": "Acknowledge a purchase order",
            "description": "Role: supplier (its own orders only). Answers every line of the current revision: accepted, changed or rejected. The hub decides at once: `confirmed` when every line is accepted or changed within the supplier's tolerances (quantity: percent of the ordered quantity, on the total of the proposed schedule; date: days, comparing the n-th proposed delivery with the n-th ordered one in date order, or with the last ordered one when there are more; price: percent of the ordered unit price); `inReview` when a change is outside the tolerances or some lines are rejected (an exception is opened for a buyer); `rejected` when every line is rejected. Confirmations and rejections are posted to the ERP. Requires an `Idempotency-Key`.",
            "parameters": [
              {
                "$ref": "#/components/parameters/IdempotencyKey"
              },
              {
                "$ref": "#/components/parameters/RequestId"
              }
            ],
            "requestBody": {
              "required": true,
              "description": "The answer to every line of the current revision.",
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/OrderResponse"
                  },
                  "examples": {
                    "changed": {
                      "summary": "Line 1 two days later",
                      "value": {
                        "revision": 1,
                        "lines": [
                          {
                            "line": 1,
                            "status": "changed",
                            "schedule": [
                              {
                                "quantity": "100",
                                "date": "2027-01-17"
                              }
                            ]
                          }
                        ]
                      }
                    },
                    "late": {
                      "summary": "Line 1 ten days later",
                      "value": {
                        "revision": 1,
                        "lines": [
                          {
                            "line": 1,
                            "status": "changed",
                            "reason": "Foundry maintenance",
                            "schedule": [
                              {
                                "quantity": "100",
                                "date": "2027-01-25"
                              }
                            ]
                          }
                        ]
                      }
                    },
                    "accepted": {
                      "summary": "Accept as ordered",
                      "value": {
                        "revision": 1,
                        "lines": [
                          {
                            "line": 1,
                            "status": "accepted"
                          }
                        ]
                      }
                    },
                    "rejected": {
                      "summary": "Reject line 1",
                      "value": {
                        "revision": 1,
                        "lines": [
                          {
                            "line": 1,
                            "status": "rejected",
                            "reason": "Item discontinued"
                          }
                        ]
                      }
                    }
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "The acknowledgement with the hub's decision (or, with `Idempotent-Replayed: true`, the stored answer to the earlier request with this key).",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  },
                  "Location": {
                    "$ref": "#/components/headers/Location"
                  },
                  "Idempotent-Replayed": {
                    "$ref": "#/components/headers/Idempotent-Replayed"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Acknowledgement"
                    },
                    "examples": {
                      "confirmed": {
                        "summary": "Two days late, within 3 days: confirmed",
                        "value": {
                          "decision": "confirmed",
                          "id": "ack_3kT9xQ2mVb7LpR4w",
                          "lines": [
                            {
                              "line": 1,
                              "schedule": [
                                {
                                  "date": "2027-01-17",
                                  "quantity": "100"
                                }
                              ],
                              "status": "changed",
                              "unitPrice": "2.5"
                            }
                          ],
                          "purchaseOrder": "PO-1001",
                          "reasons": [],
                          "receivedAt": "2027-01-10T09:30:00.000Z",
                          "revision": 1
                        }
                      },
                      "inReview": {
                        "summary": "Ten days late: held for a buyer",
                        "value": {
                          "decision": "inReview",
                          "id": "ack_Q8wR2nLk5VtX0aZc",
                          "lines": [
                            {
                              "line": 1,
                              "reason": "Foundry maintenance",
                              "schedule": [
                                {
                                  "date": "2027-01-25",
                                  "quantity": "100"
                                }
                              ],
                              "status": "changed",
                              "unitPrice": "2.5"
                            }
                          ],
                          "purchaseOrder": "PO-1001",
                          "reasons": [
                            {
                              "code": "dateOutOfTolerance",
                              "line": 1,
                              "message": "Line 1: delivery on 2027-01-25 is 10 days later than 2027-01-15, more than the 3 days allowed."
                            }
                          ],
                          "receivedAt": "2027-01-10T09:30:00.000Z",
                          "revision": 1
                        }
                      }
                    }
                  }
                }
              },
              "400": {
                "description": "`missing-idempotency-key`: no Idempotency-Key header. `invalid-idempotency-key`: not 1 to 255 visible ASCII characters. `malformed-json`: the body is empty or not JSON.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthenticated"
              },
              "403": {
                "description": "`forbidden`: the key's role may not do this; it needs supplier.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "404": {
                "description": "`not-found`: no such order, or another supplier's.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "409": {
                "description": "`stale-revision`: the answer names an older revision than the current one. `not-awaiting-acknowledgement`: the current revision was already answered (confirmed, in review or rejected).",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    },
                    "examples": {
                      "staleRevision": {
                        "value": {
                          "code": "staleRevision",
                          "detail": "The acknowledgement answers revision 1 of PO-1001, but revision 2 is current; answer the current revision.",
                          "instance": "/v1/purchase-orders/PO-1001/acknowledgements",
                          "requestId": "4f1c2a9e7b3d5c60a1e2f3b4",
                          "status": 409,
                          "title": "Answer to a stale revision",
                          "type": "urn:supplyline:problem:stale-revision"
                        }
                      }
                    }
                  }
                }
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "422": {
                "description": "`invalid-document`: the body does not fit the schema or breaks a field rule; `errors` lists the fields at fault. `unknown-revision`: the answer names a revision newer than the current one. `unknown-line`: the answer names a line the order does not have. `idempotency-key-reused`: this client used the key before for a different request. `unknown-supplier`: the order's supplier is no longer on file.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    },
                    "examples": {
                      "decimalAsNumber": {
                        "value": {
                          "code": "invalidDocument",
                          "detail": "The acknowledgement is invalid: /lines/0/schedule/0/quantity expected a decimal string such as \"100\", got a JSON number.",
                          "errors": [
                            {
                              "detail": "expected a decimal string such as \"100\", got a JSON number",
                              "pointer": "/lines/0/schedule/0/quantity"
                            }
                          ],
                          "instance": "/v1/purchase-orders/PO-1001/acknowledgements",
                          "requestId": "4f1c2a9e7b3d5c60a1e2f3b4",
                          "status": 422,
                          "title": "Invalid document",
                          "type": "urn:supplyline:problem:invalid-document"
                        }
                      },
                      "keyReused": {
                        "value": {
                          "detail": "The Idempotency-Key 6f1d3c0e-8f5b-4b8e-9a51-2c7d0e4b9a13 was already used for a different request; use a new key for a new request.",
                          "instance": "/v1/purchase-orders/PO-1001/acknowledgements",
                          "requestId": "4f1c2a9e7b3d5c60a1e2f3b4",
                          "status": 422,
                          "title": "Idempotency key already used",
                          "type": "urn:supplyline:problem:idempotency-key-reused"
                        }
                      }
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            }
          }
        },
        "/v1/acknowledgements/{id}": {
          "parameters": [
            {
              "name": "id",
              "in": "path",
              "required": true,
              "description": "Acknowledgement id (`ack_…`).",
              "schema": {
                "type": "string"
              }
            }
          ],
          "get": {
            "operationId": "getAcknowledgement",
            "tags": [
              "Acknowledgements"
            ],
            "summary": "Read an acknowledgement",
            "description": "Every role (a supplier key: its own acknowledgements only).",
            "parameters": [
              {
                "$ref": "#/components/parameters/RequestId"
              }
            ],
            "responses": {
              "200": {
                "description": "The acknowledgement.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Acknowledgement"
                    },
                    "examples": {
                      "confirmed": {
                        "value": {
                          "decision": "confirmed",
                          "id": "ack_3kT9xQ2mVb7LpR4w",
                          "lines": [
                            {
                              "line": 1,
                              "schedule": [
                                {
                                  "date": "2027-01-17",
                                  "quantity": "100"
                                }
                              ],
                              "status": "changed",
                              "unitPrice": "2.5"
                            }
                          ],
                          "purchaseOrder": "PO-1001",
                          "reasons": [],
                          "receivedAt": "2027-01-10T09:30:00.000Z",
                          "revision": 1
                        }
                      }
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthenticated"
              },
              "404": {
                "description": "`not-found`: no such acknowledgement, or another supplier's.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            }
          }
        },
        "/v1/exceptions": {
          "get": {
            "operationId": "listExceptions",
            "tags": [
              "Exceptions"
            ],
            "summary": "List exceptions",
            "description": "Roles: buyer, admin, erp. The one queue of everything held for review, oldest first; paged. Filter by status, type, supplier, owner and age.",
            "parameters": [
              {
                "name": "status",
                "in": "query",
                "required": false,
                "description": "Only exceptions with this status.",
                "schema": {
                  "$ref": "#/components/schemas/ExceptionStatus"
                }
              },
              {
                "name": "type",
                "in": "query",
                "required": false,
                "description": "Only exceptions of this type, such as `orderResponseOutOfTolerance`.",
                "schema": {
                  "type": "string"
                }
              },
              {
                "name": "supplier",
                "in": "query",
                "required": false,
                "description": "Only exceptions about this supplier.",
                "schema": {
                  "$ref": "#/components/schemas/Identifier"
                }
              },
              {
                "name": "owner",
                "in": "query",
                "required": false,
                "description": "Only exceptions assigned to this client id.",
                "schema": {
                  "type": "string"
                }
              },
              {
                "name": "minAgeHours",
                "in": "query",
                "required": false,
                "description": "Only exceptions opened at least this many hours ago (0 to 100000).",
                "schema": {
                  "type": "integer",
                  "minimum": 0,
                  "maximum": 100000
                }
              },
              {
                "$ref": "#/components/parameters/Limit"
              },
              {
                "$ref": "#/components/parameters/Cursor"
              },
              {
                "$ref": "#/components/parameters/RequestId"
              }
            ],
            "responses": {
              "200": {
                "description": "A page of exceptions.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/ExceptionPage"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/InvalidParameter"
              },
              "401": {
                "$ref": "#/components/responses/Unauthenticated"
              },
              "403": {
                "description": "`forbidden`: the key's role may not do this; it needs buyer, admin or erp.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            }
          }
        },
        "/v1/exceptions/{id}": {
          "parameters": [
            {
              "name": "id",
              "in": "path",
              "required": true,
              "description": "Exception id (`exc_…`).",
              "schema": {
                "type": "string"
              }
            }
          ],
          "get": {
            "operationId": "getException",
            "tags": [
              "Exceptions"
            ],
            "summary": "Read an exception",
            "description": "Roles: buyer, admin, erp. One exception with its comments.",
            "parameters": [
              {
                "$ref": "#/components/parameters/RequestId"
              }
            ],
            "responses": {
              "200": {
                "description": "The exception.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Exception"
                    },
                    "examples": {
                      "approved": {
                        "value": {
                          "acknowledgement": "ack_Q8wR2nLk5VtX0aZc",
                          "createdAt": "2027-01-10T09:30:00.000Z",
                          "id": "exc_b1Yc7Hq0PzR3sT9u",
                          "kind": "orderResponseOutOfTolerance",
                          "note": "Agreed with the plant: ten days late is acceptable.",
                          "purchaseOrder": "PO-1001",
                          "reasons": [
                            {
                              "code": "dateOutOfTolerance",
                              "line": 1,
                              "message": "Line 1: delivery on 2027-01-25 is 10 days later than 2027-01-15, more than the 3 days allowed."
                            }
                          ],
                          "resolvedAt": "2027-01-10T11:02:13.410Z",
                          "resolvedBy": "9f2c4e71a0b3d856",
                          "revision": 1,
                          "status": "approved",
                          "supplier": "S-100"
                        }
                      }
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthenticated"
              },
              "403": {
                "description": "`forbidden`: the key's role may not do this; it needs buyer, admin or erp.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "404": {
                "description": "`not-found`: no such exception.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            }
          }
        },
        "/v1/exceptions/{id}/approve": {
          "parameters": [
            {
              "name": "id",
              "in": "path",
              "required": true,
              "description": "Exception id (`exc_…`).",
              "schema": {
                "type": "string"
              }
            }
          ],
          "post": {
            "operationId": "approveException",
            "tags": [
              "Exceptions"
            ],
            "summary": "Approve an exception",
            "description": "Role: buyer. What approval does depends on the type. `orderResponseOutOfTolerance`: the order becomes `confirmed` as the supplier answered and the confirmation is posted to the ERP; only an exception whose order is still in review at the same revision can be resolved. Types that only alert (overdue acknowledgements, late ship notices, overdue nonconformance steps) are closed. Only an open exception can be resolved. The body is optional. Takes an optional `Idempotency-Key`: a retry with the same key and the same body answers the first answer again with `Idempotent-Replayed: true`, and decides nothing again.",
            "parameters": [
              {
                "$ref": "#/components/parameters/DecisionIdempotencyKey"
              },
              {
                "$ref": "#/components/parameters/RequestId"
              }
            ],
            "requestBody": {
              "required": false,
              "description": "An optional note for the record.",
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/Resolution"
                  },
                  "examples": {
                    "note": {
                      "value": {
                        "note": "Agreed with the plant: ten days late is acceptable."
                      }
                    }
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The exception, now `approved` (or, with `Idempotent-Replayed: true`, the stored answer to the earlier request with this key).",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  },
                  "Idempotent-Replayed": {
                    "$ref": "#/components/headers/Idempotent-Replayed"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Exception"
                    }
                  }
                }
              },
              "400": {
                "description": "`malformed-json`: the body is not JSON. `missing-idempotency-key`: an empty Idempotency-Key header. `invalid-idempotency-key`: a key that is not 1 to 255 visible ASCII characters.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthenticated"
              },
              "403": {
                "description": "`forbidden`: the key's role may not do this; it needs buyer.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "404": {
                "description": "`not-found`: no such exception.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "409": {
                "description": "`exception-not-open`: already resolved or superseded, or the order moved on to another revision or status.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    },
                    "examples": {
                      "notOpen": {
                        "value": {
                          "code": "exceptionNotOpen",
                          "detail": "The exception is already resolved.",
                          "instance": "/v1/exceptions/exc_b1Yc7Hq0PzR3sT9u/approve",
                          "requestId": "4f1c2a9e7b3d5c60a1e2f3b4",
                          "status": 409,
                          "title": "Exception is not open",
                          "type": "urn:supplyline:problem:exception-not-open"
                        }
                      }
                    }
                  }
                }
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "422": {
                "description": "`invalid-document`: the body does not fit the schema or breaks a field rule; `errors` lists the fields at fault. (for example a note longer than 2000 characters). `idempotency-key-reused`: this client sent the key before with another request.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            }
          }
        },
        "/v1/exceptions/{id}/reject": {
          "parameters": [
            {
              "name": "id",
              "in": "path",
              "required": true,
              "description": "Exception id (`exc_…`).",
              "schema": {
                "type": "string"
              }
            }
          ],
          "post": {
            "operationId": "rejectException",
            "tags": [
              "Exceptions"
            ],
            "summary": "Reject an exception",
            "description": "Role: buyer. What rejection does depends on the type. `orderResponseOutOfTolerance`: the order goes back to `awaitingAcknowledgement` and the supplier must answer the same revision again; nothing is posted to the ERP. Types that only alert are closed. Only an open exception can be resolved. The body is optional. Takes an optional `Idempotency-Key`: a retry with the same key and the same body answers the first answer again with `Idempotent-Replayed: true`, and decides nothing again.",
            "parameters": [
              {
                "$ref": "#/components/parameters/DecisionIdempotencyKey"
              },
              {
                "$ref": "#/components/parameters/RequestId"
              }
            ],
            "requestBody": {
              "required": false,
              "description": "An optional note for the record.",
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/Resolution"
                  },
                  "examples": {
                    "note": {
                      "value": {
                        "note": "Agreed with the plant: ten days late is acceptable."
                      }
                    }
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The exception, now `rejected` (or, with `Idempotent-Replayed: true`, the stored answer to the earlier request with this key).",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  },
                  "Idempotent-Replayed": {
                    "$ref": "#/components/headers/Idempotent-Replayed"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Exception"
                    }
                  }
                }
              },
              "400": {
                "description": "`malformed-json`: the body is not JSON. `missing-idempotency-key`: an empty Idempotency-Key header. `invalid-idempotency-key`: a key that is not 1 to 255 visible ASCII characters.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthenticated"
              },
              "403": {
                "description": "`forbidden`: the key's role may not do this; it needs buyer.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "404": {
                "description": "`not-found`: no such exception.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "409": {
                "description": "`exception-not-open`: already resolved or superseded, or the order moved on to another revision or status.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    },
                    "examples": {
                      "notOpen": {
                        "value": {
                          "code": "exceptionNotOpen",
                          "detail": "The exception is already resolved.",
                          "instance": "/v1/exceptions/exc_b1Yc7Hq0PzR3sT9u/reject",
                          "requestId": "4f1c2a9e7b3d5c60a1e2f3b4",
                          "status": 409,
                          "title": "Exception is not open",
                          "type": "urn:supplyline:problem:exception-not-open"
                        }
                      }
                    }
                  }
                }
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "422": {
                "description": "`invalid-document`: the body does not fit the schema or breaks a field rule; `errors` lists the fields at fault. (for example a note longer than 2000 characters). `idempotency-key-reused`: this client sent the key before with another request.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            }
          }
        },
        "/v1/dead-letters": {
          "get": {
            "operationId": "listDeadLetters",
            "tags": [
              "Operations"
            ],
            "summary": "List dead letters",
            "description": "Role: admin. Messages to the ERP the hub gave up on (retry budget spent, or refused for good). Oldest first; paged.",
            "parameters": [
              {
                "$ref": "#/components/parameters/Limit"
              },
              {
                "$ref": "#/components/parameters/Cursor"
              },
              {
                "$ref": "#/components/parameters/RequestId"
              }
            ],
            "responses": {
              "200": {
                "description": "A page of dead letters.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/DeadLetterPage"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/InvalidParameter"
              },
              "401": {
                "$ref": "#/components/responses/Unauthenticated"
              },
              "403": {
                "description": "`forbidden`: the key's role may not do this; it needs admin.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            }
          }
        },
        "/v1/dead-letters/{id}/replay": {
          "parameters": [
            {
              "name": "id",
              "in": "path",
              "required": true,
              "description": "Outbox message id.",
              "schema": {
                "type": "integer",
                "format": "int64"
              }
            }
          ],
          "post": {
            "operationId": "replayDeadLetter",
            "tags": [
              "Operations"
            ],
            "summary": "Replay a dead letter",
            "description": "Role: admin. Puts the message back in the queue with a fresh retry budget. Its idempotency key is unchanged, so an ERP that did apply it before will not apply it twice. No body.",
            "parameters": [
              {
                "$ref": "#/components/parameters/RequestId"
              }
            ],
            "responses": {
              "200": {
                "description": "The message, now `pending`.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/OutboxMessage"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthenticated"
              },
              "403": {
                "description": "`forbidden`: the key's role may not do this; it needs admin.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "404": {
                "description": "`not-found`: no such message (or the id is not a number).",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "409": {
                "description": "`conflict`: the message is not a dead letter.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            }
          }
        },
        "/v1/events": {
          "get": {
            "operationId": "readEvents",
            "tags": [
              "Operations"
            ],
            "summary": "Read the event log",
            "description": "Every state change (supplier created or updated, order released or revised, order acknowledged, exception opened, approved, rejected or superseded, and planning alerts for critical lines confirmed past their need-by date) is appended to the event log in the same transaction as the change, as a CloudEvents 1.0 event. Read it from any position, for replay: pass the `next` of one page as `after` for the next. Roles: any; a supplier key reads only its own supplier's events, and not the exception queue's (`exception.*` events are the buyers': they name the supplier in `data.supplier` but only buyer, admin and ERP keys read them).",
            "parameters": [
              {
                "name": "after",
                "in": "query",
                "description": "Log position to read after; 0 (the default) reads from the start.",
                "schema": {
                  "type": "integer",
                  "minimum": 0,
                  "default": 0
                }
              },
              {
                "name": "limit",
                "in": "query",
                "description": "Most events to return, 1 to 1000.",
                "schema": {
                  "type": "integer",
                  "minimum": 1,
                  "maximum": 1000,
                  "default": 100
                }
              },
              {
                "$ref": "#/components/parameters/RequestId"
              }
            ],
            "responses": {
              "200": {
                "description": "Events after the position, oldest first.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/EventPage"
                    },
                    "examples": {
                      "acknowledged": {
                        "value": {
                          "items": [
                            {
                              "data": {
                                "acknowledgement": "ack_YlZA9wDEsyQzF_p4",
                                "decision": "confirmed",
                                "purchaseOrder": "PO-1001",
                                "reasons": [],
                                "revision": 1,
                                "supplier": "S-100"
                              },
                              "datacontenttype": "application/json",
                              "id": "evt_3kT9xQ2mVb7sLp0a",
                              "position": 42,
                              "source": "/supplyline",
                              "specversion": "1.0",
                              "subject": "PO-1001",
                              "time": "2027-01-02T09:00:00.000Z",
                              "type": "com.supplyline.po.acknowledged"
                            }
                          ],
                          "next": 42
                        }
                      }
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/InvalidParameter"
              },
              "401": {
                "$ref": "#/components/responses/Unauthenticated"
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            }
          }
        },
        "/v1/outbox": {
          "get": {
            "operationId": "getOutboxCounts",
            "tags": [
              "Operations"
            ],
            "summary": "Count outbox messages by status",
            "description": "Role: admin.",
            "parameters": [
              {
                "$ref": "#/components/parameters/RequestId"
              }
            ],
            "responses": {
              "200": {
                "description": "Counts.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/OutboxCounts"
                    },
                    "examples": {
                      "counts": {
                        "value": {
                          "dead": 0,
                          "delivered": 42,
                          "pending": 3
                        }
                      }
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthenticated"
              },
              "403": {
                "description": "`forbidden`: the key's role may not do this; it needs admin.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            }
          }
        },
        "/v1/audit": {
          "get": {
            "operationId": "listAuditEntries",
            "tags": [
              "Operations"
            ],
            "summary": "Read the audit log",
            "description": "Role: admin. Oldest first; paged.",
            "parameters": [
              {
                "name": "objectType",
                "in": "query",
                "required": false,
                "description": "Only entries about this kind of object.",
                "schema": {
                  "type": "string",
                  "examples": [
                    "purchaseOrder",
                    "supplier",
                    "exception",
                    "outbox",
                    "client"
                  ]
                }
              },
              {
                "name": "objectId",
                "in": "query",
                "required": false,
                "description": "Only entries about this object.",
                "schema": {
                  "type": "string"
                }
              },
              {
                "$ref": "#/components/parameters/Limit"
              },
              {
                "$ref": "#/components/parameters/Cursor"
              },
              {
                "$ref": "#/components/parameters/RequestId"
              }
            ],
            "responses": {
              "200": {
                "description": "A page of audit entries.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/AuditPage"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/InvalidParameter"
              },
              "401": {
                "$ref": "#/components/responses/Unauthenticated"
              },
              "403": {
                "description": "`forbidden`: the key's role may not do this; it needs admin.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            }
          }
        },
        "/v1/audit/verify": {
          "get": {
            "operationId": "verifyAuditLog",
            "tags": [
              "Operations"
            ],
            "summary": "Verify the audit log's hash chain",
            "description": "Role: admin. Recomputes every entry's hash; reports the first entry that was edited or follows a deleted one.",
            "parameters": [
              {
                "$ref": "#/components/parameters/RequestId"
              }
            ],
            "responses": {
              "200": {
                "description": "The verdict.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/AuditVerification"
                    },
                    "examples": {
                      "intact": {
                        "value": {
                          "intact": true
                        }
                      }
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthenticated"
              },
              "403": {
                "description": "`forbidden`: the key's role may not do this; it needs admin.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            }
          }
        },
        "/v1/clients": {
          "get": {
            "operationId": "listClients",
            "tags": [
              "Clients"
            ],
            "summary": "List API clients",
            "description": "Role: admin. Revoked clients included. Keys are never shown.",
            "parameters": [
              {
                "$ref": "#/components/parameters/RequestId"
              }
            ],
            "responses": {
              "200": {
                "description": "The clients.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/ClientList"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthenticated"
              },
              "403": {
                "description": "`forbidden`: the key's role may not do this; it needs admin.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            }
          },
          "post": {
            "operationId": "createClient",
            "tags": [
              "Clients"
            ],
            "summary": "Create an API client",
            "description": "Role: admin. Returns the new client with its key, once; the hub keeps only a hash of it.",
            "parameters": [
              {
                "$ref": "#/components/parameters/RequestId"
              }
            ],
            "requestBody": {
              "required": true,
              "description": "The client to create.",
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/NewClient"
                  },
                  "examples": {
                    "supplier": {
                      "value": {
                        "name": "Acme portal",
                        "role": "supplier",
                        "supplier": "S-100"
                      }
                    },
                    "buyer": {
                      "value": {
                        "name": "Plant 01 buyers",
                        "role": "buyer"
                      }
                    }
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "Created; `key` is shown this once.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Client"
                    },
                    "examples": {
                      "supplierKey": {
                        "value": {
                          "createdAt": "2027-01-10T08:00:00.000Z",
                          "id": "9f2c4e71a0b3d856",
                          "key": "sl.9f2c4e71a0b3d856.q3Jx0v7kYw2bN5m8Rt1sUe4hZc6pLa9dGf0iKo3nWxE",
                          "name": "Acme portal",
                          "role": "supplier",
                          "supplier": "S-100"
                        }
                      }
                    }
                  }
                }
              },
              "400": {
                "description": "`malformed-json`: the body is empty or not JSON.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthenticated"
              },
              "403": {
                "description": "`forbidden`: the key's role may not do this; it needs admin.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "422": {
                "description": "`invalid-document`: the body does not fit the schema or breaks a field rule; `errors` lists the fields at fault. `invalid-request`: a supplier key without `supplier`, `supplier` on another role, or a name that is blank or longer than 200 characters.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            }
          }
        },
        "/v1/clients/{id}": {
          "parameters": [
            {
              "name": "id",
              "in": "path",
              "required": true,
              "description": "Client id.",
              "schema": {
                "type": "string"
              }
            }
          ],
          "delete": {
            "operationId": "revokeClient",
            "tags": [
              "Clients"
            ],
            "summary": "Revoke an API client",
            "description": "Role: admin. The key stops working within a few seconds (verified keys are cached for 5 seconds).",
            "parameters": [
              {
                "$ref": "#/components/parameters/RequestId"
              }
            ],
            "responses": {
              "204": {
                "description": "Revoked.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthenticated"
              },
              "403": {
                "description": "`forbidden`: the key's role may not do this; it needs admin.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "404": {
                "description": "`not-found`: no such client, or already revoked.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            }
          }
        },
        "/v1/suppliers/{id}/partner-profile": {
          "parameters": [
            {
              "name": "id",
              "in": "path",
              "required": true,
              "description": "Supplier id.",
              "schema": {
                "type": "string"
              }
            }
          ],
          "put": {
            "operationId": "putPartnerProfile",
            "tags": [
              "Interchanges"
            ],
            "summary": "Create or replace a supplier's partner profile",
            "description": "Role: erp or admin. The channel (portal, api, x12, edifact, cxml), standard version, interchange ids and qualifiers on both sides, outbound delimiters, whether functional acknowledgements are expected, and the transport (a drop folder or a partner URL with an optional bearer token). Secrets (`cxml.sharedSecret`, `transport.bearerToken`) are write-only: left out they keep the value on file, an empty string removes it, and reads show only `sharedSecretSet`/`bearerTokenSet`.",
            "parameters": [
              {
                "$ref": "#/components/parameters/RequestId"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/PartnerProfile"
                  },
                  "examples": {
                    "x12": {
                      "value": {
                        "channel": "x12",
                        "version": "004010",
                        "ourId": "SUPPLYLINE",
                        "ourQualifier": "ZZ",
                        "partnerId": "ACME",
                        "partnerQualifier": "ZZ",
                        "functionalAcknowledgements": true,
                        "transport": {
                          "dropFolder": "/srv/edi/acme"
                        }
                      }
                    }
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "Replaced.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/PartnerProfile"
                    }
                  }
                }
              },
              "201": {
                "description": "Created.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/PartnerProfile"
                    }
                  }
                }
              },
              "400": {
                "description": "`malformed-json`: the body is not JSON.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthenticated"
              },
              "403": {
                "description": "`forbidden`: the key's role may not do this; it needs erp or admin.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "404": {
                "description": "`not-found`: no such supplier.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "422": {
                "description": "`invalid-document`: a field breaks a rule (`errors` lists each with its JSON Pointer, e.g. `/partnerId` required for x12, `/delimiters/segment` not one character, `/transport` with both dropFolder and url). `invalid-request`: the body's `supplier` differs from the address.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            }
          },
          "get": {
            "operationId": "getPartnerProfile",
            "tags": [
              "Interchanges"
            ],
            "summary": "A supplier's partner profile",
            "description": "Roles: erp, admin, buyer; a supplier key reads its own (another supplier's is 404). Secrets are never returned.",
            "parameters": [
              {
                "$ref": "#/components/parameters/RequestId"
              }
            ],
            "responses": {
              "200": {
                "description": "The profile.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/PartnerProfile"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthenticated"
              },
              "404": {
                "description": "`not-found`: no profile for this supplier, or not one this key may see.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            }
          }
        },
        "/v1/interchanges": {
          "post": {
            "operationId": "postInterchange",
            "tags": [
              "Interchanges"
            ],
            "summary": "Send an interchange (X12, EDIFACT or cXML)",
            "description": "Role: supplier. The body is one X12, EDIFACT or cXML document, recognised by content whatever the Content-Type (`application/edi-x12`, `application/edifact`, `application/xml`, `text/xml`, …). The raw bytes are stored first; the envelope is checked; the sender must be the one in the supplier's partner profile; each 855/865/ORDRSP/ConfirmationRequest is applied to the current revision of the order it names through the same rules as `POST /v1/purchase-orders/{number}/acknowledgements`; 856/810/DESADV/INVOIC/ShipNoticeRequest/InvoiceDetailRequest are stored as received documents. The answer is 200 with the 997 (X12), CONTRL (EDIFACT) or cXML Response, which says per set what was accepted and what was rejected and where, even when the interchange is malformed: the transport worked. The same interchange (sender and control number, or cXML payloadID) sent again is answered with the stored acknowledgement, byte for byte, and changes nothing.",
            "parameters": [
              {
                "$ref": "#/components/parameters/RequestId"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/edi-x12": {
                  "schema": {
                    "type": "string"
                  }
                },
                "application/edifact": {
                  "schema": {
                    "type": "string"
                  }
                },
                "text/xml": {
                  "schema": {
                    "type": "string"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The functional acknowledgement (or cXML Response).",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  },
                  "Location": {
                    "description": "`/v1/interchanges/{id}`: the stored interchange and its report.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "Interchange-Status": {
                    "description": "`processed`, `partiallyProcessed` or `rejected`.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "Idempotent-Replayed": {
                    "$ref": "#/components/headers/Idempotent-Replayed"
                  }
                },
                "content": {
                  "application/edi-x12": {
                    "schema": {
                      "type": "string"
                    },
                    "examples": {
                      "accepted": {
                        "value": "ISA*00*          *00*          *ZZ*SUPPLYLINE     *ZZ*ACME           *270110*0900*U*00401*000000001*0*P*>~GS*FA*SUPPLYLINE*ACME*20270110*0900*1*X*004010~ST*997*0001~AK1*PR*17~AK2*855*0001~AK5*A~AK9*A*1*1*1~SE*6*0001~GE*1*1~IEA*1*000000001~"
                      }
                    }
                  },
                  "application/edifact": {
                    "schema": {
                      "type": "string"
                    }
                  },
                  "text/xml": {
                    "schema": {
                      "type": "string"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthenticated"
              },
              "403": {
                "description": "`forbidden`: only a supplier key sends interchanges.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "413": {
                "$ref": "#/components/responses/PayloadTooLarge"
              },
              "415": {
                "description": "`unrecognised-interchange`: the body is empty or neither X12 (ISA), EDIFACT (UNA/UNB) nor XML.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "422": {
                "description": "`malformed-interchange`: the envelope cannot be read far enough to address an acknowledgement (for example a broken ISA); the bytes are stored and `detail` names the interchange id.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "503": {
                "description": "`interchange-in-progress`: a copy of this interchange is still being processed and its outcome did not come within 5 seconds; send it again after `Retry-After` seconds to get the stored acknowledgement.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  },
                  "Retry-After": {
                    "description": "Seconds to wait before sending the interchange again.",
                    "schema": {
                      "type": "integer"
                    }
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              }
            }
          },
          "get": {
            "operationId": "listInterchanges",
            "tags": [
              "Interchanges"
            ],
            "summary": "List interchanges",
            "description": "Roles: admin, erp (all); supplier (its own). Oldest first.",
            "parameters": [
              {
                "$ref": "#/components/parameters/RequestId"
              },
              {
                "name": "direction",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string",
                  "enum": [
                    "inbound",
                    "outbound"
                  ]
                }
              },
              {
                "name": "status",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string",
                  "enum": [
                    "received",
                    "processed",
                    "partiallyProcessed",
                    "rejected",
                    "queued",
                    "delivered",
                    "undeliverable"
                  ]
                }
              },
              {
                "$ref": "#/components/parameters/Limit"
              },
              {
                "$ref": "#/components/parameters/Cursor"
              }
            ],
            "responses": {
              "200": {
                "description": "A page of interchanges (without reports).",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "type": "object",
                      "required": [
                        "items"
                      ],
                      "properties": {
                        "items": {
                          "type": "array",
                          "items": {
                            "$ref": "#/components/schemas/Interchange"
                          }
                        },
                        "nextCursor": {
                          "type": "string"
                        }
                      }
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/InvalidParameter"
              },
              "401": {
                "$ref": "#/components/responses/Unauthenticated"
              },
              "403": {
                "description": "`forbidden`: a buyer key may not list interchanges.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            }
          }
        },
        "/v1/interchanges/{id}": {
          "parameters": [
            {
              "name": "id",
              "in": "path",
              "required": true,
              "description": "Interchange id (`ich_…`).",
              "schema": {
                "type": "string"
              }
            }
          ],
          "get": {
            "operationId": "getInterchange",
            "tags": [
              "Interchanges"
            ],
            "summary": "One interchange with its report",
            "description": "Roles: admin, erp; a supplier its own. Metadata, the report (envelope check merged with each document's outcome and reason), the acknowledgement sent and the documents stored from it.",
            "parameters": [
              {
                "$ref": "#/components/parameters/RequestId"
              }
            ],
            "responses": {
              "200": {
                "description": "The interchange.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Interchange"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthenticated"
              },
              "403": {
                "description": "`forbidden`: a buyer key may not read interchanges.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "404": {
                "description": "`not-found`: no such interchange, or not one this key may see.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            }
          }
        },
        "/v1/interchanges/{id}/raw": {
          "parameters": [
            {
              "name": "id",
              "in": "path",
              "required": true,
              "description": "Interchange id (`ich_…`).",
              "schema": {
                "type": "string"
              }
            }
          ],
          "get": {
            "operationId": "getInterchangeRaw",
            "tags": [
              "Interchanges"
            ],
            "summary": "The bytes as received or sent",
            "description": "Roles: admin, erp; a supplier its own.",
            "parameters": [
              {
                "$ref": "#/components/parameters/RequestId"
              }
            ],
            "responses": {
              "200": {
                "description": "The raw interchange.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/edi-x12": {
                    "schema": {
                      "type": "string"
                    }
                  },
                  "application/edifact": {
                    "schema": {
                      "type": "string"
                    }
                  },
                  "text/xml": {
                    "schema": {
                      "type": "string"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthenticated"
              },
              "403": {
                "description": "`forbidden`: a buyer key may not read interchanges.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "404": {
                "description": "`not-found`: no such interchange, or not one this key may see.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            }
          }
        },
        "/v1/interchanges/{id}/replay": {
          "parameters": [
            {
              "name": "id",
              "in": "path",
              "required": true,
              "description": "Interchange id (`ich_…`).",
              "schema": {
                "type": "string"
              }
            }
          ],
          "post": {
            "operationId": "replayInterchange",
            "tags": [
              "Interchanges"
            ],
            "summary": "Process a stored inbound interchange again",
            "description": "Role: admin. Processes the stored raw bytes again, for example after the partner profile was fixed: a rejected interchange can then be accepted. Documents applied before are not applied twice. Answers like `POST /v1/interchanges`, with a new acknowledgement.",
            "parameters": [
              {
                "$ref": "#/components/parameters/RequestId"
              }
            ],
            "responses": {
              "200": {
                "description": "The new acknowledgement.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  },
                  "Location": {
                    "description": "`/v1/interchanges/{id}`: the stored interchange and its report.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "Interchange-Status": {
                    "description": "`processed`, `partiallyProcessed` or `rejected`.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "Idempotent-Replayed": {
                    "$ref": "#/components/headers/Idempotent-Replayed"
                  }
                },
                "content": {
                  "application/edi-x12": {
                    "schema": {
                      "type": "string"
                    },
                    "examples": {
                      "accepted": {
                        "value": "ISA*00*          *00*          *ZZ*SUPPLYLINE     *ZZ*ACME           *270110*0900*U*00401*000000001*0*P*>~GS*FA*SUPPLYLINE*ACME*20270110*0900*1*X*004010~ST*997*0001~AK1*PR*17~AK2*855*0001~AK5*A~AK9*A*1*1*1~SE*6*0001~GE*1*1~IEA*1*000000001~"
                      }
                    }
                  },
                  "application/edifact": {
                    "schema": {
                      "type": "string"
                    }
                  },
                  "text/xml": {
                    "schema": {
                      "type": "string"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthenticated"
              },
              "403": {
                "description": "`forbidden`: the key's role may not do this; it needs admin.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "404": {
                "description": "`not-found`: no such interchange.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "409": {
                "description": "`conflict`: the interchange is outbound.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "422": {
                "description": "`malformed-interchange`: still unreadable.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              }
            }
          }
        }
      },
      "components": {
        "securitySchemes": {
          "bearerAuth": {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "sl.<client id>.<secret>",
            "description": "An API key sent as `Authorization: Bearer sl.<client id>.<secret>`. The key decides the role (erp, supplier, buyer, admin) and, for a supplier, whose data it sees."
          }
        },
        "headers": {
          "X-Request-Id": {
            "description": "The request id: the client's own `X-Request-Id` when it is 1 to 128 characters of `[A-Za-z0-9._-]`, otherwise a new one of 24 hex digits. On every response.",
            "schema": {
              "type": "string"
            }
          },
          "Location": {
            "description": "Address of the acknowledgement: `/v1/acknowledgements/{id}`.",
            "schema": {
              "type": "string"
            }
          },
          "Idempotent-Replayed": {
            "description": "`true` when this is the stored answer to an earlier request with the same Idempotency-Key; absent otherwise.",
            "schema": {
              "type": "string",
              "const": "true"
            }
          },
          "WWW-Authenticate": {
            "description": "`Bearer realm=\"supplyline\"`.",
            "schema": {
              "type": "string"
            }
          }
        },
        "parameters": {
          "RequestId": {
            "name": "X-Request-Id",
            "in": "header",
            "required": false,
            "description": "Optional id to correlate logs, audit entries and problems; echoed in the response.",
            "schema": {
              "type": "string",
              "pattern": "^[A-Za-z0-9._-]{1,128}$"
            }
          },
          "Limit": {
            "name": "limit",
            "in": "query",
            "required": false,
            "description": "Page size, 1 to 500.",
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 500,
              "default": 50
            }
          },
          "Cursor": {
            "name": "cursor",
            "in": "query",
            "required": false,
            "description": "Opaque: the `nextCursor` of the previous page. Leave out for the first page.",
            "schema": {
              "type": "string"
            }
          },
          "DecisionIdempotencyKey": {
            "name": "Idempotency-Key",
            "in": "header",
            "required": false,
            "description": "Optional on decisions. Without it the request behaves as it always has. With it, 1 to 255 visible ASCII characters, for example a UUID, new for each new decision: the decision is applied at most once. Keys belong to the client that sent them. The same key with the same request (the same object and the same body, compared once decoded) answers what the first request answered, the same status and the object as that decision left it, with `Idempotent-Replayed: true`, even if the object has moved on since; nothing is applied again, no event and no audit entry. The same key with another request is refused (422 `idempotency-key-reused`). Only successful answers are kept, so a request that failed may be retried with the same key. An empty key is 400 `missing-idempotency-key`, any other malformed key 400 `invalid-idempotency-key`.",
            "schema": {
              "type": "string",
              "minLength": 1,
              "maxLength": 255,
              "pattern": "^[!-~]{1,255}$"
            },
            "example": "0b7e4c2a-5d1f-4e8b-9c3a-7f2d6e1b8a40"
          },
          "IdempotencyKey": {
            "name": "Idempotency-Key",
            "in": "header",
            "required": true,
            "description": "1 to 255 visible ASCII characters, for example a UUID, new for each new acknowledgement. Keys belong to the client that sent them. The same key with the same answer to the same order (compared once decoded, so re-serialised JSON matches) replays the first 201 answer with `Idempotent-Replayed: true`; the same key with another body is refused (422 `idempotency-key-reused`). Only successful answers are kept, so a request that failed may be retried with the same key.",
            "schema": {
              "type": "string",
              "minLength": 1,
              "maxLength": 255,
              "pattern": "^[!-~]{1,255}$"
            },
            "example": "6f1d3c0e-8f5b-4b8e-9a51-2c7d0e4b9a13"
          }
        },
        "responses": {
          "Unauthenticated": {
            "description": "`unauthenticated`: no `Authorization` header, not `Bearer <key>`, or a key that is unknown or revoked.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "WWW-Authenticate": {
                "$ref": "#/components/headers/WWW-Authenticate"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "InvalidParameter": {
            "description": "`invalid-parameter`: `limit` is not 1 to 500, `cursor` was not issued by this API, or `status` is not one of its values.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "PayloadTooLarge": {
            "description": "`payload-too-large`: the body exceeds the server's limit (1 MiB unless configured otherwise).",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "UnsupportedMediaType": {
            "description": "`unsupported-media-type`: the body is not sent as `application/json` (a `+json` type, `application/x-www-form-urlencoded` and no Content-Type are read as JSON too).",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "InternalError": {
            "description": "`internal-error`: an unexpected error; quote the request id when reporting it.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "BadRequest": {
            "description": "`malformed-json`: the body is empty or not JSON; `missing-idempotency-key` or `invalid-idempotency-key` where the operation takes an `Idempotency-Key`; `invalid-parameter`: a query parameter is out of range.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "Forbidden": {
            "description": "`forbidden`: the key's role may not do this.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "NotFound": {
            "description": "`not-found`: no such object, or not one the caller may see (another supplier's data is never 403).",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "Conflict": {
            "description": "The object is not in a state that allows this; `code` says which rule.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "Unprocessable": {
            "description": "`invalid-document` with `errors` (JSON Pointers into the body), or a business rule with `code`; `idempotency-key-reused` when the key was used for another request.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          }
        },
        "schemas": {
          "CloudEvent": {
            "type": "object",
            "description": "A state change in the CloudEvents 1.0 JSON format, with its position in the log.",
            "required": [
              "specversion",
              "id",
              "source",
              "type",
              "subject",
              "time",
              "datacontenttype",
              "data",
              "position"
            ],
            "properties": {
              "specversion": {
                "type": "string",
                "const": "1.0"
              },
              "id": {
                "type": "string"
              },
              "source": {
                "type": "string",
                "const": "/supplyline"
              },
              "type": {
                "type": "string",
                "enum": [
                  "com.supplyline.supplier.created",
                  "com.supplyline.supplier.updated",
                  "com.supplyline.po.released",
                  "com.supplyline.po.revised",
                  "com.supplyline.po.acknowledged",
                  "com.supplyline.exception.opened",
                  "com.supplyline.exception.approved",
                  "com.supplyline.exception.rejected",
                  "com.supplyline.exception.superseded",
                  "com.supplyline.planning.alert"
                ]
              },
              "subject": {
                "type": "string",
                "description": "The document: a PO number, a supplier id or an exception id."
              },
              "time": {
                "type": "string",
                "format": "date-time"
              },
              "datacontenttype": {
                "type": "string",
                "const": "application/json"
              },
              "data": {
                "type": "object",
                "description": "The particulars: always the supplier, and the document's ids, revision, decision and reason codes where they apply."
              },
              "position": {
                "type": "integer",
                "description": "Position in the log; read on with `after` set to it."
              }
            }
          },
          "EventPage": {
            "type": "object",
            "required": [
              "items",
              "next"
            ],
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/CloudEvent"
                }
              },
              "next": {
                "type": "integer",
                "description": "Pass as `after` to read on; the same position when the page is empty."
              }
            }
          },
          "PartnerProfile": {
            "type": "object",
            "description": "How a supplier exchanges documents. See docs/edi.md.",
            "required": [
              "channel"
            ],
            "properties": {
              "supplier": {
                "type": "string",
                "description": "Filled from the address."
              },
              "channel": {
                "type": "string",
                "enum": [
                  "portal",
                  "api",
                  "x12",
                  "edifact",
                  "cxml"
                ]
              },
              "version": {
                "type": "string",
                "description": "X12 GS08 such as `004010`, EDIFACT directory such as `D96A`, or cXML release such as `1.2.014`."
              },
              "ourId": {
                "type": "string",
                "description": "Our interchange id (ISA06/UNB sender on outbound); x12 and edifact."
              },
              "ourQualifier": {
                "type": "string"
              },
              "partnerId": {
                "type": "string",
                "description": "The partner's interchange id: inbound interchanges must come from it."
              },
              "partnerQualifier": {
                "type": "string"
              },
              "cxml": {
                "type": "object",
                "required": [
                  "ourDomain",
                  "ourIdentity",
                  "partnerDomain",
                  "partnerIdentity"
                ],
                "properties": {
                  "ourDomain": {
                    "type": "string"
                  },
                  "ourIdentity": {
                    "type": "string"
                  },
                  "partnerDomain": {
                    "type": "string"
                  },
                  "partnerIdentity": {
                    "type": "string"
                  },
                  "sharedSecret": {
                    "type": "string",
                    "writeOnly": true,
                    "minLength": 8
                  },
                  "sharedSecretSet": {
                    "type": "boolean",
                    "readOnly": true
                  }
                }
              },
              "delimiters": {
                "type": "object",
                "required": [
                  "element",
                  "component",
                  "segment"
                ],
                "properties": {
                  "element": {
                    "type": "string",
                    "maxLength": 1
                  },
                  "component": {
                    "type": "string",
                    "maxLength": 1
                  },
                  "repetition": {
                    "type": "string",
                    "maxLength": 1
                  },
                  "segment": {
                    "type": "string",
                    "maxLength": 1
                  },
                  "release": {
                    "type": "string",
                    "maxLength": 1
                  }
                }
              },
              "functionalAcknowledgements": {
                "type": "boolean",
                "default": true
              },
              "transport": {
                "type": "object",
                "properties": {
                  "dropFolder": {
                    "type": "string",
                    "description": "Absolute path with inbox/, outbox/, processed/, failed/."
                  },
                  "url": {
                    "type": "string",
                    "format": "uri"
                  },
                  "bearerToken": {
                    "type": "string",
                    "writeOnly": true
                  },
                  "bearerTokenSet": {
                    "type": "boolean",
                    "readOnly": true
                  }
                }
              }
            }
          },
          "Interchange": {
            "type": "object",
            "required": [
              "id",
              "supplier",
              "direction",
              "standard",
              "sender",
              "controlNumber",
              "source",
              "receivedAt",
              "updatedAt",
              "status"
            ],
            "properties": {
              "id": {
                "type": "string"
              },
              "supplier": {
                "type": "string"
              },
              "direction": {
                "type": "string",
                "enum": [
                  "inbound",
                  "outbound"
                ]
              },
              "standard": {
                "type": "string",
                "enum": [
                  "X12",
                  "EDIFACT",
                  "cXML"
                ]
              },
              "sender": {
                "type": "string"
              },
              "controlNumber": {
                "type": "string"
              },
              "source": {
                "type": "string",
                "description": "`http`, the drop folder file name, or `release`."
              },
              "receivedAt": {
                "type": "string",
                "format": "date-time"
              },
              "updatedAt": {
                "type": "string",
                "format": "date-time"
              },
              "verdict": {
                "type": "string",
                "enum": [
                  "accepted",
                  "acceptedWithErrors",
                  "rejected"
                ]
              },
              "status": {
                "type": "string",
                "enum": [
                  "received",
                  "processed",
                  "partiallyProcessed",
                  "rejected",
                  "queued",
                  "delivered",
                  "undeliverable"
                ]
              },
              "report": {
                "type": "object",
                "description": "`check` (the envelope check with application outcomes merged in), `sets` (per document: type, control number, outcome, purchaseOrder, acknowledgement, decision, note, reason with code, message, segment, segmentPosition, element), `problem` when the whole interchange was refused, `documents` stored."
              },
              "acknowledgement": {
                "type": "string",
                "description": "The 997, CONTRL or cXML Response sent."
              },
              "documents": {
                "type": "array",
                "items": {
                  "type": "object",
                  "properties": {
                    "id": {
                      "type": "string"
                    },
                    "kind": {
                      "type": "string"
                    },
                    "number": {
                      "type": "string"
                    },
                    "document": {
                      "type": "object"
                    }
                  }
                }
              }
            }
          },
          "Problem": {
            "type": "object",
            "description": "RFC 9457 problem details, sent as `application/problem+json`. `type` is `urn:supplyline:problem:<slug>`; clients branch on `type` (or `status`), never on `title` or `detail`.",
            "required": [
              "type",
              "title",
              "status",
              "detail",
              "instance",
              "requestId"
            ],
            "properties": {
              "type": {
                "type": "string",
                "pattern": "^urn:supplyline:problem:[a-z-]+$",
                "examples": [
                  "urn:supplyline:problem:stale-revision"
                ]
              },
              "title": {
                "type": "string",
                "description": "Short summary of the problem type."
              },
              "status": {
                "type": "integer",
                "description": "The HTTP status code."
              },
              "detail": {
                "type": "string",
                "description": "What went wrong with this request, for people."
              },
              "instance": {
                "type": "string",
                "description": "The request path."
              },
              "requestId": {
                "type": "string",
                "description": "The request id, also in the `X-Request-Id` header; quote it when reporting a problem."
              },
              "code": {
                "type": "string",
                "description": "Machine-readable rule code, present on business-rule and document problems (for example `invalidDocument`, `staleRevision`, `unknownRevision`, `revisionConflict`)."
              },
              "errors": {
                "type": "array",
                "description": "The fields at fault, present on `invalid-document` (and on `unknown-line`, `unknown-supplier` when a field is to blame).",
                "items": {
                  "$ref": "#/components/schemas/FieldError"
                }
              }
            }
          },
          "FieldError": {
            "type": "object",
            "required": [
              "pointer",
              "detail"
            ],
            "properties": {
              "pointer": {
                "type": "string",
                "description": "JSON Pointer (RFC 6901) into the request body; empty for the body itself.",
                "examples": [
                  "/lines/0/schedule/0/quantity"
                ]
              },
              "detail": {
                "type": "string",
                "examples": [
                  "must be greater than zero"
                ]
              }
            }
          },
          "Decimal": {
            "type": "string",
            "pattern": "^-?[0-9]+(\\.[0-9]+)?$",
            "maxLength": 40,
            "description": "A decimal number written as a JSON string, such as \"12.50\". No exponent, no grouping; a JSON number is refused. Responses use the shortest form (\"12.50\" comes back as \"12.5\").",
            "examples": [
              "12.50"
            ]
          },
          "LocalDate": {
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "A calendar date `YYYY-MM-DD`, without time or zone.",
            "examples": [
              "2027-01-15"
            ]
          },
          "Timestamp": {
            "type": "string",
            "format": "date-time",
            "description": "An instant in UTC, ISO 8601 with milliseconds.",
            "examples": [
              "2027-01-10T09:30:00.000Z"
            ]
          },
          "Identifier": {
            "type": "string",
            "pattern": "^[A-Za-z0-9._-]{1,35}$",
            "description": "A business identifier (supplier id, order number, plant, item): 1 to 35 letters, digits, '-', '_' or '.'."
          },
          "Tolerances": {
            "type": "object",
            "description": "How far a supplier's answer may differ from the order and still be confirmed without a buyer.",
            "required": [
              "dateDays",
              "quantityPercent",
              "pricePercent"
            ],
            "properties": {
              "dateDays": {
                "type": "integer",
                "minimum": 0,
                "maximum": 365,
                "description": "Days earlier or later than ordered, per delivery."
              },
              "quantityPercent": {
                "allOf": [
                  {
                    "$ref": "#/components/schemas/Decimal"
                  }
                ],
                "description": "Percent more or less than the ordered line quantity (0 to 100)."
              },
              "pricePercent": {
                "allOf": [
                  {
                    "$ref": "#/components/schemas/Decimal"
                  }
                ],
                "description": "Percent above or below the ordered unit price (0 to 100)."
              },
              "overShipmentPercent": {
                "allOf": [
                  {
                    "$ref": "#/components/schemas/Decimal"
                  }
                ],
                "description": "Percent more than the open quantity (confirmed minus already shipped) that a ship notice may announce (0 to 100). Optional; 0 when left out."
              }
            }
          },
          "Supplier": {
            "type": "object",
            "required": [
              "id",
              "name",
              "tolerances"
            ],
            "properties": {
              "id": {
                "$ref": "#/components/schemas/Identifier"
              },
              "name": {
                "type": "string",
                "minLength": 1,
                "maxLength": 200
              },
              "tolerances": {
                "$ref": "#/components/schemas/Tolerances"
              },
              "invoiceTolerances": {
                "$ref": "#/components/schemas/InvoiceTolerances"
              }
            }
          },
          "SupplierList": {
            "type": "object",
            "required": [
              "items"
            ],
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Supplier"
                }
              }
            }
          },
          "ScheduleLine": {
            "type": "object",
            "description": "One delivery: a quantity due on a date.",
            "required": [
              "quantity",
              "date"
            ],
            "properties": {
              "quantity": {
                "allOf": [
                  {
                    "$ref": "#/components/schemas/Decimal"
                  }
                ],
                "description": "Greater than zero."
              },
              "date": {
                "$ref": "#/components/schemas/LocalDate"
              }
            }
          },
          "OrderLine": {
            "type": "object",
            "description": "One line of a purchase order. On input `description`, `critical` and `schedule` may be left out; responses always carry every field.",
            "required": [
              "line",
              "item",
              "quantity",
              "unit",
              "unitPrice",
              "needBy"
            ],
            "properties": {
              "line": {
                "type": "integer",
                "minimum": 1,
                "description": "Line number, unique within the order."
              },
              "item": {
                "$ref": "#/components/schemas/Identifier"
              },
              "description": {
                "type": "string",
                "maxLength": 500,
                "default": ""
              },
              "quantity": {
                "allOf": [
                  {
                    "$ref": "#/components/schemas/Decimal"
                  }
                ],
                "description": "Greater than zero."
              },
              "unit": {
                "type": "string",
                "minLength": 1,
                "maxLength": 10,
                "examples": [
                  "EA"
                ]
              },
              "unitPrice": {
                "allOf": [
                  {
                    "$ref": "#/components/schemas/Decimal"
                  }
                ],
                "description": "Not negative."
              },
              "needBy": {
                "$ref": "#/components/schemas/LocalDate"
              },
              "critical": {
                "type": "boolean",
                "default": false,
                "description": "A shortage of this item stops production."
              },
              "certificateRequired": {
                "type": "boolean",
                "default": false,
                "description": "Every shipment of this line needs a certificate of conformance or analysis; a ship notice without one is held for a buyer."
              },
              "schedule": {
                "type": "array",
                "minItems": 1,
                "items": {
                  "$ref": "#/components/schemas/ScheduleLine"
                },
                "description": "Deliveries; their quantities must add up to `quantity`. Left out, it is one delivery of `quantity` on `needBy`."
              }
            }
          },
          "PurchaseOrder": {
            "type": "object",
            "description": "One revision of a purchase order as the ERP releases it.",
            "required": [
              "number",
              "revision",
              "supplier",
              "plant",
              "currency",
              "lines"
            ],
            "properties": {
              "number": {
                "$ref": "#/components/schemas/Identifier"
              },
              "revision": {
                "type": "integer",
                "minimum": 1
              },
              "supplier": {
                "allOf": [
                  {
                    "$ref": "#/components/schemas/Identifier"
                  }
                ],
                "description": "A supplier already on file."
              },
              "plant": {
                "$ref": "#/components/schemas/Identifier"
              },
              "currency": {
                "type": "string",
                "pattern": "^[A-Z]{3}$",
                "description": "ISO 4217 code.",
                "examples": [
                  "USD"
                ]
              },
              "lines": {
                "type": "array",
                "minItems": 1,
                "items": {
                  "$ref": "#/components/schemas/OrderLine"
                }
              }
            }
          },
          "OrderStatus": {
            "type": "string",
            "enum": [
              "awaitingAcknowledgement",
              "confirmed",
              "inReview",
              "rejected"
            ],
            "description": "Where the current revision stands in the acknowledgement cycle."
          },
          "PurchaseOrderView": {
            "type": "object",
            "description": "The current revision of an order with its status.",
            "required": [
              "number",
              "revision",
              "status",
              "supplier",
              "plant",
              "currency",
              "lines",
              "revisions",
              "createdAt",
              "updatedAt"
            ],
            "properties": {
              "number": {
                "$ref": "#/components/schemas/Identifier"
              },
              "revision": {
                "type": "integer",
                "description": "The current revision."
              },
              "status": {
                "$ref": "#/components/schemas/OrderStatus"
              },
              "supplier": {
                "$ref": "#/components/schemas/Identifier"
              },
              "plant": {
                "$ref": "#/components/schemas/Identifier"
              },
              "currency": {
                "type": "string"
              },
              "lines": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/OrderLine"
                }
              },
              "revisions": {
                "type": "array",
                "items": {
                  "type": "integer"
                },
                "description": "Every released revision, ascending."
              },
              "createdAt": {
                "$ref": "#/components/schemas/Timestamp"
              },
              "updatedAt": {
                "$ref": "#/components/schemas/Timestamp"
              }
            }
          },
          "PurchaseOrderSummary": {
            "type": "object",
            "required": [
              "number",
              "revision",
              "status",
              "supplier",
              "plant",
              "currency",
              "lineCount",
              "updatedAt"
            ],
            "properties": {
              "number": {
                "$ref": "#/components/schemas/Identifier"
              },
              "revision": {
                "type": "integer"
              },
              "status": {
                "$ref": "#/components/schemas/OrderStatus"
              },
              "supplier": {
                "$ref": "#/components/schemas/Identifier"
              },
              "plant": {
                "$ref": "#/components/schemas/Identifier"
              },
              "currency": {
                "type": "string"
              },
              "lineCount": {
                "type": "integer"
              },
              "updatedAt": {
                "$ref": "#/components/schemas/Timestamp"
              }
            }
          },
          "PurchaseOrderPage": {
            "type": "object",
            "required": [
              "items"
            ],
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/PurchaseOrderSummary"
                }
              },
              "nextCursor": {
                "type": "string",
                "description": "Present when there is another page."
              }
            }
          },
          "LineAnswer": {
            "type": "string",
            "enum": [
              "accepted",
              "changed",
              "rejected"
            ]
          },
          "LineResponse": {
            "type": "object",
            "description": "The supplier's answer to one line. `accepted`: no `schedule` or `unitPrice`. `changed`: a `schedule`, a `unitPrice` or both. `rejected`: a non-blank `reason`, no `schedule` or `unitPrice`.",
            "required": [
              "line",
              "status"
            ],
            "properties": {
              "line": {
                "type": "integer",
                "description": "A line of the order; every line is answered exactly once."
              },
              "status": {
                "$ref": "#/components/schemas/LineAnswer"
              },
              "reason": {
                "type": "string",
                "maxLength": 500,
                "description": "Why the line was changed or rejected; required for `rejected`."
              },
              "schedule": {
                "type": "array",
                "minItems": 1,
                "items": {
                  "$ref": "#/components/schemas/ScheduleLine"
                },
                "description": "Proposed deliveries, for a changed line. Left out, the ordered schedule stands."
              },
              "unitPrice": {
                "allOf": [
                  {
                    "$ref": "#/components/schemas/Decimal"
                  }
                ],
                "description": "Proposed unit price, for a changed line; not negative. Left out, the ordered price stands."
              }
            }
          },
          "OrderResponse": {
            "type": "object",
            "description": "A supplier's acknowledgement of the current revision of a purchase order.",
            "required": [
              "revision",
              "lines"
            ],
            "properties": {
              "revision": {
                "type": "integer",
                "description": "The revision answered; must be the current one."
              },
              "lines": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/LineResponse"
                }
              }
            }
          },
          "Reason": {
            "type": "object",
            "description": "Why a decision went the way it did. `code` is an open set; current values: `dateOutOfTolerance`, `quantityOutOfTolerance`, `priceOutOfTolerance`, `lineRejected`, `orderRejected`.",
            "required": [
              "code",
              "message"
            ],
            "properties": {
              "code": {
                "type": "string",
                "examples": [
                  "dateOutOfTolerance"
                ]
              },
              "message": {
                "type": "string"
              },
              "line": {
                "type": "integer",
                "description": "The line concerned; absent for order-level reasons."
              }
            }
          },
          "ConfirmedLine": {
            "type": "object",
            "description": "A line as it stands once the answer is taken: the deliveries and price the ERP should plan with. A rejected line has an empty schedule.",
            "required": [
              "line",
              "status",
              "schedule",
              "unitPrice"
            ],
            "properties": {
              "line": {
                "type": "integer"
              },
              "status": {
                "$ref": "#/components/schemas/LineAnswer"
              },
              "schedule": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/ScheduleLine"
                }
              },
              "unitPrice": {
                "$ref": "#/components/schemas/Decimal"
              },
              "reason": {
                "type": "string"
              }
            }
          },
          "Decision": {
            "type": "string",
            "enum": [
              "confirmed",
              "inReview",
              "rejected"
            ],
            "description": "`confirmed`: every line accepted or changed within tolerances. `inReview`: a change outside the tolerances, or some (not all) lines rejected; held for a buyer. `rejected`: every line rejected."
          },
          "Acknowledgement": {
            "type": "object",
            "required": [
              "id",
              "purchaseOrder",
              "revision",
              "decision",
              "reasons",
              "lines",
              "receivedAt"
            ],
            "properties": {
              "id": {
                "type": "string",
                "pattern": "^ack_",
                "examples": [
                  "ack_3kT9xQ2mVb7LpR4w"
                ]
              },
              "purchaseOrder": {
                "$ref": "#/components/schemas/Identifier"
              },
              "revision": {
                "type": "integer"
              },
              "decision": {
                "$ref": "#/components/schemas/Decision"
              },
              "reasons": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Reason"
                }
              },
              "lines": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/ConfirmedLine"
                }
              },
              "receivedAt": {
                "$ref": "#/components/schemas/Timestamp"
              }
            }
          },
          "AcknowledgementList": {
            "type": "object",
            "required": [
              "items"
            ],
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Acknowledgement"
                },
                "description": "Oldest first."
              }
            }
          },
          "ExceptionStatus": {
            "type": "string",
            "enum": [
              "open",
              "approved",
              "rejected",
              "superseded"
            ],
            "description": "`superseded`: a newer revision of the order made the exception moot."
          },
          "Exception": {
            "type": "object",
            "description": "Something held for review. `links` name the other documents it concerns.",
            "required": [
              "id",
              "type",
              "supplier",
              "reasons",
              "status",
              "createdAt",
              "ageHours"
            ],
            "properties": {
              "id": {
                "type": "string",
                "pattern": "^exc_",
                "examples": [
                  "exc_b1Yc7Hq0PzR3sT9u"
                ]
              },
              "type": {
                "type": "string",
                "description": "What held it: `orderResponseOutOfTolerance` (an answer outside the supplier's tolerances), and the types of the other flows.",
                "examples": [
                  "orderResponseOutOfTolerance"
                ]
              },
              "supplier": {
                "$ref": "#/components/schemas/Identifier"
              },
              "purchaseOrder": {
                "$ref": "#/components/schemas/Identifier"
              },
              "revision": {
                "type": "integer"
              },
              "acknowledgement": {
                "type": "string",
                "description": "Id of the acknowledgement held, for `orderResponseOutOfTolerance`."
              },
              "links": {
                "type": "object",
                "additionalProperties": {
                  "type": "string"
                },
                "description": "Other documents: `shipNotice`, `invoice`, `goodsReceipt`, `nonconformance`, `line`, …",
                "examples": [
                  {
                    "invoice": "inv_Q2w9"
                  }
                ]
              },
              "reasons": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Reason"
                }
              },
              "status": {
                "$ref": "#/components/schemas/ExceptionStatus"
              },
              "owner": {
                "type": "string",
                "description": "Client id of the buyer or admin it is assigned to."
              },
              "createdAt": {
                "$ref": "#/components/schemas/Timestamp"
              },
              "ageHours": {
                "type": "integer",
                "description": "Whole hours from opening to resolution, or to now while open."
              },
              "resolvedAt": {
                "$ref": "#/components/schemas/Timestamp"
              },
              "resolvedBy": {
                "type": "string",
                "description": "Client id of the buyer, or `system` for a superseded exception."
              },
              "note": {
                "type": "string"
              },
              "comments": {
                "type": "array",
                "description": "On `GET /v1/exceptions/{id}` and after a comment, oldest first.",
                "items": {
                  "$ref": "#/components/schemas/ExceptionComment"
                }
              }
            }
          },
          "ExceptionPage": {
            "type": "object",
            "required": [
              "items"
            ],
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Exception"
                }
              },
              "nextCursor": {
                "type": "string",
                "description": "Present when there is another page."
              }
            }
          },
          "Resolution": {
            "type": "object",
            "description": "Optional body of approve and reject; the body may also be empty.",
            "properties": {
              "note": {
                "type": "string",
                "maxLength": 2000
              }
            }
          },
          "OutboxStatus": {
            "type": "string",
            "enum": [
              "pending",
              "delivered",
              "dead"
            ]
          },
          "OutboxMessage": {
            "type": "object",
            "description": "A message to the ERP with its delivery state.",
            "required": [
              "id",
              "kind",
              "document",
              "revision",
              "idempotencyKey",
              "status",
              "attempts",
              "createdAt",
              "nextAttemptAt"
            ],
            "properties": {
              "id": {
                "type": "integer",
                "format": "int64"
              },
              "kind": {
                "type": "string",
                "examples": [
                  "orderConfirmation",
                  "orderRejection"
                ]
              },
              "document": {
                "type": "string",
                "description": "The purchase order number."
              },
              "revision": {
                "type": "integer"
              },
              "idempotencyKey": {
                "type": "string",
                "description": "What the ERP deduplicates on; unchanged by replay.",
                "examples": [
                  "orderConfirmation:PO-1001:1:ack_3kT9xQ2mVb7LpR4w"
                ]
              },
              "status": {
                "$ref": "#/components/schemas/OutboxStatus"
              },
              "attempts": {
                "type": "integer"
              },
              "lastError": {
                "type": "string"
              },
              "createdAt": {
                "$ref": "#/components/schemas/Timestamp"
              },
              "nextAttemptAt": {
                "$ref": "#/components/schemas/Timestamp"
              },
              "deadAt": {
                "$ref": "#/components/schemas/Timestamp"
              }
            }
          },
          "DeadLetterPage": {
            "type": "object",
            "required": [
              "items"
            ],
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/OutboxMessage"
                }
              },
              "nextCursor": {
                "type": "string",
                "description": "Present when there is another page."
              }
            }
          },
          "OutboxCounts": {
            "type": "object",
            "required": [
              "pending",
              "delivered",
              "dead"
            ],
            "properties": {
              "pending": {
                "type": "integer"
              },
              "delivered": {
                "type": "integer"
              },
              "dead": {
                "type": "integer"
              }
            }
          },
          "AuditEntry": {
            "type": "object",
            "required": [
              "sequence",
              "at",
              "actor",
              "role",
              "action",
              "objectType",
              "objectId",
              "detail",
              "hash"
            ],
            "properties": {
              "sequence": {
                "type": "integer",
                "format": "int64"
              },
              "at": {
                "$ref": "#/components/schemas/Timestamp"
              },
              "actor": {
                "type": "string",
                "description": "Client id, or `system`."
              },
              "role": {
                "type": "string"
              },
              "action": {
                "type": "string",
                "examples": [
                  "purchaseOrder.acknowledged"
                ]
              },
              "objectType": {
                "type": "string",
                "examples": [
                  "purchaseOrder",
                  "supplier",
                  "exception",
                  "outbox",
                  "client"
                ]
              },
              "objectId": {
                "type": "string"
              },
              "detail": {
                "type": "string",
                "description": "A JSON object, as text, with the particulars."
              },
              "requestId": {
                "type": "string"
              },
              "hash": {
                "type": "string",
                "description": "SHA-256 (hex) chaining this entry to the previous one."
              }
            }
          },
          "AuditPage": {
            "type": "object",
            "required": [
              "items"
            ],
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/AuditEntry"
                }
              },
              "nextCursor": {
                "type": "string",
                "description": "Present when there is another page."
              }
            }
          },
          "AuditVerification": {
            "type": "object",
            "required": [
              "intact"
            ],
            "properties": {
              "intact": {
                "type": "boolean"
              },
              "firstBrokenSequence": {
                "type": "integer",
                "format": "int64",
                "description": "The first entry whose hash does not match; absent when intact."
              }
            }
          },
          "Role": {
            "type": "string",
            "enum": [
              "erp",
              "supplier",
              "buyer",
              "admin"
            ]
          },
          "NewClient": {
            "type": "object",
            "required": [
              "name",
              "role"
            ],
            "properties": {
              "name": {
                "type": "string",
                "minLength": 1,
                "maxLength": 200
              },
              "role": {
                "$ref": "#/components/schemas/Role"
              },
              "supplier": {
                "type": "string",
                "description": "Required for role `supplier` (the supplier the key acts for); not allowed for other roles."
              }
            }
          },
          "Client": {
            "type": "object",
            "required": [
              "id",
              "name",
              "role",
              "createdAt"
            ],
            "properties": {
              "id": {
                "type": "string",
                "examples": [
                  "9f2c4e71a0b3d856"
                ]
              },
              "name": {
                "type": "string"
              },
              "role": {
                "$ref": "#/components/schemas/Role"
              },
              "supplier": {
                "type": "string"
              },
              "createdAt": {
                "$ref": "#/components/schemas/Timestamp"
              },
              "revokedAt": {
                "$ref": "#/components/schemas/Timestamp"
              },
              "key": {
                "type": "string",
                "description": "The API key, only in the answer to the request that created the client; it cannot be shown again.",
                "examples": [
                  "sl.9f2c4e71a0b3d856.q3Jx0v7kYw2bN5m8Rt1sUe4hZc6pLa9dGf0iKo3nWxE"
                ]
              }
            }
          },
          "ClientList": {
            "type": "object",
            "required": [
              "items"
            ],
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Client"
                }
              }
            }
          },
          "Health": {
            "type": "object",
            "required": [
              "status"
            ],
            "properties": {
              "status": {
                "type": "string",
                "const": "ok"
              }
            }
          },
          "InvoiceTolerances": {
            "type": "object",
            "description": "How far an invoice line may differ from the order price and the received quantity and still match. Each member is optional and 0 when left out; all zero means only an exact match passes.",
            "properties": {
              "pricePercent": {
                "allOf": [
                  {
                    "$ref": "#/components/schemas/Decimal"
                  }
                ],
                "description": "Percent of the order unit price (0 to 100)."
              },
              "priceAmount": {
                "allOf": [
                  {
                    "$ref": "#/components/schemas/Decimal"
                  }
                ],
                "description": "Absolute amount per unit, in the order currency."
              },
              "quantityPercent": {
                "allOf": [
                  {
                    "$ref": "#/components/schemas/Decimal"
                  }
                ],
                "description": "Percent of the received quantity (0 to 100)."
              },
              "quantityAmount": {
                "allOf": [
                  {
                    "$ref": "#/components/schemas/Decimal"
                  }
                ],
                "description": "Absolute quantity, in the line's unit."
              }
            }
          }
        }
      }
    }
    """#
}
