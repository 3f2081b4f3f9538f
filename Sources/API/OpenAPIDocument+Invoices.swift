extension OpenAPIDocument {
    /// Supplier invoices: submission with a three-way match, the ERP's status updates, reading.
    static let invoices = #"""
    {
      "tags": [
        { "name": "Invoices", "description": "Supplier invoices against purchase orders, matched against the order price and the received quantity, followed through to payment. See docs/invoices.md." }
      ],
      "paths": {
        "/v1/invoices": {
          "post": {
            "operationId": "submitInvoice",
            "tags": ["Invoices"],
            "summary": "Submit an invoice",
            "description": "Role: supplier. A \"PO flip\" invoice: every line names one of the supplier's purchase orders (`purchaseOrder`) and its line (`poLine`). Field rules: positive quantities, prices not negative, `amount` = quantity × unit price and `taxAmount` = amount × `taxRate` / 100 to the cent, `taxTotal` = the sum of the lines' tax when lines carry tax (or tax for the whole invoice when they do not), `total` = line amounts + `taxTotal`. Against the orders: an order that does not exist or is another supplier's is 404 `not-found` (code `unknownPurchaseOrder`); a line the order does not have is 422 `unknown-line`; a currency other than the order's is 422 `currency-mismatch`; a unit other than the order line's is 422 `invalid-document`; a number this supplier already used is 409 `duplicate-invoice`. Nothing is stored when any rule fails.\n\nThen the three-way match: per line the unit price against the order (or confirmed) price, and the quantity invoiced so far (this invoice included) against the quantity received, within the supplier's `invoiceTolerances` (a variance passes when within the percent limit or within the absolute limit). `matched`: posted to the ERP (`supplierInvoice`). Otherwise `held` with reasons `priceVariance`, `quantityVariance`, `notReceived`, `duplicate` and an `invoiceVariance` exception for a buyer. Either way the line ledger's `invoiced` quantity moves. Events `invoice.submitted` (with `firstPassMatch`) and `invoice.matched` or `invoice.held`.",
            "parameters": [{ "$ref": "#/components/parameters/IdempotencyKey" }, { "$ref": "#/components/parameters/RequestId" }],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": { "$ref": "#/components/schemas/Invoice" },
                  "examples": {
                    "lineTax": { "summary": "Tax per line", "value": {
                      "number": "INV-2027-0042", "invoiceDate": "2027-01-20", "currency": "USD",
                      "lines": [{ "line": 1, "purchaseOrder": "PO-1001", "poLine": 1, "quantity": "100", "unit": "EA", "unitPrice": "2.50", "amount": "250.00", "taxRate": "8", "taxAmount": "20.00" }],
                      "taxTotal": "20.00", "total": "270.00", "paymentTerms": { "text": "Net 30", "netDays": 30 } } },
                    "headerTax": { "summary": "Tax for the whole invoice", "value": {
                      "number": "INV-2027-0043", "invoiceDate": "2027-01-21", "currency": "USD",
                      "lines": [{ "line": 1, "purchaseOrder": "PO-1001", "poLine": 1, "quantity": "40", "unit": "EA", "unitPrice": "2.50" }],
                      "taxTotal": "8.00", "total": "108.00" } }
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "The invoice, `matched` or `held` (or, with `Idempotent-Replayed: true`, the stored answer to the earlier request with this key).",
                "headers": { "Location": { "$ref": "#/components/headers/Location" }, "Idempotent-Replayed": { "$ref": "#/components/headers/Idempotent-Replayed" }, "X-Request-Id": { "$ref": "#/components/headers/X-Request-Id" } },
                "content": { "application/json": { "schema": { "$ref": "#/components/schemas/InvoiceView" },
                  "examples": {
                    "matched": { "value": { "id": "inv_Qm3v8RkT2aLp0xYd", "number": "INV-2027-0042", "supplier": "S-100", "status": "matched", "invoiceDate": "2027-01-20", "currency": "USD",
                      "lines": [{ "line": 1, "purchaseOrder": "PO-1001", "poLine": 1, "quantity": "100", "unit": "EA", "unitPrice": "2.5", "amount": "250", "taxRate": "8", "taxAmount": "20" }],
                      "taxTotal": "20", "total": "270", "paymentTerms": { "text": "Net 30", "netDays": 30 }, "dueDate": "2027-02-19", "purchaseOrders": ["PO-1001"], "firstPassMatch": true, "reasons": [],
                      "match": [{ "line": 1, "purchaseOrder": "PO-1001", "poLine": 1, "expectedUnitPrice": "2.5", "unitPrice": "2.5", "invoicedTotal": "100", "received": "100", "reasons": [] }],
                      "history": [{ "status": "matched", "at": "2027-01-20T09:12:03.412Z", "by": "supplier" }],
                      "receivedAt": "2027-01-20T09:12:03.412Z", "updatedAt": "2027-01-20T09:12:03.412Z" } },
                    "held": { "value": { "id": "inv_7Hq0PzR3bN1sWc4e", "number": "INV-2027-0044", "supplier": "S-100", "status": "held", "invoiceDate": "2027-01-20", "currency": "USD",
                      "lines": [{ "line": 1, "purchaseOrder": "PO-1001", "poLine": 1, "quantity": "100", "unit": "EA", "unitPrice": "2.75", "amount": "275" }],
                      "total": "275", "purchaseOrders": ["PO-1001"], "firstPassMatch": false,
                      "reasons": [{ "code": "priceVariance", "message": "Invoice line 1 bills PO-1001 line 1 at 2.75 a unit; the order price is 2.5.", "line": 1 }],
                      "match": [{ "line": 1, "purchaseOrder": "PO-1001", "poLine": 1, "expectedUnitPrice": "2.5", "unitPrice": "2.75", "invoicedTotal": "100", "received": "100", "reasons": ["priceVariance"] }],
                      "history": [{ "status": "held", "at": "2027-01-20T09:12:03.412Z", "by": "supplier" }],
                      "receivedAt": "2027-01-20T09:12:03.412Z", "updatedAt": "2027-01-20T09:12:03.412Z" } }
                  } } }
              },
              "400": { "$ref": "#/components/responses/BadRequest" },
              "401": { "$ref": "#/components/responses/Unauthenticated" },
              "403": { "$ref": "#/components/responses/Forbidden" },
              "404": { "description": "`not-found` (code `unknownPurchaseOrder`): a line names a purchase order that does not exist or belongs to another supplier.", "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" },
                "example": { "type": "urn:supplyline:problem:not-found", "title": "Not Found", "status": 404, "detail": "There is no purchase order PO-2001.", "code": "unknownPurchaseOrder", "errors": [{ "pointer": "/lines/0/purchaseOrder", "detail": "names no purchase order of yours" }], "instance": "/v1/invoices" } } } },
              "409": { "description": "`duplicate-invoice`: this supplier already submitted an invoice with this number (any status). Another supplier may use the same number.", "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" },
                "example": { "type": "urn:supplyline:problem:duplicate-invoice", "title": "Invoice number already used", "status": 409, "detail": "You already submitted invoice INV-2027-0042 (inv_Qm3v8RkT2aLp0xYd, matched); an invoice number is used once.", "code": "duplicateInvoice", "instance": "/v1/invoices" } } } },
              "415": { "$ref": "#/components/responses/UnsupportedMediaType" },
              "422": { "description": "`invalid-document` (a field rule, amounts that do not add up, a unit other than the order line's, a credit note), `unknown-line`, `currency-mismatch`, `invalid-request` (the body names another supplier), `idempotency-key-reused`.", "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" },
                "example": { "type": "urn:supplyline:problem:invalid-document", "title": "Invalid document", "status": 422, "detail": "The invoice is invalid: /total: must be the line amounts plus tax, 270 .", "code": "invalidDocument", "errors": [{ "pointer": "/total", "detail": "must be the line amounts plus tax, 270" }], "instance": "/v1/invoices" } } } },
              "500": { "$ref": "#/components/responses/InternalError" }
            }
          },
          "get": {
            "operationId": "listInvoices",
            "tags": ["Invoices"],
            "summary": "List invoices",
            "description": "Any role; a supplier sees only its own. Oldest first, without the status history (read one invoice for that).",
            "parameters": [
              { "name": "status", "in": "query", "required": false, "schema": { "$ref": "#/components/schemas/InvoiceStatus" } },
              { "name": "purchaseOrder", "in": "query", "required": false, "description": "Only invoices with a line on this order.", "schema": { "type": "string" } },
              { "$ref": "#/components/parameters/Limit" }, { "$ref": "#/components/parameters/Cursor" }, { "$ref": "#/components/parameters/RequestId" }
            ],
            "responses": {
              "200": { "description": "A page of invoices.", "headers": { "X-Request-Id": { "$ref": "#/components/headers/X-Request-Id" } },
                "content": { "application/json": { "schema": { "$ref": "#/components/schemas/InvoicePage" },
                  "example": { "items": [{ "id": "inv_Qm3v8RkT2aLp0xYd", "number": "INV-2027-0042", "supplier": "S-100", "status": "paid", "invoiceDate": "2027-01-20", "currency": "USD",
                    "lines": [{ "line": 1, "purchaseOrder": "PO-1001", "poLine": 1, "quantity": "100", "unit": "EA", "unitPrice": "2.5", "amount": "250" }], "total": "250", "purchaseOrders": ["PO-1001"], "firstPassMatch": true, "reasons": [],
                    "match": [{ "line": 1, "purchaseOrder": "PO-1001", "poLine": 1, "expectedUnitPrice": "2.5", "unitPrice": "2.5", "invoicedTotal": "100", "received": "100", "reasons": [] }],
                    "payment": { "date": "2027-02-19", "amount": "250", "reference": "PAY-88812" },
                    "receivedAt": "2027-01-20T09:12:03.412Z", "updatedAt": "2027-02-19T16:00:00.000Z" }] } } }
              },
              "400": { "$ref": "#/components/responses/InvalidParameter" },
              "401": { "$ref": "#/components/responses/Unauthenticated" },
              "500": { "$ref": "#/components/responses/InternalError" }
            }
          }
        },
        "/v1/invoices/{id}": {
          "parameters": [{ "name": "id", "in": "path", "required": true, "description": "Invoice id (`inv_…`).", "schema": { "type": "string" } }],
          "get": {
            "operationId": "getInvoice",
            "tags": ["Invoices"],
            "summary": "Read an invoice with its status history",
            "description": "Any role; another supplier's invoice is 404. `history` lists every status the invoice reached, who moved it (`supplier`, `buyer`, `erp`) and why, through to `paid`.",
            "parameters": [{ "$ref": "#/components/parameters/RequestId" }],
            "responses": {
              "200": { "description": "The invoice.", "headers": { "X-Request-Id": { "$ref": "#/components/headers/X-Request-Id" } },
                "content": { "application/json": { "schema": { "$ref": "#/components/schemas/InvoiceView" },
                  "example": { "id": "inv_7Hq0PzR3bN1sWc4e", "number": "INV-2027-0044", "supplier": "S-100", "status": "paid", "invoiceDate": "2027-01-20", "currency": "USD",
                    "lines": [{ "line": 1, "purchaseOrder": "PO-1001", "poLine": 1, "quantity": "100", "unit": "EA", "unitPrice": "2.75", "amount": "275" }],
                    "total": "275", "purchaseOrders": ["PO-1001"], "firstPassMatch": false,
                    "reasons": [{ "code": "priceVariance", "message": "Invoice line 1 bills PO-1001 line 1 at 2.75 a unit; the order price is 2.5.", "line": 1 }],
                    "match": [{ "line": 1, "purchaseOrder": "PO-1001", "poLine": 1, "expectedUnitPrice": "2.5", "unitPrice": "2.75", "invoicedTotal": "100", "received": "100", "reasons": ["priceVariance"] }],
                    "payment": { "date": "2027-02-19", "amount": "275", "reference": "PAY-88813" },
                    "history": [
                      { "status": "held", "at": "2027-01-20T09:12:03.412Z", "by": "supplier" },
                      { "status": "matched", "at": "2027-01-21T08:00:00.000Z", "by": "buyer", "note": "Alloy surcharge agreed by phone." },
                      { "status": "approved", "at": "2027-01-22T10:00:00.000Z", "by": "erp" },
                      { "status": "paid", "at": "2027-02-19T16:00:00.000Z", "by": "erp", "payment": { "date": "2027-02-19", "amount": "275", "reference": "PAY-88813" } }
                    ],
                    "receivedAt": "2027-01-20T09:12:03.412Z", "updatedAt": "2027-02-19T16:00:00.000Z" } } }
              },
              "401": { "$ref": "#/components/responses/Unauthenticated" },
              "404": { "$ref": "#/components/responses/NotFound" },
              "500": { "$ref": "#/components/responses/InternalError" }
            }
          }
        },
        "/v1/invoices/{id}/status": {
          "parameters": [{ "name": "id", "in": "path", "required": true, "description": "Invoice id (`inv_…`), the `document` of the `supplierInvoice` posting.", "schema": { "type": "string" } }],
          "put": {
            "operationId": "updateInvoiceStatus",
            "tags": ["Invoices"],
            "summary": "Report approval, payment or rejection (ERP)",
            "description": "Role: erp. Moves an invoice the ERP was sent: `matched` → `approved` → `paid`, or `matched`/`approved` → `rejected` (with a `reason` the supplier reads; the ledger's invoiced quantity is released). `matched` → `paid` directly is allowed. A `held` invoice was never sent to the ERP: 409 `invoice-status-conflict`. `paid` and `rejected` are final: any other status is 409 `invoice-status-conflict`. The same status again answers 200 and changes nothing (a second `paid` must carry the same date, amount and reference, else 409). A `paid` amount other than the invoice total (compared at the cent) is recorded as reported (ERPs pay short for deductions) and opens a `paymentDifference` exception for a buyer, with a reason `paymentDifference` giving the difference; deciding it only closes it. Audited; event `invoice.status` (approved, paid) or `invoice.rejected` (`by: erp`).",
            "parameters": [{ "$ref": "#/components/parameters/RequestId" }],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": { "$ref": "#/components/schemas/InvoiceStatusUpdate" },
                  "examples": {
                    "approved": { "value": { "status": "approved" } },
                    "paid": { "value": { "status": "paid", "paymentDate": "2027-02-19", "amount": "270.00", "reference": "PAY-88812" } },
                    "rejected": { "value": { "status": "rejected", "reason": "Bank details on the invoice do not match the vendor master." } }
                  }
                }
              }
            },
            "responses": {
              "200": { "description": "The invoice as it now stands, with its history.", "headers": { "X-Request-Id": { "$ref": "#/components/headers/X-Request-Id" } },
                "content": { "application/json": { "schema": { "$ref": "#/components/schemas/InvoiceView" } } } },
              "400": { "$ref": "#/components/responses/BadRequest" },
              "401": { "$ref": "#/components/responses/Unauthenticated" },
              "403": { "$ref": "#/components/responses/Forbidden" },
              "404": { "$ref": "#/components/responses/NotFound" },
              "409": { "description": "`invoice-status-conflict`: the invoice's status does not allow this change.", "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" },
                "example": { "type": "urn:supplyline:problem:invoice-status-conflict", "title": "Invoice status does not allow this", "status": 409, "detail": "Invoice inv_7Hq0PzR3bN1sWc4e is held; it waits for a buyer and was not sent to the ERP, so it cannot be paid.", "code": "invoiceStatusConflict", "instance": "/v1/invoices/inv_7Hq0PzR3bN1sWc4e/status" } } } },
              "415": { "$ref": "#/components/responses/UnsupportedMediaType" },
              "422": { "description": "`invalid-document`: `paid` without payment date, positive amount and reference; `rejected` without a reason; fields that do not belong to the status.", "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } } },
              "500": { "$ref": "#/components/responses/InternalError" }
            }
          }
        }
      },
      "components": {
        "schemas": {
          "InvoiceStatus": { "type": "string", "enum": ["matched", "held", "approved", "paid", "rejected"],
            "description": "`matched`: within tolerances (or approved by a buyer) and posted to the ERP; `held`: waiting for a buyer; `approved`: approved for payment by the ERP; `paid`: paid (final); `rejected`: refused by a buyer or the ERP (final)." },
          "PaymentTerms": { "type": "object", "properties": { "text": { "type": "string" }, "netDays": { "type": "integer", "minimum": 0 } } },
          "InvoiceLine": {
            "type": "object",
            "required": ["line", "purchaseOrder", "poLine", "quantity", "unit", "unitPrice"],
            "properties": {
              "line": { "type": "integer", "minimum": 1, "description": "The supplier's line number on the invoice, unique in it." },
              "purchaseOrder": { "type": "string" },
              "poLine": { "type": "integer", "minimum": 1, "description": "The order line billed." },
              "item": { "type": "string" },
              "quantity": { "$ref": "#/components/schemas/Decimal" },
              "unit": { "type": "string", "description": "The order line's unit." },
              "unitPrice": { "$ref": "#/components/schemas/Decimal" },
              "amount": { "$ref": "#/components/schemas/Decimal", "description": "quantity × unitPrice to the cent; computed when left out." },
              "taxRate": { "$ref": "#/components/schemas/Decimal", "description": "Percent, 0 to 100." },
              "taxAmount": { "$ref": "#/components/schemas/Decimal", "description": "amount × taxRate / 100 to the cent; computed from the rate when left out." }
            }
          },
          "Invoice": {
            "type": "object",
            "required": ["number", "invoiceDate", "currency", "lines", "total"],
            "properties": {
              "number": { "type": "string", "description": "The supplier's invoice number: 1 to 48 printable characters, used once per supplier." },
              "kind": { "type": "string", "enum": ["invoice"], "default": "invoice" },
              "supplier": { "type": "string", "description": "Optional; when sent, must be the key's supplier." },
              "invoiceDate": { "$ref": "#/components/schemas/LocalDate" },
              "currency": { "type": "string", "description": "ISO 4217; must be the currency of every order billed." },
              "lines": { "type": "array", "minItems": 1, "items": { "$ref": "#/components/schemas/InvoiceLine" } },
              "taxTotal": { "$ref": "#/components/schemas/Decimal", "description": "The sum of the lines' taxAmount when lines carry tax; otherwise the tax of the whole invoice." },
              "total": { "$ref": "#/components/schemas/Decimal", "description": "Line amounts plus taxTotal." },
              "paymentTerms": { "$ref": "#/components/schemas/PaymentTerms" }
            }
          },
          "InvoiceMatchLine": {
            "type": "object",
            "description": "The figures one line was matched on.",
            "required": ["line", "purchaseOrder", "poLine", "expectedUnitPrice", "unitPrice", "invoicedTotal", "received", "reasons"],
            "properties": {
              "line": { "type": "integer" }, "purchaseOrder": { "type": "string" }, "poLine": { "type": "integer" },
              "expectedUnitPrice": { "$ref": "#/components/schemas/Decimal", "description": "The order price, or the confirmed price when the supplier's price change was accepted." },
              "unitPrice": { "$ref": "#/components/schemas/Decimal" },
              "invoicedTotal": { "$ref": "#/components/schemas/Decimal", "description": "Invoiced on the order line so far, this line included." },
              "received": { "$ref": "#/components/schemas/Decimal" },
              "reasons": { "type": "array", "items": { "type": "string", "enum": ["priceVariance", "quantityVariance", "notReceived"] } }
            }
          },
          "InvoicePayment": {
            "type": "object", "required": ["date", "amount", "reference"],
            "properties": { "date": { "$ref": "#/components/schemas/LocalDate" }, "amount": { "$ref": "#/components/schemas/Decimal" }, "reference": { "type": "string" } }
          },
          "InvoiceStep": {
            "type": "object", "required": ["status", "at", "by"],
            "properties": {
              "status": { "$ref": "#/components/schemas/InvoiceStatus" },
              "at": { "$ref": "#/components/schemas/Timestamp" },
              "by": { "type": "string", "enum": ["supplier", "buyer", "erp"] },
              "note": { "type": "string", "description": "The buyer's note or the rejection reason." },
              "payment": { "$ref": "#/components/schemas/InvoicePayment" }
            }
          },
          "InvoiceView": {
            "type": "object",
            "required": ["id", "number", "supplier", "status", "invoiceDate", "currency", "lines", "total", "purchaseOrders", "firstPassMatch", "reasons", "match", "receivedAt", "updatedAt"],
            "properties": {
              "id": { "type": "string" }, "number": { "type": "string" }, "supplier": { "type": "string" },
              "status": { "$ref": "#/components/schemas/InvoiceStatus" },
              "invoiceDate": { "$ref": "#/components/schemas/LocalDate" }, "currency": { "type": "string" },
              "lines": { "type": "array", "items": { "$ref": "#/components/schemas/InvoiceLine" } },
              "taxTotal": { "$ref": "#/components/schemas/Decimal" }, "total": { "$ref": "#/components/schemas/Decimal" },
              "paymentTerms": { "$ref": "#/components/schemas/PaymentTerms" }, "dueDate": { "$ref": "#/components/schemas/LocalDate" },
              "purchaseOrders": { "type": "array", "items": { "type": "string" } },
              "firstPassMatch": { "type": "boolean", "description": "Matched without a buyer." },
              "reasons": { "type": "array", "items": { "$ref": "#/components/schemas/Reason" }, "description": "Why it was held: `priceVariance`, `quantityVariance`, `notReceived`, `duplicate`." },
              "match": { "type": "array", "items": { "$ref": "#/components/schemas/InvoiceMatchLine" } },
              "payment": { "$ref": "#/components/schemas/InvoicePayment" },
              "rejection": { "type": "string", "description": "Why a buyer or the ERP refused it." },
              "history": { "type": "array", "items": { "$ref": "#/components/schemas/InvoiceStep" }, "description": "Left out in lists." },
              "receivedAt": { "$ref": "#/components/schemas/Timestamp" }, "updatedAt": { "$ref": "#/components/schemas/Timestamp" }
            }
          },
          "InvoicePage": {
            "type": "object", "required": ["items"],
            "properties": { "items": { "type": "array", "items": { "$ref": "#/components/schemas/InvoiceView" } }, "nextCursor": { "type": "string" } }
          },
          "InvoiceStatusUpdate": {
            "type": "object", "required": ["status"],
            "properties": {
              "status": { "type": "string", "enum": ["approved", "paid", "rejected"] },
              "paymentDate": { "$ref": "#/components/schemas/LocalDate" },
              "amount": { "$ref": "#/components/schemas/Decimal" },
              "reference": { "type": "string" },
              "reason": { "type": "string", "maxLength": 2000 }
            }
          },
          "Exception": {
            "properties": { "type": { "examples": ["invoiceVariance", "paymentDifference"] } }
          },
          "CloudEvent": {
            "properties": { "type": { "enum": ["com.supplyline.invoice.submitted", "com.supplyline.invoice.matched", "com.supplyline.invoice.held", "com.supplyline.invoice.rejected", "com.supplyline.invoice.status"] } }
          }
        }
      }
    }
    """#
}
