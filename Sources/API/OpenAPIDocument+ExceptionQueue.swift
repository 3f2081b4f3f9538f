extension OpenAPIDocument {
    /// Assigning and commenting on exceptions.
    static let exceptionQueue = #"""
    {
      "paths": {
        "/v1/exceptions/{id}/assign": {
          "parameters": [
            { "name": "id", "in": "path", "required": true, "description": "Exception id (`exc_…`).", "schema": { "type": "string" } }
          ],
          "post": {
            "operationId": "assignException",
            "tags": ["Exceptions"],
            "summary": "Assign an exception to a buyer",
            "description": "Roles: buyer, admin. Sets the owner of an open exception to an active buyer or admin client, or clears it with `null`. Audited, and an `exception.assigned` event. Takes an optional `Idempotency-Key`: a retry with the same key and the same body assigns nothing again and answers the first answer again (the exception as that assignment left it) with `Idempotent-Replayed: true`.",
            "parameters": [{ "$ref": "#/components/parameters/DecisionIdempotencyKey" }, { "$ref": "#/components/parameters/RequestId" }],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": { "$ref": "#/components/schemas/Assignment" },
                  "examples": { "assign": { "value": { "owner": "cl_7Hq0PzR3" } }, "clear": { "value": { "owner": null } } }
                }
              }
            },
            "responses": {
              "200": { "description": "The exception, now assigned (or, with `Idempotent-Replayed: true`, the stored answer to the earlier request with this key).",
                       "headers": { "X-Request-Id": { "$ref": "#/components/headers/X-Request-Id" }, "Idempotent-Replayed": { "$ref": "#/components/headers/Idempotent-Replayed" } },
                       "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Exception" } } } },
              "400": { "$ref": "#/components/responses/BadRequest" },
              "401": { "$ref": "#/components/responses/Unauthenticated" },
              "403": { "$ref": "#/components/responses/Forbidden" },
              "404": { "$ref": "#/components/responses/NotFound" },
              "409": { "description": "`exception-not-open`: the exception is already resolved.", "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } } },
              "422": { "description": "`invalid-document`: the owner is not an active buyer or admin client. `idempotency-key-reused`: this client sent the key before with another request.", "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } } },
              "500": { "$ref": "#/components/responses/InternalError" }
            }
          }
        },
        "/v1/exceptions/{id}/comments": {
          "parameters": [
            { "name": "id", "in": "path", "required": true, "description": "Exception id (`exc_…`).", "schema": { "type": "string" } }
          ],
          "post": {
            "operationId": "commentOnException",
            "tags": ["Exceptions"],
            "summary": "Comment on an exception",
            "description": "Roles: buyer, admin. Adds a comment (1 to 2000 characters) to an open or resolved exception; audited. Answers the exception with all its comments. Takes an optional `Idempotency-Key`: a retry with the same key and the same body adds nothing and answers the first answer again (the comments as they were then) with `Idempotent-Replayed: true`.",
            "parameters": [{ "$ref": "#/components/parameters/DecisionIdempotencyKey" }, { "$ref": "#/components/parameters/RequestId" }],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": { "$ref": "#/components/schemas/NewComment" },
                  "examples": { "comment": { "value": { "text": "Asked the supplier for a partial shipment on the 12th." } } }
                }
              }
            },
            "responses": {
              "201": { "description": "The exception with its comments (or, with `Idempotent-Replayed: true`, the stored answer to the earlier request with this key).",
                       "headers": { "X-Request-Id": { "$ref": "#/components/headers/X-Request-Id" }, "Idempotent-Replayed": { "$ref": "#/components/headers/Idempotent-Replayed" } },
                       "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Exception" } } } },
              "400": { "$ref": "#/components/responses/BadRequest" },
              "401": { "$ref": "#/components/responses/Unauthenticated" },
              "403": { "$ref": "#/components/responses/Forbidden" },
              "404": { "$ref": "#/components/responses/NotFound" },
              "422": { "description": "`invalid-document`: the text is empty or longer than 2000 characters. `idempotency-key-reused`: this client sent the key before with another request.", "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } } },
              "500": { "$ref": "#/components/responses/InternalError" }
            }
          }
        }
      },
      "components": {
        "schemas": {
          "Assignment": {
            "type": "object",
            "required": ["owner"],
            "properties": { "owner": { "type": ["string", "null"], "description": "Client id of an active buyer or admin; null to clear." } }
          },
          "NewComment": {
            "type": "object",
            "required": ["text"],
            "properties": { "text": { "type": "string", "minLength": 1, "maxLength": 2000 } }
          },
          "ExceptionComment": {
            "type": "object",
            "required": ["author", "text", "at"],
            "properties": {
              "author": { "type": "string", "description": "Client id." },
              "text": { "type": "string" },
              "at": { "$ref": "#/components/schemas/Timestamp" }
            }
          },
          "CloudEvent": {
            "properties": { "type": { "enum": ["com.supplyline.exception.assigned", "com.supplyline.po.reviewed"] } }
          }
        }
      }
    }
    """#
}
