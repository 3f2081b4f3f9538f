import Foundation
import Testing

@Suite("API: authentication, roles and supplier isolation")
struct AccessAPITests {
    @Test func missingOrInvalidKeysAre401() throws {
        let t = try TestHub()
        for key in [nil, "nope", "sl.0000.abc", String(t.supplierKey.dropLast()) + "x"] {
            let reply = t.call("GET", "/v1/purchase-orders", key: key)
            #expect(reply.status == 401)
            #expect(reply.problemType == "urn:supplyline:problem:unauthenticated")
            #expect(reply.headers["WWW-Authenticate"] != nil)
        }
        let basic = t.call("GET", "/v1/purchase-orders", key: nil, headers: [("Authorization", "Basic Zm9vOmJhcg==")])
        #expect(basic.status == 401)
    }

    /// The scheme is read in any case, and blanks around the key are ignored; anything else in
    /// the header is a 401 that says what the header must look like.
    @Test func theAuthorizationHeaderIsBearerAndTheKeyInAnyCase() throws {
        let t = try TestHub()
        for header in ["Bearer \(t.supplierKey)", "bearer \(t.supplierKey)", "BEARER \(t.supplierKey)", "Bearer   \(t.supplierKey)  "] {
            #expect(t.call("GET", "/v1/purchase-orders", key: nil, headers: [("Authorization", header)]).status == 200)
        }
        for header in ["Bearer", "Bearer ", "Bearer    ", "Bearerx \(t.supplierKey)", "Token \(t.supplierKey)", "Béarer \(t.supplierKey)"] {
            let reply = t.call("GET", "/v1/purchase-orders", key: nil, headers: [("Authorization", header)])
            #expect(reply.status == 401)
            #expect(reply.problemType == "urn:supplyline:problem:unauthenticated")
            #expect((reply.json["detail"] as? String)?.contains("Bearer <key>") == true, "\(header)")
        }
    }

    @Test func wrongRolesAre403() throws {
        let t = try TestHub()
        t.seed()
        #expect(t.call("PUT", "/v1/purchase-orders/PO-9", key: t.supplierKey, body: TestHub.orderJSON("PO-9")).status == 403)
        #expect(t.call("PUT", "/v1/purchase-orders/PO-9", key: t.buyerKey, body: TestHub.orderJSON("PO-9")).status == 403)
        #expect(t.call("PUT", "/v1/suppliers/S-100", key: t.supplierKey, body: TestHub.supplierJSON).status == 403)
        #expect(t.call("PUT", "/v1/suppliers/S-100", key: t.adminKey, body: TestHub.supplierJSON).status == 200)
        #expect(t.acknowledge(body: #"{"revision":1,"lines":[{"line":1,"status":"accepted"}]}"#, as: t.erpKey).status == 403)
        #expect(t.call("GET", "/v1/dead-letters", key: t.buyerKey).status == 403)
        #expect(t.call("GET", "/v1/exceptions", key: t.supplierKey).status == 403)
    }

    @Test func anotherSuppliersOrderIsNotFoundWithNoData() throws {
        let t = try TestHub()
        t.seed()
        let get = t.call("GET", "/v1/purchase-orders/PO-1001", key: t.otherSupplierKey)
        #expect(get.status == 404)
        #expect(!get.text.contains("S-100"))
        #expect(!get.text.contains("MAT-100"))
        #expect(t.call("GET", "/v1/purchase-orders/PO-1001/revisions/1", key: t.otherSupplierKey).status == 404)
        #expect(t.call("GET", "/v1/purchase-orders/PO-1001/acknowledgements", key: t.otherSupplierKey).status == 404)
        let ack = t.acknowledge(body: #"{"revision":1,"lines":[{"line":1,"status":"accepted"}]}"#, as: t.otherSupplierKey)
        #expect(ack.status == 404)
        #expect(t.call("GET", "/v1/purchase-orders", key: t.otherSupplierKey).json["items"] as? [Any] != nil)
        #expect((t.call("GET", "/v1/purchase-orders", key: t.otherSupplierKey).json["items"] as? [Any])?.isEmpty == true)
        #expect((t.call("GET", "/v1/purchase-orders", key: t.supplierKey).json["items"] as? [Any])?.count == 1)
        #expect(t.call("GET", "/v1/suppliers/S-100", key: t.otherSupplierKey).status == 404)
        // A supplier's own acknowledgement is visible to it, not to others.
        let mine = t.acknowledge(body: #"{"revision":1,"lines":[{"line":1,"status":"accepted"}]}"#)
        let id = mine.json["id"] as? String ?? ""
        #expect(t.call("GET", "/v1/acknowledgements/\(id)", key: t.supplierKey).status == 200)
        #expect(t.call("GET", "/v1/acknowledgements/\(id)", key: t.otherSupplierKey).status == 404)
    }

    @Test func revokedKeysStopWorking() throws {
        let t = try TestHub()
        let created = t.call("POST", "/v1/clients", key: t.adminKey, body: #"{"name":"Temp","role":"buyer"}"#)
        #expect(created.status == 201)
        let key = created.json["key"] as? String ?? ""
        let id = created.json["id"] as? String ?? ""
        #expect(key.hasPrefix("sl.\(id)."))
        #expect(!t.call("GET", "/v1/clients", key: t.adminKey).text.contains(key))
        #expect(t.call("DELETE", "/v1/clients/\(id)", key: t.adminKey).status == 204)
        // The authenticator cached nothing for this key yet, so revocation is immediate.
        #expect(t.call("GET", "/v1/purchase-orders", key: key).status == 401)
    }
}
