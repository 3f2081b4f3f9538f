import Foundation
import HTTPServer
import Telemetry

/// What a seeding run released.
public struct SeedResult: Sendable, Codable, Equatable {
    public struct Released: Sendable, Codable, Equatable {
        public var number: String
        public var revision: Int
        public var supplier: String
        public var lines: Int
    }

    public struct Failure: Sendable, Codable, Equatable {
        public var document: String
        public var hubStatus: Int?
        public var detail: String
    }

    public var suppliers: [String]
    public var purchaseOrders: [Released]
    public var failures: [Failure]
}

extension ReferenceERP {
    // MARK: releasing

    /// Releases the current revision of an order to the hub and records it as released.
    func release(_ order: PurchaseOrder, retryUntil deadline: ContinuousClock.Instant? = nil) throws(ReleaseFailure) {
        try retrying(until: deadline) { () throws(ReleaseFailure) in try hub.release(order) }
        try? database.markReleased(order.number, revision: order.revision ?? 1)
        logger.info("released purchase order", ["document": .string(order.number), "revision": .int(order.revision ?? 1)])
    }

    private func retrying(until deadline: ContinuousClock.Instant?, _ body: () throws(ReleaseFailure) -> Void) throws(ReleaseFailure) {
        while true {
            do {
                try body()
                return
            } catch {
                guard error.isTransient, let deadline, ContinuousClock.now < deadline else { throw error }
                logger.debug("hub not ready, retrying", ["detail": .string(error.description)])
                Thread.sleep(forTimeInterval: 0.5)
            }
        }
    }

    /// Creates the sample suppliers and orders (keeping any that exist) and releases them all.
    /// Transient hub failures are retried until `retryFor` has passed.
    public func seed(suppliers supplierCount: Int, orders orderCount: Int, retryFor: Duration = .zero) -> SeedResult {
        let deadline = retryFor > .zero ? ContinuousClock.now + retryFor : nil
        var result = SeedResult(suppliers: [], purchaseOrders: [], failures: [])
        let suppliers = SampleData.suppliers(count: supplierCount)
        for supplier in suppliers {
            do {
                try database.saveSupplier(supplier)
                try retrying(until: deadline) { () throws(ReleaseFailure) in try hub.release(supplier) }
                result.suppliers.append(supplier.id)
            } catch let failure as ReleaseFailure {
                result.failures.append(.init(document: supplier.id, hubStatus: failure.hubStatus, detail: failure.detail))
            } catch {
                result.failures.append(.init(document: supplier.id, hubStatus: nil, detail: "\(error)"))
            }
        }
        for sample in SampleData.orders(count: orderCount, suppliers: suppliers) {
            do {
                _ = try database.insertOrder(sample)
                let order = try database.order(sample.number)?.order ?? sample
                try release(order, retryUntil: deadline)
                result.purchaseOrders.append(.init(number: order.number, revision: order.revision ?? 1,
                                                   supplier: order.supplier, lines: order.lines.count))
            } catch let failure as ReleaseFailure {
                result.failures.append(.init(document: sample.number, hubStatus: failure.hubStatus, detail: failure.detail))
            } catch {
                result.failures.append(.init(document: sample.number, hubStatus: nil, detail: "\(error)"))
            }
        }
        logger.info("seeded", ["suppliers": .int(result.suppliers.count), "orders": .int(result.purchaseOrders.count),
                               "failures": .int(result.failures.count)])
        return result
    }

    // MARK: handlers

    static func orderJSON(_ stored: ERPDatabase.StoredOrder) throws -> JSONValue {
        var value = try jsonValue(stored.order)
        if case .object(var members) = value {
            members["releasedRevision"] = stored.releasedRevision.map { .int($0) } ?? .null
            members["supplierStatus"] = stored.supplierStatus.map { .string($0) } ?? .null
            value = .object(members)
        }
        return value
    }

