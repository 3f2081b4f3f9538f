import Foundation
import Procurement
import Sodium
import Storage

/// Partner profiles: how each supplier exchanges documents. The ERP or an admin writes them;
/// a supplier may read its own. Secrets are stored hashed (the cXML shared secret) or kept
/// for sending only (the partner URL's bearer token) and never returned.
public struct PartnerProfileFlow: Sendable {
    let context: FlowContext

    public init(context: FlowContext) { self.context = context }

    /// Creates or replaces a profile. A secret left out keeps the one on file; an empty string removes it.
    /// Returns the profile as it may be shown, and whether it was new.
    public func save(_ incoming: PartnerProfile, supplier: String, by request: RequestContext) throws -> (profile: PartnerProfile, created: Bool) {
        try request.require(.erp, .admin, to: "maintain partner profiles")
        var profile = incoming
        if !profile.supplier.isEmpty, profile.supplier != supplier {
            throw FlowError(.mismatch, "The body's supplier \(profile.supplier) does not match the address (\(supplier)).")
        }
        profile.supplier = supplier
        try profile.validate()
        let now = context.clock.now()
        return try context.store.write { tx in
            guard try tx.supplier(id: supplier) != nil else {
                throw FlowError(.notFound, "There is no supplier \(supplier); create it with PUT /v1/suppliers/\(supplier) first.")
            }
            let existing = try tx.partnerProfile(supplier: supplier)
            if let folder = profile.transport?.dropFolder {
                let mine = Self.normalised(folder)
                for other in try tx.partnerProfiles() where other.profile.supplier != supplier {
                    guard let theirs = other.profile.transport?.dropFolder.map(Self.normalised) else { continue }
                    if mine == theirs || mine.hasPrefix(theirs + "/") || theirs.hasPrefix(mine + "/") {
                        throw ProcurementError(.invalidDocument,
                            "The drop folder \(folder) overlaps supplier \(other.profile.supplier)'s; every partner needs a folder of its own.",
                            fields: [.init(pointer: "/transport/dropFolder", detail: "overlaps another partner's drop folder")])
                    }
                }
            }
            var secretHash: [UInt8]? = profile.channel == .cxml ? existing?.sharedSecretHash : nil
            if let secret = profile.cxml?.sharedSecret {
                secretHash = secret.isEmpty ? nil : Self.hashSecret(secret)
            }
            // A token on file follows the profile only while the URL still points at the same
            // scheme, host and port: it must never be sent to a new host.
            var token: String? = Self.sameOrigin(profile.transport?.url, existing?.profile.transport?.url) ? existing?.bearerToken : nil
            if let given = profile.transport?.bearerToken {
                token = given.isEmpty ? nil : given
            }
            let stored = StoredPartnerProfile(profile: profile, sharedSecretHash: secretHash, bearerToken: token, updatedAt: now)
            try tx.savePartnerProfile(stored)
            let shown = Self.shown(stored)
            try tx.appendAudit(AuditEvent(actor: request.principal, action: existing == nil ? "partnerProfile.created" : "partnerProfile.updated",
                                          objectType: "supplier", objectID: supplier, detail: JSON.string(shown),
                                          requestID: request.requestID), now: now)
            return (shown, existing == nil)
        }
    }

    /// A supplier key sees only its own profile; another supplier's is "not found".
    public func profile(supplier: String, by request: RequestContext) throws -> PartnerProfile {
        if case .supplier(let own) = request.principal.scope, own != supplier {
            throw FlowError(.notFound, "There is no partner profile for supplier \(supplier).")
        }
        guard let stored = try context.store.read({ try $0.partnerProfile(supplier: supplier) }) else {
            throw FlowError(.notFound, "There is no partner profile for supplier \(supplier).")
        }
        return Self.shown(stored)
    }

    static func shown(_ stored: StoredPartnerProfile) -> PartnerProfile {
        var profile = stored.profile.redacted
        profile.cxml?.sharedSecretSet = stored.sharedSecretHash != nil
        profile.transport?.bearerTokenSet = stored.bearerToken != nil
        return profile
    }

    static func normalised(_ path: String) -> String {
        var p = URL(fileURLWithPath: path).standardizedFileURL.path
        while p.count > 1 && p.hasSuffix("/") { p.removeLast() }
        return p
    }

    static func sameOrigin(_ a: String?, _ b: String?) -> Bool {
        guard let a = a.flatMap(URL.init(string:)), let b = b.flatMap(URL.init(string:)) else { return false }
        return a.scheme?.lowercased() == b.scheme?.lowercased() && a.host?.lowercased() == b.host?.lowercased() && a.port == b.port
    }

    static func hashSecret(_ secret: String) -> [UInt8] { Sodium.hash(Array("cxml-shared-secret:\(secret)".utf8)) }
}
