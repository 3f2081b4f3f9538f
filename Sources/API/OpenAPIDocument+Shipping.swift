extension OpenAPIDocument {
    /// Ship notices, goods receipts and quality documents.
    static let shipping = #"""
    {
      "tags": [
        {
          "name": "Ship notices",
          "description": "Advance ship notices: what a supplier shipped, in which labelled packages, against which confirmed order lines. A notice held for a missing certificate opens a `shipNoticeMissingCertificate` exception: approving it posts the notice to the ERP (status `released`), rejecting it sets the notice `rejected` and takes its quantities out of the ledger."
        },
        {
          "name": "Goods receipts",
          "description": "What the ERP took in or turned away at the dock."
        },
        {
          "name": "Quality documents",
          "description": "Certificates of conformance and analysis, PPAP files and other quality documents."
        }
      ],
      "paths": {
        "/v1/ship-notices": {
          "post": {
            "operationId": "submitShipNotice",
            "tags": [
              "Ship notices"
            ],
            "summary": "Announce a shipment",
            "description": "Role: supplier. One notice may ship against several of the supplier's confirmed orders. Every package carries an SSCC-18 whose GS1 check digit must be right. Per order line the notice may announce the open quantity (confirmed minus what the line already committed: the larger of what other notices shipped and what goods receipts took in, received plus rejected) plus the supplier's `overShipmentPercent` of it, and no more. The whole notice is refused, and nothing written, if any line breaks a rule: `invalid-document`, `invalid-sscc`, `not-found` (code `unknownPurchaseOrder`: an unknown order or another supplier's), `unknown-line`, `line-not-confirmed`, `line-cancelled` (409), `over-shipment`, `duplicate-shipment-id`. An accepted notice moves the ledger's shipped quantity and is posted to the ERP (`inboundDelivery`); a notice shipping a line that needs a certificate, with none linked to the order line, a shipped lot or the notice, is stored as `held`, opens a `shipNoticeMissingCertificate` exception, and is posted only once a buyer approves it or a matching certificate is uploaded. Events `shipnotice.submitted` and, when held, `shipnotice.held`. Requires an `Idempotency-Key`.",
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
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/ShipNoticeDocument"
                  },
                  "examples": {
                    "twoOrders": {
                      "summary": "Two packages, two orders",
                      "value": {
                        "shipmentId": "ASN-4711",
                        "shipDate": "2027-01-10",
                        "expectedDelivery": "2027-01-12",
                        "carrier": "DHL",
                        "trackingNumber": "JD014600006281",
                        "packages": [
                          {
                            "sscc": "006141411234567890",
                            "lines": [
                              {
                                "purchaseOrder": "PO-1001",
                                "line": 1,
                                "scheduleLine": 1,
                                "quantity": "50",
                                "unit": "EA",
                                "lots": [
                                  {
                                    "lot": "L-7",
                                    "quantity": "50"
                                  }
                                ]
                              }
                            ]
                          },
                          {
                            "sscc": "106141411234567897",
                            "lines": [
                              {
                                "purchaseOrder": "PO-1002",
                                "line": 2,
                                "quantity": "3",
                                "serials": [
                                  "SN-1",
                                  "SN-2",
                                  "SN-3"
                                ]
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
              "201": {
                "description": "The notice as stored: `accepted`, or `held` with the id of its exception.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  },
                  "Idempotent-Replayed": {
                    "description": "`true` when this answers an earlier request with the same key.",
                    "schema": {
                      "type": "string",
                      "enum": [
                        "true"
                      ]
                    }
                  },
                  "Location": {
                    "$ref": "#/components/headers/Location"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/ShipNotice"
                    },
                    "examples": {
                      "example": {
                        "value": {
                          "id": "asn_Xq3kT9bL2mRw",
                          "supplier": "S-100",
                          "shipmentId": "ASN-4711",
                          "version": 1,
                          "status": "accepted",
                          "shipDate": "2027-01-10",
                          "expectedDelivery": "2027-01-12",
                          "carrier": "DHL",
                          "trackingNumber": "JD014600006281",
                          "packages": [
                            {
                              "sscc": "006141411234567890",
                              "lines": [
                                {
                                  "purchaseOrder": "PO-1001",
                                  "line": 1,
                                  "scheduleLine": 1,
                                  "quantity": "50",
                                  "unit": "EA",
                                  "lots": [
                                    {
                                      "lot": "L-7",
                                      "quantity": "50"
                                    }
                                  ]
                                }
                              ]
                            }
                          ],
                          "lines": [
                            {
                              "number": 1,
                              "purchaseOrder": "PO-1001",
                              "line": 1,
                              "scheduleLine": 1,
                              "quantity": "50"
                            }
                          ],
                          "createdAt": "2027-01-10T08:00:00.000Z",
                          "updatedAt": "2027-01-10T08:00:00.000Z"
                        }
                      }
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthenticated"
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "404": {
                "description": "`not-found` (code `unknownPurchaseOrder`): a line names an order the supplier does not have.",
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
                "description": "`duplicate-shipment-id`: the supplier already announced this shipment id; `stale-revision`: a line names an older revision of its order.",
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
                "description": "`invalid-document`, `invalid-sscc`, `unknown-revision`, `unknown-line`, `line-not-confirmed`, `over-shipment`, `idempotency-key-reused`; the `errors` member points at each field at fault.",
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
            }
          },
          "get": {
            "operationId": "listShipNotices",
            "tags": [
              "Ship notices"
            ],
            "summary": "List ship notices",
            "description": "A supplier sees its own; the ERP, buyers and admins see all. Oldest first.",
            "parameters": [
              {
                "name": "purchaseOrder",
                "in": "query",
                "required": false,
                "description": "Only notices shipping against this order.",
                "schema": {
                  "type": "string"
                }
              },
              {
                "name": "status",
                "in": "query",
                "required": false,
                "description": "Only notices in this status.",
                "schema": {
                  "$ref": "#/components/schemas/ShipNoticeStatus"
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
                "description": "A page of notices.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/ShipNoticePage"
                    },
                    "examples": {
                      "example": {
                        "value": {
                          "items": [
                            {
                              "id": "asn_Xq3kT9bL2mRw",
                              "supplier": "S-100",
                              "shipmentId": "ASN-4711",
                              "version": 1,
                              "status": "accepted",
                              "shipDate": "2027-01-10",
                              "expectedDelivery": "2027-01-12",
                              "carrier": "DHL",
                              "trackingNumber": "JD014600006281",
                              "packages": [
                                {
                                  "sscc": "006141411234567890",
                                  "lines": [
                                    {
                                      "purchaseOrder": "PO-1001",
                                      "line": 1,
                                      "scheduleLine": 1,
                                      "quantity": "50",
                                      "unit": "EA",
                                      "lots": [
                                        {
                                          "lot": "L-7",
                                          "quantity": "50"
                                        }
                                      ]
                                    }
                                  ]
                                }
                              ],
                              "lines": [
                                {
                                  "number": 1,
                                  "purchaseOrder": "PO-1001",
                                  "line": 1,
                                  "scheduleLine": 1,
                                  "quantity": "50"
                                }
                              ],
                              "createdAt": "2027-01-10T08:00:00.000Z",
                              "updatedAt": "2027-01-10T08:00:00.000Z"
                            }
                          ],
                          "nextCursor": null
                        }
                      }
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
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
        "/v1/ship-notices/{id}": {
          "parameters": [
            {
              "name": "id",
              "in": "path",
              "required": true,
              "description": "Ship notice id (`asn_…`).",
              "schema": {
                "type": "string"
              }
            }
          ],
          "get": {
            "operationId": "getShipNotice",
            "tags": [
              "Ship notices"
            ],
            "summary": "Read a ship notice",
            "description": "Another supplier's notice is `not-found`.",
            "parameters": [
              {
                "$ref": "#/components/parameters/RequestId"
              }
            ],
            "responses": {
              "200": {
                "description": "The notice.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/ShipNotice"
                    },
                    "examples": {
                      "example": {
                        "value": {
                          "id": "asn_Xq3kT9bL2mRw",
                          "supplier": "S-100",
                          "shipmentId": "ASN-4711",
                          "version": 1,
                          "status": "accepted",
                          "shipDate": "2027-01-10",
                          "expectedDelivery": "2027-01-12",
                          "carrier": "DHL",
                          "trackingNumber": "JD014600006281",
                          "packages": [
                            {
                              "sscc": "006141411234567890",
                              "lines": [
                                {
                                  "purchaseOrder": "PO-1001",
                                  "line": 1,
                                  "scheduleLine": 1,
                                  "quantity": "50",
                                  "unit": "EA",
                                  "lots": [
                                    {
                                      "lot": "L-7",
                                      "quantity": "50"
                                    }
                                  ]
                                }
                              ]
                            }
                          ],
                          "lines": [
                            {
                              "number": 1,
                              "purchaseOrder": "PO-1001",
                              "line": 1,
                              "scheduleLine": 1,
                              "quantity": "50"
                            }
                          ],
                          "createdAt": "2027-01-10T08:00:00.000Z",
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
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "404": {
                "$ref": "#/components/responses/NotFound"
              }
            }
          },
          "put": {
            "operationId": "updateShipNotice",
            "tags": [
              "Ship notices"
            ],
            "summary": "Replace a ship notice with a new version",
            "description": "Role: supplier. Until a goods receipt references it, a notice may be replaced (the shipment id stays). Its own earlier quantities count as open again; the ledger moves by the difference and the new version is posted to the ERP (`inboundDelivery`, keyed per version). A new version that needs a certificate it lacks is held and not posted: the ERP keeps the last posted version until the hold is released (the new version is posted) or rejected by a buyer (`inboundDeliveryCancellation`). The same content again changes nothing. A received notice is `ship-notice-received`, a cancelled or rejected one `ship-notice-closed` (409). Event `shipnotice.updated`.",
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
                    "$ref": "#/components/schemas/ShipNoticeDocument"
                  },
                  "examples": {
                    "more": {
                      "summary": "The same shipment, corrected",
                      "value": {
                        "shipmentId": "ASN-4711",
                        "shipDate": "2027-01-10",
                        "expectedDelivery": "2027-01-12",
                        "carrier": "DHL",
                        "trackingNumber": "JD014600006281",
                        "packages": [
                          {
                            "sscc": "006141411234567890",
                            "lines": [
                              {
                                "purchaseOrder": "PO-1001",
                                "line": 1,
                                "scheduleLine": 1,
                                "quantity": "50",
                                "unit": "EA",
                                "lots": [
                                  {
                                    "lot": "L-7",
                                    "quantity": "50"
                                  }
                                ]
                              }
                            ]
                          },
                          {
                            "sscc": "106141411234567897",
                            "lines": [
                              {
                                "purchaseOrder": "PO-1002",
                                "line": 2,
                                "quantity": "3",
                                "serials": [
                                  "SN-1",
                                  "SN-2",
                                  "SN-3"
                                ]
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
                "description": "The notice, now at its new version.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/ShipNotice"
                    },
                    "examples": {
                      "example": {
                        "value": {
                          "id": "asn_Xq3kT9bL2mRw",
                          "supplier": "S-100",
                          "shipmentId": "ASN-4711",
                          "version": 1,
                          "status": "accepted",
                          "shipDate": "2027-01-10",
                          "expectedDelivery": "2027-01-12",
                          "carrier": "DHL",
                          "trackingNumber": "JD014600006281",
                          "packages": [
                            {
                              "sscc": "006141411234567890",
                              "lines": [
                                {
                                  "purchaseOrder": "PO-1001",
                                  "line": 1,
                                  "scheduleLine": 1,
                                  "quantity": "50",
                                  "unit": "EA",
                                  "lots": [
                                    {
                                      "lot": "L-7",
                                      "quantity": "50"
                                    }
                                  ]
                                }
                              ]
                            }
                          ],
                          "lines": [
                            {
                              "number": 1,
                              "purchaseOrder": "PO-1001",
                              "line": 1,
                              "scheduleLine": 1,
                              "quantity": "50"
                            }
                          ],
                          "createdAt": "2027-01-10T08:00:00.000Z",
                          "updatedAt": "2027-01-10T08:00:00.000Z"
                        }
                      }
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthenticated"
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "404": {
                "$ref": "#/components/responses/NotFound"
              },
              "409": {
                "description": "`ship-notice-received` or `ship-notice-closed`.",
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
                "description": "As for a new notice; `invalid-request` when the shipment id changes.",
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
            }
          }
        },
        "/v1/ship-notices/{id}/cancel": {
          "parameters": [
            {
              "name": "id",
              "in": "path",
              "required": true,
              "description": "Ship notice id (`asn_…`).",
              "schema": {
                "type": "string"
              }
            }
          ],
          "post": {
            "operationId": "cancelShipNotice",
            "tags": [
              "Ship notices"
            ],
            "summary": "Cancel a ship notice",
            "description": "Role: supplier. Until a goods receipt references it. Its quantities leave the ledger; if the ERP was told of it, `inboundDeliveryCancellation` follows; an open hold is superseded. Event `shipnotice.cancelled`. The shipment id stays taken. Cancelling a cancelled notice again answers it as it is (200) and changes nothing.",
            "parameters": [
              {
                "$ref": "#/components/parameters/RequestId"
              }
            ],
            "responses": {
              "200": {
                "description": "The cancelled notice.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/ShipNotice"
                    },
                    "examples": {
                      "example": {
                        "value": {
                          "id": "asn_Xq3kT9bL2mRw",
                          "supplier": "S-100",
                          "shipmentId": "ASN-4711",
                          "version": 1,
                          "status": "cancelled",
                          "shipDate": "2027-01-10",
                          "expectedDelivery": "2027-01-12",
                          "carrier": "DHL",
                          "trackingNumber": "JD014600006281",
                          "packages": [
                            {
                              "sscc": "006141411234567890",
                              "lines": [
                                {
                                  "purchaseOrder": "PO-1001",
                                  "line": 1,
                                  "scheduleLine": 1,
                                  "quantity": "50",
                                  "unit": "EA",
                                  "lots": [
                                    {
                                      "lot": "L-7",
                                      "quantity": "50"
                                    }
                                  ]
                                }
                              ]
                            }
                          ],
                          "lines": [
                            {
                              "number": 1,
                              "purchaseOrder": "PO-1001",
                              "line": 1,
                              "scheduleLine": 1,
                              "quantity": "50"
                            }
                          ],
                          "createdAt": "2027-01-10T08:00:00.000Z",
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
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "404": {
                "$ref": "#/components/responses/NotFound"
              },
              "409": {
                "description": "`ship-notice-received`: a goods receipt references it; `ship-notice-closed`: a buyer rejected it.",
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
            }
          }
        },
        "/v1/goods-receipts": {
          "post": {
            "operationId": "postGoodsReceipt",
            "tags": [
              "Goods receipts"
            ],
            "summary": "Record a goods receipt",
            "description": "Role: erp. Lines name a line of the referenced ship notice (`shipNoticeLine`, counted from 1 across its packages) or an order line. Quantities received and rejected must not be negative; `receivedDate` must not be after today (UTC), else `invalid-document`; more than was shipped is allowed and recorded. Goods on a cancelled or never confirmed order line are accepted (the receipt records what arrived) and open one `unexpectedReceipt` exception per such line for a buyer (links `goodsReceipt`, `line`; reason `cancelledLineReceived` or `unconfirmedLineReceived`). Moves the ledger's received and rejected quantities, marks the notice `received` (no more updates or cancellation; event `shipnotice.received` when this receipt closes it; a held notice is released and posted to the ERP first, its exception approved by the hub), and emits `receipt.posted` with each line's due date (the confirmed date of the delivery received) and the quantity the notice announced. Refused with nothing written: `unknown-ship-notice`, `unknown-purchase-order` (code `orderNotOnFile`), `unknown-line`, `invalid-document`, `ship-notice-closed`. Requires an `Idempotency-Key`.",
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
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/GoodsReceiptDocument"
                  },
                  "examples": {
                    "againstANotice": {
                      "value": {
                        "number": "5000001",
                        "receivedDate": "2027-01-12",
                        "shipNotice": "asn_Xq3kT9bL2mRw",
                        "lines": [
                          {
                            "shipNoticeLine": 1,
                            "received": "48",
                            "rejected": "2",
                            "lot": "L-7"
                          },
                          {
                            "purchaseOrder": "PO-1003",
                            "line": 1,
                            "received": "10"
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
                "description": "The receipt as recorded.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  },
                  "Idempotent-Replayed": {
                    "description": "`true` when this answers an earlier request with the same key.",
                    "schema": {
                      "type": "string",
                      "enum": [
                        "true"
                      ]
                    }
                  },
                  "Location": {
                    "$ref": "#/components/headers/Location"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/GoodsReceipt"
                    },
                    "examples": {
                      "example": {
                        "value": {
                          "id": "gr_9dK2pQ7sLx0a",
                          "supplier": "S-100",
                          "number": "5000001",
                          "receivedDate": "2027-01-12",
                          "shipNotice": "asn_Xq3kT9bL2mRw",
                          "lines": [
                            {
                              "purchaseOrder": "PO-1001",
                              "line": 1,
                              "received": "48",
                              "rejected": "2",
                              "lot": "L-7",
                              "shipNoticeLine": 1,
                              "shippedQuantity": "50",
                              "dueDate": "2027-01-15"
                            }
                          ],
                          "createdAt": "2027-01-12T14:00:00.000Z"
                        }
                      }
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthenticated"
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "409": {
                "description": "`ship-notice-closed`: the notice was cancelled or rejected.",
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
                "description": "`unknown-ship-notice`, `unknown-purchase-order` (code `orderNotOnFile`), `unknown-line`, `invalid-document`, `idempotency-key-reused`.",
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
            }
          },
          "get": {
            "operationId": "listGoodsReceipts",
            "tags": [
              "Goods receipts"
            ],
            "summary": "List goods receipts",
            "description": "A supplier sees the receipts of its own goods; the ERP, buyers and admins see all. Oldest first.",
            "parameters": [
              {
                "name": "shipNotice",
                "in": "query",
                "required": false,
                "description": "Only receipts of this notice.",
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
                "description": "A page of receipts.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/GoodsReceiptPage"
                    },
                    "examples": {
                      "example": {
                        "value": {
                          "items": [
                            {
                              "id": "gr_9dK2pQ7sLx0a",
                              "supplier": "S-100",
                              "number": "5000001",
                              "receivedDate": "2027-01-12",
                              "shipNotice": "asn_Xq3kT9bL2mRw",
                              "lines": [
                                {
                                  "purchaseOrder": "PO-1001",
                                  "line": 1,
                                  "received": "48",
                                  "rejected": "2",
                                  "lot": "L-7",
                                  "shipNoticeLine": 1,
                                  "shippedQuantity": "50",
                                  "dueDate": "2027-01-15"
                                }
                              ],
                              "createdAt": "2027-01-12T14:00:00.000Z"
                            }
                          ],
                          "nextCursor": null
                        }
                      }
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
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
        "/v1/goods-receipts/{id}": {
          "parameters": [
            {
              "name": "id",
              "in": "path",
              "required": true,
              "description": "Goods receipt id (`gr_…`).",
              "schema": {
                "type": "string"
              }
            }
          ],
          "get": {
            "operationId": "getGoodsReceipt",
            "tags": [
              "Goods receipts"
            ],
            "summary": "Read a goods receipt",
            "description": "Another supplier's receipt is `not-found`.",
            "parameters": [
              {
                "$ref": "#/components/parameters/RequestId"
              }
            ],
            "responses": {
              "200": {
                "description": "The receipt.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/GoodsReceipt"
                    },
                    "examples": {
                      "example": {
                        "value": {
                          "id": "gr_9dK2pQ7sLx0a",
                          "supplier": "S-100",
                          "number": "5000001",
                          "receivedDate": "2027-01-12",
                          "shipNotice": "asn_Xq3kT9bL2mRw",
                          "lines": [
                            {
                              "purchaseOrder": "PO-1001",
                              "line": 1,
                              "received": "48",
                              "rejected": "2",
                              "lot": "L-7",
                              "shipNoticeLine": 1,
                              "shippedQuantity": "50",
                              "dueDate": "2027-01-15"
                            }
                          ],
                          "createdAt": "2027-01-12T14:00:00.000Z"
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
              },
              "404": {
                "$ref": "#/components/responses/NotFound"
              }
            }
          }
        },
        "/v1/quality-documents": {
          "post": {
            "operationId": "uploadQualityDocument",
            "tags": [
              "Quality documents"
            ],
            "summary": "Upload a certificate or other quality document",
            "description": "Role: supplier. The body is the file itself, sent with its Content-Type (`application/pdf`, `image/png`, `image/jpeg`, `text/plain`, `application/xml` or `text/xml`); the bytes must match it (`content-type-mismatch`), other types are `unsupported-media-type`. Up to 10 MiB unless the hub runs with `--max-document-bytes` (`document-too-large` with code `documentTooLarge`, also when the server stops reading a body past its limit for this path). Stored with its SHA-256. Links in the query: an order of the supplier's (`not-found` otherwise) and optionally its line, a ship notice of the supplier's, a lot. Event `qualitydocument.uploaded` (data `qualityDocument`, `supplier`, `type`, `sha256`, `contentType`, `size`, `fileName`, `links`), and a `qualityDocument` posting to the ERP with the same description and `content`, the path to fetch the bytes. A certificate of conformance or analysis releases the supplier's held ship notices it now covers. Requires an `Idempotency-Key`.",
            "parameters": [
              {
                "name": "type",
                "in": "query",
                "required": true,
                "description": "What the document is.",
                "schema": {
                  "$ref": "#/components/schemas/QualityDocumentType"
                }
              },
              {
                "name": "purchaseOrder",
                "in": "query",
                "required": false,
                "description": "The order it concerns.",
                "schema": {
                  "type": "string"
                },
                "example": "PO-1001"
              },
              {
                "name": "line",
                "in": "query",
                "required": false,
                "description": "The order line (needs `purchaseOrder`).",
                "schema": {
                  "type": "integer",
                  "minimum": 1
                },
                "example": 1
              },
              {
                "name": "shipNotice",
                "in": "query",
                "required": false,
                "description": "The ship notice it comes with (`asn_…`).",
                "schema": {
                  "type": "string"
                }
              },
              {
                "name": "lot",
                "in": "query",
                "required": false,
                "description": "The lot it certifies.",
                "schema": {
                  "type": "string"
                },
                "example": "L-7"
              },
              {
                "name": "fileName",
                "in": "query",
                "required": false,
                "description": "A file name to download it by.",
                "schema": {
                  "type": "string"
                },
                "example": "coc-L7.pdf"
              },
              {
                "$ref": "#/components/parameters/IdempotencyKey"
              },
              {
                "$ref": "#/components/parameters/RequestId"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/pdf": {
                  "schema": {
                    "type": "string",
                    "contentMediaType": "application/pdf"
                  },
                  "example": "%PDF-1.7 …"
                },
                "image/png": {
                  "schema": {
                    "type": "string",
                    "contentMediaType": "image/png"
                  }
                },
                "image/jpeg": {
                  "schema": {
                    "type": "string",
                    "contentMediaType": "image/jpeg"
                  }
                },
                "text/plain": {
                  "schema": {
                    "type": "string"
                  },
                  "example": "Lot L-7 conforms to drawing 4711 rev C."
                },
                "application/xml": {
                  "schema": {
                    "type": "string"
                  },
                  "example": "<?xml version=\"1.0\"?><certificate lot=\"L-7\"/>"
                }
              }
            },
            "responses": {
              "201": {
                "description": "The document's metadata.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  },
                  "Idempotent-Replayed": {
                    "description": "`true` when this answers an earlier request with the same key.",
                    "schema": {
                      "type": "string",
                      "enum": [
                        "true"
                      ]
                    }
                  },
                  "Location": {
                    "$ref": "#/components/headers/Location"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/QualityDocument"
                    },
                    "examples": {
                      "example": {
                        "value": {
                          "id": "qd_4Tg8mZ1cVb6n",
                          "supplier": "S-100",
                          "type": "certificateOfConformance",
                          "purchaseOrder": "PO-1001",
                          "line": 1,
                          "lot": "L-7",
                          "fileName": "coc-L7.pdf",
                          "contentType": "application/pdf",
                          "size": 48213,
                          "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                          "content": "/v1/quality-documents/qd_4Tg8mZ1cVb6n/content",
                          "createdAt": "2027-01-09T16:00:00.000Z"
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
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "404": {
                "description": "`not-found`: the linked order or ship notice is not the supplier's.",
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
                "description": "`document-too-large` (code `documentTooLarge`): the file is over the document limit, whether the upload measured it or the server stopped reading the body.",
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
                "description": "`unsupported-media-type` (code `unsupportedContentType`): not a type the hub stores.",
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
                "description": "`content-type-mismatch`: the bytes are not of the declared type; `unknown-line`; `invalid-document` (empty file, bad link); `idempotency-key-reused`.",
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
            }
          },
          "get": {
            "operationId": "listQualityDocuments",
            "tags": [
              "Quality documents"
            ],
            "summary": "List quality documents",
            "description": "Metadata only. A supplier sees its own; the ERP, buyers and admins see all.",
            "parameters": [
              {
                "name": "purchaseOrder",
                "in": "query",
                "required": false,
                "description": "Only documents linked to this order.",
                "schema": {
                  "type": "string"
                }
              },
              {
                "name": "shipNotice",
                "in": "query",
                "required": false,
                "description": "Only documents linked to this notice.",
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
                "description": "A page of documents.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/QualityDocumentPage"
                    },
                    "examples": {
                      "example": {
                        "value": {
                          "items": [
                            {
                              "id": "qd_4Tg8mZ1cVb6n",
                              "supplier": "S-100",
                              "type": "certificateOfConformance",
                              "purchaseOrder": "PO-1001",
                              "line": 1,
                              "lot": "L-7",
                              "fileName": "coc-L7.pdf",
                              "contentType": "application/pdf",
                              "size": 48213,
                              "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                              "content": "/v1/quality-documents/qd_4Tg8mZ1cVb6n/content",
                              "createdAt": "2027-01-09T16:00:00.000Z"
                            }
                          ],
                          "nextCursor": null
                        }
                      }
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
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
        "/v1/quality-documents/{id}": {
          "parameters": [
            {
              "name": "id",
              "in": "path",
              "required": true,
              "description": "Quality document id (`qd_…`).",
              "schema": {
                "type": "string"
              }
            }
          ],
          "get": {
            "operationId": "getQualityDocument",
            "tags": [
              "Quality documents"
            ],
            "summary": "Read a quality document's metadata",
            "description": "Another supplier's document is `not-found`.",
            "parameters": [
              {
                "$ref": "#/components/parameters/RequestId"
              }
            ],
            "responses": {
              "200": {
                "description": "The metadata.",
                "headers": {
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/QualityDocument"
                    },
                    "examples": {
                      "example": {
                        "value": {
                          "id": "qd_4Tg8mZ1cVb6n",
                          "supplier": "S-100",
                          "type": "certificateOfConformance",
                          "purchaseOrder": "PO-1001",
                          "line": 1,
                          "lot": "L-7",
                          "fileName": "coc-L7.pdf",
                          "contentType": "application/pdf",
                          "size": 48213,
                          "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                          "content": "/v1/quality-documents/qd_4Tg8mZ1cVb6n/content",
                          "createdAt": "2027-01-09T16:00:00.000Z"
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
              },
              "404": {
                "$ref": "#/components/responses/NotFound"
              }
            }
          }
        },
        "/v1/quality-documents/{id}/content": {
          "parameters": [
            {
              "name": "id",
              "in": "path",
              "required": true,
              "description": "Quality document id (`qd_…`).",
              "schema": {
                "type": "string"
              }
            }
          ],
          "get": {
            "operationId": "downloadQualityDocument",
            "tags": [
              "Quality documents"
            ],
            "summary": "Download a quality document",
            "description": "The bytes as uploaded, with the stored Content-Type and an `ETag` of their SHA-256; `If-None-Match` with that tag answers 304. Another supplier's document is `not-found`.",
            "parameters": [
              {
                "name": "If-None-Match",
                "in": "header",
                "required": false,
                "description": "The ETag of a copy already held.",
                "schema": {
                  "type": "string"
                }
              },
              {
                "$ref": "#/components/parameters/RequestId"
              }
            ],
            "responses": {
              "200": {
                "description": "The file.",
                "headers": {
                  "ETag": {
                    "description": "`\"<sha256 hex>\"`",
                    "schema": {
                      "type": "string"
                    }
                  },
                  "X-Request-Id": {
                    "$ref": "#/components/headers/X-Request-Id"
                  }
                },
                "content": {
                  "application/pdf": {
                    "schema": {
                      "type": "string",
                      "contentMediaType": "application/pdf"
                    },
                    "example": "%PDF-1.7 …"
                  },
                  "*/*": {
                    "schema": {
                      "type": "string"
                    }
                  }
                }
              },
              "304": {
                "description": "The copy with this ETag is current."
              },
              "401": {
                "$ref": "#/components/responses/Unauthenticated"
              },
              "500": {
                "$ref": "#/components/responses/InternalError"
              },
              "404": {
                "$ref": "#/components/responses/NotFound"
              }
            }
          }
        }
      },
      "components": {
        "schemas": {
          "ShipmentLot": {
            "type": "object",
            "required": [
              "lot",
              "quantity"
            ],
            "properties": {
              "lot": {
                "type": "string",
                "minLength": 1,
                "maxLength": 48
              },
              "quantity": {
                "$ref": "#/components/schemas/Decimal"
              }
            }
          },
          "ShipmentLine": {
            "type": "object",
            "required": [
              "purchaseOrder",
              "line",
              "quantity"
            ],
            "properties": {
              "purchaseOrder": {
                "$ref": "#/components/schemas/Identifier"
              },
              "revision": {
                "type": "integer",
                "minimum": 1,
                "description": "The order revision shipped against; when given it must be the current one (`stale-revision`, `unknown-revision`)."
              },
              "line": {
                "type": "integer",
                "minimum": 1
              },
              "scheduleLine": {
                "type": "integer",
                "minimum": 1,
                "default": 1,
                "description": "The confirmed delivery this fills: its position among the line's confirmed deliveries in date order, from 1."
              },
              "quantity": {
                "$ref": "#/components/schemas/Decimal"
              },
              "unit": {
                "type": "string",
                "maxLength": 10
              },
              "lots": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/ShipmentLot"
                },
                "description": "When given, lot quantities add up to the line quantity."
              },
              "serials": {
                "type": "array",
                "items": {
                  "type": "string"
                },
                "description": "When given, one distinct serial per unit."
              }
            }
          },
          "ShipmentPackage": {
            "type": "object",
            "required": [
              "sscc",
              "lines"
            ],
            "properties": {
              "sscc": {
                "type": "string",
                "pattern": "^[0-9]{18}$",
                "description": "SSCC-18 with a valid GS1 mod-10 check digit, unique within the notice."
              },
              "lines": {
                "type": "array",
                "minItems": 1,
                "items": {
                  "$ref": "#/components/schemas/ShipmentLine"
                }
              }
            }
          },
          "ShipNoticeDocument": {
            "type": "object",
            "required": [
              "shipmentId",
              "shipDate",
              "packages"
            ],
            "properties": {
              "shipmentId": {
                "type": "string",
                "minLength": 1,
                "maxLength": 48,
                "description": "The supplier's shipment number, unique per supplier."
              },
              "shipDate": {
                "$ref": "#/components/schemas/LocalDate"
              },
              "expectedDelivery": {
                "$ref": "#/components/schemas/LocalDate"
              },
              "carrier": {
                "type": "string"
              },
              "trackingNumber": {
                "type": "string"
              },
              "packages": {
                "type": "array",
                "minItems": 1,
                "items": {
                  "$ref": "#/components/schemas/ShipmentPackage"
                }
              }
            }
          },
          "ShipNoticeStatus": {
            "type": "string",
            "enum": [
              "accepted",
              "held",
              "released",
              "rejected",
              "cancelled",
              "received"
            ]
          },
          "ShipNotice": {
            "type": "object",
            "required": [
              "id",
              "supplier",
              "shipmentId",
              "version",
              "status",
              "shipDate",
              "packages",
              "lines",
              "createdAt",
              "updatedAt"
            ],
            "properties": {
              "id": {
                "type": "string"
              },
              "supplier": {
                "type": "string"
              },
              "shipmentId": {
                "type": "string"
              },
              "version": {
                "type": "integer",
                "minimum": 1
              },
              "status": {
                "$ref": "#/components/schemas/ShipNoticeStatus"
              },
              "shipDate": {
                "$ref": "#/components/schemas/LocalDate"
              },
              "expectedDelivery": {
                "$ref": "#/components/schemas/LocalDate"
              },
              "carrier": {
                "type": "string"
              },
              "trackingNumber": {
                "type": "string"
              },
              "packages": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/ShipmentPackage"
                }
              },
              "lines": {
                "type": "array",
                "description": "Every line across the packages, numbered from 1 (goods receipts refer to these numbers).",
                "items": {
                  "type": "object",
                  "required": [
                    "number",
                    "purchaseOrder",
                    "line",
                    "scheduleLine",
                    "quantity"
                  ],
                  "properties": {
                    "number": {
                      "type": "integer"
                    },
                    "purchaseOrder": {
                      "type": "string"
                    },
                    "line": {
                      "type": "integer"
                    },
                    "scheduleLine": {
                      "type": "integer"
                    },
                    "quantity": {
                      "$ref": "#/components/schemas/Decimal"
                    }
                  }
                }
              },
              "exception": {
                "type": "string",
                "description": "The open exception holding it, while `held`."
              },
              "createdAt": {
                "$ref": "#/components/schemas/Timestamp"
              },
              "updatedAt": {
                "$ref": "#/components/schemas/Timestamp"
              }
            }
          },
          "ShipNoticePage": {
            "type": "object",
            "required": [
              "items"
            ],
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/ShipNotice"
                }
              },
              "nextCursor": {
                "type": [
                  "string",
                  "null"
                ]
              }
            }
          },
          "GoodsReceiptLineInput": {
            "type": "object",
            "required": [
              "received"
            ],
            "properties": {
              "shipNoticeLine": {
                "type": "integer",
                "minimum": 1
              },
              "purchaseOrder": {
                "$ref": "#/components/schemas/Identifier"
              },
              "line": {
                "type": "integer",
                "minimum": 1
              },
              "received": {
                "$ref": "#/components/schemas/Decimal"
              },
              "rejected": {
                "$ref": "#/components/schemas/Decimal"
              },
              "lot": {
                "type": "string"
              }
            }
          },
          "GoodsReceiptDocument": {
            "type": "object",
            "required": [
              "receivedDate",
              "lines"
            ],
            "properties": {
              "number": {
                "type": "string",
                "description": "The ERP's receipt number."
              },
              "receivedDate": {
                "$ref": "#/components/schemas/LocalDate"
              },
              "shipNotice": {
                "type": "string"
              },
              "lines": {
                "type": "array",
                "minItems": 1,
                "items": {
                  "$ref": "#/components/schemas/GoodsReceiptLineInput"
                }
              }
            }
          },
          "GoodsReceiptLine": {
            "type": "object",
            "required": [
              "purchaseOrder",
              "line",
              "received",
              "rejected",
              "dueDate"
            ],
            "properties": {
              "purchaseOrder": {
                "type": "string"
              },
              "line": {
                "type": "integer"
              },
              "received": {
                "$ref": "#/components/schemas/Decimal"
              },
              "rejected": {
                "$ref": "#/components/schemas/Decimal"
              },
              "lot": {
                "type": "string"
              },
              "shipNoticeLine": {
                "type": "integer"
              },
              "shippedQuantity": {
                "$ref": "#/components/schemas/Decimal"
              },
              "dueDate": {
                "$ref": "#/components/schemas/LocalDate"
              }
            }
          },
          "GoodsReceipt": {
            "type": "object",
            "required": [
              "id",
              "supplier",
              "receivedDate",
              "lines",
              "createdAt"
            ],
            "properties": {
              "id": {
                "type": "string"
              },
              "supplier": {
                "type": "string"
              },
              "number": {
                "type": "string"
              },
              "receivedDate": {
                "$ref": "#/components/schemas/LocalDate"
              },
              "shipNotice": {
                "type": "string"
              },
              "lines": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/GoodsReceiptLine"
                }
              },
              "createdAt": {
                "$ref": "#/components/schemas/Timestamp"
              }
            }
          },
          "GoodsReceiptPage": {
            "type": "object",
            "required": [
              "items"
            ],
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/GoodsReceipt"
                }
              },
              "nextCursor": {
                "type": [
                  "string",
                  "null"
                ]
              }
            }
          },
          "QualityDocumentType": {
            "type": "string",
            "enum": [
              "certificateOfConformance",
              "certificateOfAnalysis",
              "ppap",
              "other"
            ]
          },
          "QualityDocument": {
            "type": "object",
            "required": [
              "id",
              "supplier",
              "type",
              "contentType",
              "size",
              "sha256",
              "content",
              "createdAt"
            ],
            "properties": {
              "id": {
                "type": "string"
              },
              "supplier": {
                "type": "string"
              },
              "type": {
                "$ref": "#/components/schemas/QualityDocumentType"
              },
              "purchaseOrder": {
                "type": "string"
              },
              "line": {
                "type": "integer"
              },
              "shipNotice": {
                "type": "string"
              },
              "lot": {
                "type": "string"
              },
              "fileName": {
                "type": "string"
              },
              "contentType": {
                "type": "string"
              },
              "size": {
                "type": "integer"
              },
              "sha256": {
                "type": "string",
                "pattern": "^[0-9a-f]{64}$"
              },
              "content": {
                "type": "string",
                "description": "Where to download the bytes."
              },
              "createdAt": {
                "$ref": "#/components/schemas/Timestamp"
              }
            }
          },
          "QualityDocumentPage": {
            "type": "object",
            "required": [
              "items"
            ],
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/QualityDocument"
                }
              },
              "nextCursor": {
                "type": [
                  "string",
                  "null"
                ]
              }
            }
          },
          "Exception": {
            "properties": {
              "type": {
                "examples": [
                  "shipNoticeMissingCertificate",
                  "unexpectedReceipt"
                ]
              }
            }
          },
          "CloudEvent": {
            "properties": {
              "type": {
                "enum": [
                  "com.supplyline.shipnotice.submitted",
                  "com.supplyline.shipnotice.updated",
                  "com.supplyline.shipnotice.cancelled",
                  "com.supplyline.shipnotice.held",
                  "com.supplyline.shipnotice.released",
                  "com.supplyline.shipnotice.rejected",
                  "com.supplyline.shipnotice.received",
                  "com.supplyline.receipt.posted",
                  "com.supplyline.qualitydocument.uploaded"
                ]
              }
            }
          }
        }
      }
    }
    """#
}
