import Foundation
import Procurement

/// cXML InvoiceDetailRequest in to an `Invoice`.
public enum CXMLInvoice {
    /// Reads an InvoiceDetailRequest. The header gives invoiceID, invoiceDate, purpose (`creditMemo`
    /// and `lineLevelCreditMemo` are credit notes), PaymentTerm payInNumberOfDays and the `from` or
    /// `remitTo` InvoicePartner Contact's addressID as supplier. Each InvoiceDetailOrder's
    /// OrderReference (or OrderIDInfo) names the order of its InvoiceDetailItems: invoiceLineNumber,
    /// quantity, UnitOfMeasure, UnitPrice, InvoiceDetailItemReference lineNumber (the order line) and
    /// ItemID, SubtotalAmount (the line amount). InvoiceDetailSummary gives the tax (Tax/Money) and
    /// the total (DueAmount, else NetAmount, else GrossAmount), which must be the line amounts plus tax.
    public static func invoice(_ request: CXMLElement) throws(MapError) -> Invoice {
        guard request.name == "InvoiceDetailRequest" else {
            throw MapError(code: "unsupportedRequest", segment: "Request", message: "<\(request.name)> is not an InvoiceDetailRequest.")
        }
        guard let header = request.child("InvoiceDetailRequestHeader") else {
            throw CXMLRead.missing("InvoiceDetailRequest/InvoiceDetailRequestHeader")
        }
        let at = "InvoiceDetailRequestHeader"
        let number = try CXMLRead.required(header, "invoiceID", at: at)
        let date = try CXMLRead.date(try CXMLRead.required(header, "invoiceDate", at: at), at: "\(at)/@invoiceDate")
        let kind: InvoiceKind = ["creditMemo", "lineLevelCreditMemo"].contains(header["purpose"] ?? "") ? .creditNote : .invoice
        var terms: PaymentTerms?
        if let term = header.child("PaymentTerm"), let text = term["payInNumberOfDays"] {
            guard let days = Int(text), days >= 0 else {
                throw MapError(code: "badNumber", segment: "PaymentTerm", element: "@payInNumberOfDays",
                               message: "PaymentTerm/@payInNumberOfDays \"\(text)\" is not a number of days.")
            }
            terms = PaymentTerms(text: nil, netDays: days)
        }
        let contacts = header.children("InvoicePartner").compactMap { $0.child("Contact") }
        let supplier = ["from", "remitTo"].lazy.compactMap { role in contacts.first { $0["role"] == role }?["addressID"] }.first

        guard let summary = request.child("InvoiceDetailSummary") else { throw CXMLRead.missing("InvoiceDetailRequest/InvoiceDetailSummary") }
        var currency = summary.descendant("SubtotalAmount/Money")?["currency"]
        var lines: [InvoiceLine] = []
        let orders = request.children("InvoiceDetailOrder")
        guard !orders.isEmpty else { throw CXMLRead.missing("InvoiceDetailRequest/InvoiceDetailOrder") }
        for order in orders {
            let orderID = order.descendant("InvoiceDetailOrderInfo/OrderReference")?["orderID"]
                ?? order.descendant("InvoiceDetailOrderInfo/OrderIDInfo")?["orderID"]
            guard let orderID else { throw CXMLRead.missing("InvoiceDetailOrder/InvoiceDetailOrderInfo/OrderReference") }
            for item in order.children("InvoiceDetailItem") {
                let path = "InvoiceDetailItem"
                let lineText = try CXMLRead.required(item, "invoiceLineNumber", at: path)
                guard let line = Int(lineText), line >= 1 else {
                    throw MapError(code: "badNumber", segment: path, element: "@invoiceLineNumber", message: "\(path)/@invoiceLineNumber \"\(lineText)\" is not a line number.")
                }
                let quantity = try CXMLRead.decimal(try CXMLRead.required(item, "quantity", at: path), at: "\(path)/@quantity", positive: true)
                guard let unit = item.text(at: "UnitOfMeasure") else { throw CXMLRead.missing("\(path)/UnitOfMeasure") }
                guard let priceMoney = item.descendant("UnitPrice/Money") else { throw CXMLRead.missing("\(path)/UnitPrice/Money") }
                let price = try CXMLRead.decimal(priceMoney.text, at: "\(path)/UnitPrice/Money")
                if currency == nil { currency = priceMoney["currency"] }
                guard let reference = item.child("InvoiceDetailItemReference") else { throw CXMLRead.missing("\(path)/InvoiceDetailItemReference") }
                let poLineText = try CXMLRead.required(reference, "lineNumber", at: "InvoiceDetailItemReference")
                guard let poLine = Int(poLineText), poLine >= 1 else {
                    throw MapError(code: "badNumber", segment: "InvoiceDetailItemReference", element: "@lineNumber",
                                   message: "InvoiceDetailItemReference/@lineNumber \"\(poLineText)\" is not a line number.")
                }
                let part = reference.text(at: "ItemID/BuyerPartID") ?? reference.text(at: "ItemID/SupplierPartID")
                var amount: Decimal?
                if let money = item.descendant("SubtotalAmount/Money") {
                    amount = try CXMLRead.decimal(money.text, at: "\(path)/SubtotalAmount/Money")
                    if Money.cents(amount!) != Money.cents(quantity * price) {
                        throw MapError(code: "amountsDoNotAddUp", segment: "\(path)/SubtotalAmount", element: "Money",
                                       message: "Line \(line) amount \(DecimalText.format(amount!)) is not quantity × price, \(DecimalText.format(Money.cents(quantity * price))).")
                    }
                }
                lines.append(InvoiceLine(line: line, purchaseOrder: orderID, poLine: poLine, item: part, quantity: quantity, unit: unit,
                                         unitPrice: price, amount: amount))
            }
        }
        guard !lines.isEmpty else { throw CXMLRead.missing("InvoiceDetailOrder/InvoiceDetailItem") }
        var tax: Decimal?
        if let money = summary.descendant("Tax/Money") { tax = try CXMLRead.decimal(money.text, at: "InvoiceDetailSummary/Tax/Money") }
        let totalName = ["DueAmount", "NetAmount", "GrossAmount"].first { summary.descendant("\($0)/Money") != nil }
        guard let totalName, let totalMoney = summary.descendant("\(totalName)/Money") else {
            throw CXMLRead.missing("InvoiceDetailSummary/NetAmount")
        }
        let total = try CXMLRead.decimal(totalMoney.text, at: "InvoiceDetailSummary/\(totalName)/Money")
        let subtotal = lines.reduce(Decimal(0)) { $0 + $1.amount }
        if Money.cents(subtotal + (tax ?? 0)) != Money.cents(total) {
            throw MapError(code: "amountsDoNotAddUp", segment: "InvoiceDetailSummary/\(totalName)", element: "Money",
                           message: "\(totalName) \(DecimalText.format(total)) is not the line amounts plus tax, \(DecimalText.format(Money.cents(subtotal + (tax ?? 0)))).")
        }
        guard let currency else { throw CXMLRead.missing("InvoiceDetailSummary/SubtotalAmount/Money/@currency") }
        let invoice = Invoice(number: number, kind: kind, supplier: supplier, invoiceDate: date, currency: currency, lines: lines,
                              taxTotal: tax, total: total, paymentTerms: terms)
        return try MapFields.validated(invoice) { try $0.validate() }
    }
}
