import Flows
import Foundation
import HTTPServer
import Procurement
import Storage
import Telemetry

/// API v1: HTTP ↔ canonical commands. Handlers authenticate, decode, call a flow and render;
/// business rules live in the flows.
public final class API: Sendable {
    public let router = Router()
    let context: FlowContext
    let authenticator: Authenticator
    let suppliers: SupplierFlow
    let orders: PurchaseOrderFlow
    let acknowledgements: AcknowledgementFlow
    let reviews: ReviewFlow
    let deadLetters: DeadLetterFlow
    let clients: ClientAdministration
    /// The largest quality document accepted (see `HubConfiguration.maxDocumentBytes`).
    let maxDocumentBytes: Int

    public init(context: FlowContext, authenticator: Authenticator, maxDocumentBytes: Int = QualityDocumentFlow.defaultMaxBytes) {
        self.maxDocumentBytes = maxDocumentBytes
        self.context = context
        self.authenticator = authenticator
        suppliers = SupplierFlow(context: context)
        orders = PurchaseOrderFlow(context: context)
        acknowledgements = AcknowledgementFlow(context: context)
        reviews = ReviewFlow(context: context)
        deadLetters = DeadLetterFlow(context: context)
        clients = ClientAdministration(context: context)
        registerRoutes()
    }

    /// The entry point for the HTTP server.
    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        router.handle(request)
    }

    typealias AuthenticatedHandler = @Sendable (HTTPRequest, RequestContext) throws -> HTTPResponse

    /// Wraps a handler with authentication: the principal comes from the API key.
    func authenticated(_ handler: @escaping AuthenticatedHandler) -> HTTPHandler {
        { [authenticator] request in
            let principal: Principal
            do {
                principal = try authenticator.authenticate(authorization: request.headers["Authorization"])
            } catch let error as FlowError {
                var response = HTTPResponse.problem(error.problem)
                response.headers.set("WWW-Authenticate", "Bearer realm=\"supplyline\"")
                return response
            }
            return try handler(request, RequestContext(principal: principal, requestID: request.requestID))
        }
    }

    private func registerRoutes() {
        router.get("/v1/health") { _ in RequestSupport.json(200, ["status": "ok"]) }
        router.get("/v1/openapi.json") { _ in
            var response = HTTPResponse.json(200, Array(OpenAPIDocument.json.utf8))
            response.headers.set("Cache-Control", "no-cache")
            return response
        }
        router.get("/metrics") { [context] _ in
            .text(200, context.metrics.render(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
        registerSupplierRoutes()
        registerOrderRoutes()
        registerReviewRoutes()
        registerOperationsRoutes()
        registerEventRoutes()
        registerInterchangeRoutes()
        registerShippingRoutes()
        registerInvoiceRoutes()
        registerQualityRoutes()
        registerOrderChangeRoutes()
        registerBulkReleaseRoutes()
    }
}
