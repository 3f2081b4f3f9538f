import Foundation
import Procurement
import Testing

@Suite("Canonical model")
struct ModelTests {
    @Test(arguments: [("2027-01-15", true), ("2024-02-29", true), ("2027-02-29", false), ("2027-13-01", false),
                      ("2027-1-15", false), ("20270115", false), ("2027-01-15T00:00", false), ("", false)])
    func parsesDates(text: String, valid: Bool) {
        let date = LocalDate(iso: text)
        #expect((date != nil) == valid)
        if let date { #expect(date.iso == text) }
    }

    @Test func dateArithmetic() {
        let a = LocalDate(iso: "2026-12-30")!
        #expect(a.adding(days: 3).iso == "2027-01-02")
        #expect(a.days(to: LocalDate(iso: "2027-03-01")!) == 61)
        #expect(LocalDate(daysSinceEpoch: 0).iso == "1970-01-01")
    }

    @Test(arguments: [("12.50", true), ("0", true), ("-3.25", true), ("1e3", false), ("12.", false), (".5", false),
                      ("12,5", false), ("12.5x", false), (" 12", false), ("--1", false), ("", false)])
    func parsesDecimals(text: String, valid: Bool) {
        #expect((DecimalText.parse(text) != nil) == valid)
    }

    @Test func decimalsRoundTripThroughJSON() throws {
        let line = ScheduleLine(quantity: Decimal(string: "12.5")!, date: LocalDate(iso: "2027-01-15")!)
        let data = try JSONEncoder().encode(line)
        #expect(String(decoding: data, as: UTF8.self).contains(#""quantity":"12.5""#))
        #expect(try JSONDecoder().decode(ScheduleLine.self, from: data) == line)
    }

    @Test func aJSONNumberForAQuantityIsRefused() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ScheduleLine.self, from: Data(#"{"quantity":12.5,"date":"2027-01-15"}"#.utf8))
        }
    }

    @Test func orderValidationListsEveryField() {
        let bad = PurchaseOrder(number: "PO 1", revision: 0, supplier: "S-1", plant: "P01", currency: "usd", lines: [
            OrderLine(line: 1, item: "MAT-1", description: "", quantity: -1, unit: "EA", unitPrice: -2, needBy: LocalDate(iso: "2027-01-01")!,
                      schedule: [ScheduleLine(quantity: 3, date: LocalDate(iso: "2027-01-01")!)]),
        ])
        do {
            try bad.validate()
            Issue.record("expected a validation error")
        } catch let error as ProcurementError {
            #expect(error.code == .invalidDocument)
            let pointers = Set(error.fields.map(\.pointer))
            #expect(pointers.isSuperset(of: ["/number", "/revision", "/currency", "/lines/0/quantity", "/lines/0/unitPrice", "/lines/0/schedule"]))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func scheduleDefaultsToOneDeliveryOnTheNeedByDate() throws {
        let json = #"{"line":1,"item":"X","quantity":"5","unit":"EA","unitPrice":"1","needBy":"2027-01-15"}"#
        let line = try JSONDecoder().decode(OrderLine.self, from: Data(json.utf8))
        #expect(line.schedule == [ScheduleLine(quantity: 5, date: LocalDate(iso: "2027-01-15")!)])
        #expect(line.critical == false)
    }
}

@Suite("Deciding on releases and reviews")
struct ReleaseDeciderTests {
    let base = PurchaseOrder(number: "PO-1", revision: 2, supplier: "S-1", plant: "P01", currency: "USD", lines: [
        OrderLine(line: 1, item: "MAT-1", description: "", quantity: 10, unit: "EA", unitPrice: 1, needBy: LocalDate(iso: "2027-01-01")!),
    ])

    @Test func newOrderIsCreated() throws {
        #expect(try ReleaseDecider.decide(incoming: base, current: nil) == .created)
    }

    @Test func sameRevisionSameContentIsUnchanged() throws {
        #expect(try ReleaseDecider.decide(incoming: base, current: base) == .unchanged)
    }

    @Test func newerRevisionRevises() throws {
        var next = base
        next.revision = 3
        #expect(try ReleaseDecider.decide(incoming: next, current: base) == .revised(from: 2))
    }

    @Test func sameRevisionOtherContentConflicts() {
        var other = base
        other.lines[0].quantity = 11
        #expect { try ReleaseDecider.decide(incoming: other, current: base) } throws: { ($0 as? ProcurementError)?.code == .revisionConflict }
    }

    @Test func olderRevisionConflicts() {
        var older = base
        older.revision = 1
        #expect { try ReleaseDecider.decide(incoming: older, current: base) } throws: { ($0 as? ProcurementError)?.code == .revisionConflict }
    }

    @Test func supplierCannotChange() {
        var moved = base
        moved.revision = 3
        moved.supplier = "S-2"
        #expect { try ReleaseDecider.decide(incoming: moved, current: base) } throws: { ($0 as? ProcurementError)?.code == .supplierChanged }
    }

    @Test func reviewVerdicts() throws {
        #expect(try ReviewDecider.decide(verdict: .approved, exceptionIsOpen: true, exceptionRevision: 2, order: base, status: .inReview) == .confirmed)
        #expect(try ReviewDecider.decide(verdict: .rejected, exceptionIsOpen: true, exceptionRevision: 2, order: base, status: .inReview) == .awaitingAcknowledgement)
        #expect { try ReviewDecider.decide(verdict: .approved, exceptionIsOpen: false, exceptionRevision: 2, order: base, status: .inReview) }
            throws: { ($0 as? ProcurementError)?.code == .exceptionNotOpen }
        #expect { try ReviewDecider.decide(verdict: .approved, exceptionIsOpen: true, exceptionRevision: 1, order: base, status: .awaitingAcknowledgement) }
            throws: { ($0 as? ProcurementError)?.code == .exceptionNotOpen }
    }
}
