import Foundation
import Interchange

/// Interchanges a supplier's system would send, built with the writers so envelopes are exact.
enum InterchangeFixtures {
    static let x12Profile = #"{"channel":"x12","version":"004010","ourId":"SUPPLYLINE","ourQualifier":"ZZ","partnerId":"ACME","partnerQualifier":"ZZ"}"#

    static func x12Profile(dropFolder: String) -> String {
        #"{"channel":"x12","version":"004010","ourId":"SUPPLYLINE","ourQualifier":"ZZ","partnerId":"ACME","partnerQualifier":"ZZ","transport":{"dropFolder":"\#(dropFolder)"}}"#
    }

    /// An 855 accepting every line of `order` (line 1, 100 EA at 2.50, due 2027-01-15), from `sender`.
    static func ack855(order: String = "PO-1001", sender: String = "ACME", control: Int = 17, revision: Int = 1,
                       line: Int = 1) -> String {
        let set = X12TransactionSet(type: "855", segments: [
            Segment("BAK", ["00", "AD", Element(order), "20270101"]),
            Segment("REF", ["PP", Element(String(revision))]),
            Segment("PO1", [Element(String(line)), "100", "EA", "2.50", "", "BP", "MAT-100"]),
            Segment("ACK", ["IA", "100", "EA", "068", "20270115"]),
        ])
        let interchange = X12Interchange(
            header: X12InterchangeHeader(senderId: sender, receiverId: "SUPPLYLINE", date: "270101", time: "0900"),
            groups: [X12FunctionalGroup(functionalId: "PR", applicationSender: sender, applicationReceiver: "SUPPLYLINE",
                                        date: "20270101", time: "0900", sets: [set])])
        let bytes = try! X12Writer().write(interchange, numbers: SequentialControlNumbers(interchange: control, group: control, set: 1))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// An 856 shipping 100 EA of line 1 of `order` from `sender`, in a pack labelled `sscc` (no pack level when nil).
    static func shipNotice856(order: String = "PO-1001", sender: String = "ACME", control: Int = 31,
                              sscc: String? = "006141411234567890") -> String {
        var segments = [
            Segment("BSN", ["00", "ASN-77", "20270110", "0800"]),
            Segment("HL", ["1", "", "S"]),
            Segment("TD5", ["", "2", "UPSN"]),
            Segment("DTM", ["011", "20270110"]),
            Segment("HL", ["2", "1", "O"]),
            Segment("PRF", [Element(order)]),
        ]
        if let sscc {
            segments += [Segment("HL", ["3", "2", "P"]), Segment("MAN", ["GM", Element(sscc)]), Segment("HL", ["4", "3", "I"])]
        } else {
            segments.append(Segment("HL", ["3", "2", "I"]))
        }
        segments += [
            Segment("LIN", ["1", "BP", "MAT-100"]),
            Segment("SN1", ["", "100", "EA"]),
            Segment("CTT", [Element(String(sscc == nil ? 3 : 4))]),
        ]
        let set = X12TransactionSet(type: "856", segments: segments)
        let interchange = X12Interchange(
            header: X12InterchangeHeader(senderId: sender, receiverId: "SUPPLYLINE", date: "270110", time: "0800"),
            groups: [X12FunctionalGroup(functionalId: "SH", applicationSender: sender, applicationReceiver: "SUPPLYLINE",
                                        date: "20270110", time: "0800", sets: [set])])
        let bytes = try! X12Writer().write(interchange, numbers: SequentialControlNumbers(interchange: control, group: control, set: 1))
        return String(decoding: bytes, as: UTF8.self)
    }

    static let edifactProfile = #"{"channel":"edifact","version":"D96A","ourId":"SUPPLYLINE","ourQualifier":"ZZ","partnerId":"ACME","partnerQualifier":"ZZ"}"#

    static func ordrsp(order: String = "PO-1001", control: String = "77") -> String {
        "UNB+UNOC:3+ACME:ZZ+SUPPLYLINE:ZZ+270101:0900+\(control)'UNH+1+ORDRSP:D:96A:UN'BGM+231+R-55+4'RFF+ON:\(order)'RFF+PP:1'"
            + "LIN+1+5+MAT-100:BP'UNS+S'UNT+7+1'UNZ+1+\(control)'"
    }

    static let cxmlProfile = #"{"channel":"cxml","version":"1.2.014","cxml":{"ourDomain":"NetworkID","ourIdentity":"BUYER-1","partnerDomain":"DUNS","partnerIdentity":"123456789","sharedSecret":"s3cret-value"}}"#

    /// An 855 answering the whole order with BAK02 `purpose` and no lines; REF*PP only when `revision` is given.
    static func wholeOrder855(purpose: String, order: String = "PO-1001", revision: Int? = nil, control: Int = 41) -> String {
        var segments = [Segment("BAK", ["00", Element(purpose), Element(order), "20270101"])]
        if let revision { segments.append(Segment("REF", ["PP", Element(String(revision))])) }
        let interchange = X12Interchange(
            header: X12InterchangeHeader(senderId: "ACME", receiverId: "SUPPLYLINE", date: "270101", time: "0900"),
            groups: [X12FunctionalGroup(functionalId: "PR", applicationSender: "ACME", applicationReceiver: "SUPPLYLINE",
                                        date: "20270101", time: "0900", sets: [X12TransactionSet(type: "855", segments: segments)])])
        let bytes = try! X12Writer().write(interchange, numbers: SequentialControlNumbers(interchange: control, group: control, set: 1))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// An ORDRSP rejecting the whole order (BGM 1225 27), without lines or FTX.
    static func rejectingOrdrsp(order: String = "PO-1001", control: String = "79") -> String {
        "UNB+UNOC:3+ACME:ZZ+SUPPLYLINE:ZZ+270101:0900+\(control)'UNH+1+ORDRSP:D:96A:UN'BGM+231+R-56+27'RFF+ON:\(order)'RFF+PP:1'"
            + "UNS+S'UNT+6+1'UNZ+1+\(control)'"
    }

    static func confirmation(order: String = "PO-1001", payloadID: String = "p-1@supplier", secret: String = "s3cret-value",
                             type: String = "accept", documentReference: String = "po-1@hub") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.014/Fulfill.dtd">
        <cXML payloadID="\(payloadID)" timestamp="2027-01-02T09:00:00+00:00">
          <Header>
            <From><Credential domain="DUNS"><Identity>123456789</Identity></Credential></From>
            <To><Credential domain="NetworkID"><Identity>BUYER-1</Identity></Credential></To>
            <Sender><Credential domain="DUNS"><Identity>123456789</Identity><SharedSecret>\(secret)</SharedSecret></Credential>
              <UserAgent>Supplier ERP</UserAgent></Sender>
          </Header>
          <Request deploymentMode="production">
            <ConfirmationRequest>
              <ConfirmationHeader type="\(type)" noticeDate="2027-01-02T09:00:00+00:00" confirmID="C-1"/>
              <OrderReference orderID="\(order)"><DocumentReference payloadID="\(documentReference)"/></OrderReference>
            </ConfirmationRequest>
          </Request>
        </cXML>
        """
    }
}