    func listOrders() throws -> HTTPResponse {
        try Self.json(.object(["purchaseOrders": .array(database.orders().map(Self.orderJSON))]))
    }

    func showOrder(_ request: HTTPRequest) throws -> HTTPResponse {
        let number = request.pathParameters["number"] ?? ""
        guard let stored = try database.order(number) else {
            throw Problem.notFound("There is no purchase order \(number).")
        }
        return try Self.json(Self.orderJSON(stored))
    }

    static func validationProblem(_ errors: [JSONValue]) -> Problem {
        Problem(status: 400, slug: "validation-failed", title: "Validation Failed",
                detail: "\(errors.count) field(s) are invalid.", extensions: ["errors": .array(errors)])
    }

    func createOrder(_ request: HTTPRequest) throws -> HTTPResponse {
        var order = try Self.decode(PurchaseOrder.self, from: request, what: "purchase order")
        order.revision = 1
        let errors = order.validationErrors()
        guard errors.isEmpty else { throw Self.validationProblem(errors) }
        guard try database.insertOrder(order) else {
            throw Problem(status: 409, slug: "order-exists", title: "Order Exists",
                          detail: "Purchase order \(order.number) already exists; revise it instead.")
        }
        try releaseOrProblem(order)
        return try Self.json(Self.orderJSON(database.order(order.number)!), status: 201)
    }

    struct RevisionRequest: Decodable {
        var lines: [PurchaseOrderLine]?
    }

    func reviseOrder(_ request: HTTPRequest) throws -> HTTPResponse {
        let number = request.pathParameters["number"] ?? ""
        let isEmpty = request.body.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        let change = isEmpty ? RevisionRequest(lines: nil) : try Self.decode(RevisionRequest.self, from: request, what: "revision")
        let revised = try database.reviseOrder(number) { current in
            var next = change.lines.map { lines in
                var copy = current
                copy.lines = lines
                return copy
            } ?? current.shifted(days: 7)
            next.revision = nil
            let errors = next.validationErrors()
            guard errors.isEmpty else { throw Self.validationProblem(errors) }
            return next
        }
        guard let revised else { throw Problem.notFound("There is no purchase order \(number).") }
        try releaseOrProblem(revised)
        return try Self.json(Self.orderJSON(database.order(number)!))
    }

    func rereleaseOrder(_ request: HTTPRequest) throws -> HTTPResponse {
        let number = request.pathParameters["number"] ?? ""
        guard let stored = try database.order(number) else {
            throw Problem.notFound("There is no purchase order \(number).")
        }
        try releaseOrProblem(stored.order)
        return try Self.json(Self.orderJSON(database.order(number)!))
    }

    private func releaseOrProblem(_ order: PurchaseOrder) throws {
        do {
            try release(order)
        } catch {
            logger.warning("release failed", ["document": .string(order.number), "detail": .string(error.description)])
            throw error.problem
        }
    }

    struct SeedRequest: Decodable {
        var suppliers: Int?
        var orders: Int?
    }

    func seedRequest(_ request: HTTPRequest) throws -> HTTPResponse {
        let isEmpty = request.body.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        let wanted = isEmpty ? SeedRequest() : try Self.decode(SeedRequest.self, from: request, what: "seed request")
        let suppliers = wanted.suppliers ?? 3
        let orders = wanted.orders ?? 20
        guard (1...100).contains(suppliers), (0...10_000).contains(orders) else {
            throw Problem.badRequest("suppliers must be 1-100 and orders 0-10000.")
        }
        let result = seed(suppliers: suppliers, orders: orders)
        guard result.failures.isEmpty else {
            throw Problem(status: 502, slug: "hub-release-failed", title: "Release To Hub Failed",
                          detail: "\(result.failures.count) release(s) failed.",
                          extensions: ["released": try Self.jsonValue(result)])
        }
        return .json(200, try JSONCoding.encode(result))
    }
}
