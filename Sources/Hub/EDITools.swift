import Foundation
import Interchange
import Procurement

/// `supplyline edi …`: partner onboarding tools over the Interchange target.
public enum EDITools {
    /// The JSON verdict for a file, and whether it was accepted (with or without errors).
    public static func check(fileAt url: URL) throws -> (json: String, accepted: Bool) {
        let report = try checkInterchange(fileAt: url)
        return (encode(report), report.verdict != .rejected)
    }

    /// The 997 (X12) or CONTRL (EDIFACT) answering a file.
    public static func acknowledgement(fileAt url: URL, now: Date = Date()) throws -> String {
        let bytes = [UInt8](try Data(contentsOf: url))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: now)
        func pad(_ n: Int?, _ w: Int) -> String {
            let s = String(n ?? 0)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        let options = AcknowledgmentOptions(date: pad(c.year, 4) + pad(c.month, 2) + pad(c.day, 2),
                                            time: pad(c.hour, 2) + pad(c.minute, 2))
        return String(decoding: acknowledge(bytes, options: options, numbers: SequentialControlNumbers()), as: UTF8.self)
    }

    /// Every document in a file as JSON, with its canonical value where a map applies: ship
    /// notices (856, DESADV) and invoices (810, INVOIC) always, order responses (855, 865,
    /// ORDRSP) when the order they answer is given. Every document's segments come too.
    public static func toJSON(fileAt url: URL, answering order: PurchaseOrder?) throws -> (json: String, accepted: Bool) {
        let bytes = [UInt8](try Data(contentsOf: url))
        var documents: [Document] = []
        let report: CheckReport
        switch checkInterchange(Array(bytes.prefix(64))).standard {
        case .edifact:
            let result = EdifactReader.read(bytes)
            report = result.report
            for interchange in result.interchanges {
                for message in interchange.messages + interchange.groups.flatMap(\.messages) {
                    var document = Document(type: message.type, controlNumber: message.reference, segments: message.segments)
                    switch message.type {
                    case "ORDRSP": if let order { document.fill { .orderResponse(try EdifactOrderMaps.orderResponse(message, answering: order)) } }
                    case "DESADV": document.fill { .shipNotice(try EdifactShipNoticeMap.shipNotice(message)) }
                    case "INVOIC": document.fill { .invoice(try EdifactInvoiceMap.invoice(message)) }
                    default: break
                    }
                    documents.append(document)
                }
            }
        default:
            let result = X12Reader.read(bytes)
            report = result.report
            for interchange in result.interchanges {
                for set in interchange.groups.flatMap(\.sets) {
                    var document = Document(type: set.type, controlNumber: set.controlNumber, segments: set.segments)
                    switch set.type {
                    case "855", "865": if let order { document.fill { .orderResponse(try X12OrderMaps.orderResponse(set, answering: order)) } }
                    case "856": document.fill { .shipNotice(try X12ShipNoticeMap.shipNotice(set)) }
                    case "810": document.fill { .invoice(try X12InvoiceMap.invoice(set)) }
                    default: break
                    }
                    documents.append(document)
                }
            }
        }
        return (encode(Output(verdict: report.verdict.rawValue, standard: report.standard.rawValue, documents: documents,
                              errors: report.errors)), report.verdict != .rejected)
    }

    struct Output: Encodable {
        let verdict: String
        let standard: String
        let documents: [Document]
        let errors: [InterchangeIssue]
    }

    struct Document: Encodable {
        let type: String
        let controlNumber: String
        var orderResponse: OrderResponse?
        var shipNotice: ShipNotice?
        var invoice: Invoice?
        var mapError: String?
        let segments: [Segment]

        init(type: String, controlNumber: String, segments: [Segment]) {
            self.type = type
            self.controlNumber = controlNumber
            self.segments = segments
        }

        enum Canonical {
            case orderResponse(OrderResponse)
            case shipNotice(ShipNotice)
            case invoice(Invoice)
        }

        mutating func fill(_ map: () throws -> Canonical) {
            do {
                switch try map() {
                case .orderResponse(let value): orderResponse = value
                case .shipNotice(let value): shipNotice = value
                case .invoice(let value): invoice = value
                }
            } catch {
                mapError = String(describing: error)
            }
        }
    }

    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? "{}"
    }
}
