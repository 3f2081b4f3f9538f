import Foundation

/// Builds a CONTRL for each received EDIFACT interchange: UCI, then UCF per group, UCM per message, UCS/UCD per error.
extension FunctionalAcknowledgment {
    static func contrl(_ result: EdifactReadResult, options: AcknowledgmentOptions, numbers: ControlNumberSource) -> [UInt8] {
        var out: [UInt8] = []
        for (index, summary) in result.report.interchanges.enumerated() where index < result.interchanges.count {
            let received = result.interchanges[index]
            // Without both parties the CONTRL could not be addressed (and would itself be invalid).
            guard !received.sender.id.isEmpty, !received.recipient.id.isEmpty else { continue }
            let issues = result.report.errors.filter { $0.interchange == index + 1 }
            // Answer in the received syntax version when it is one we can write, else in version 3.
            let syntaxVersion = ["1", "2", "3", "4"].contains(received.syntaxVersion) ? received.syntaxVersion : "3"
            let syntax4 = syntaxVersion == "4"
            var body: [Segment] = []
            let interchangeIssue = issues.first { $0.level == .interchange || $0.level == .file }
            func party(_ party: EdifactParty) -> Element { Element(components: [party.id] + (party.qualifier.map { [$0] } ?? [])) }
            var uci: [Element] = [.init(summary.controlNumber), party(received.sender), party(received.recipient)]
            if let interchangeIssue {
                uci += ["4", .init(interchangeIssue.standardCode ?? "18"), .init(interchangeIssue.segment ?? "UNB"),
                        interchangeIssue.elementPosition.map { Element(String($0)) } ?? ""]
            } else {
                uci.append("7")
            }
            body.append(Segment("UCI", uci))
            if interchangeIssue == nil {
                for (groupIndex, group) in summary.groups.enumerated() {
                    let groupNumber = group.controlNumber == nil ? nil : groupIndex + 1 - (summary.groups.first?.controlNumber == nil ? 1 : 0)
                    let receivedGroup = groupNumber.flatMap { $0 - 1 < received.groups.count ? received.groups[$0 - 1] : nil }
                    let groupIssues = issues.filter { $0.group == groupNumber }
                    if groupNumber != nil, let receivedGroup {
                        let groupIssue = groupIssues.first { $0.level == .group }
                        var ucf: [Element] = [.init(receivedGroup.reference), party(receivedGroup.sender), party(receivedGroup.recipient),
                                              .init(groupIssue == nil ? "7" : "4")]
                        if let groupIssue { ucf += [.init(groupIssue.standardCode ?? "18"), .init(groupIssue.segment ?? "UNG")] }
                        body.append(Segment("UCF", ucf))
                    }
                    for (setIndex, set) in group.sets.enumerated() {
                        let setIssues = groupIssues.filter { $0.set == setIndex + 1 }
                        let parts = set.version?.split(separator: ":", omittingEmptySubsequences: false).map(String.init) ?? []
                        var ucm: [Element] = [.init(set.controlNumber), Element(components: [set.type] + parts),
                                              .init(set.verdict == .accepted ? "7" : "4")]
                        if let setIssue = setIssues.first(where: { $0.level == .set }) {
                            ucm += [.init(setIssue.standardCode ?? "18"), .init(setIssue.segment ?? "UNH"),
                                    setIssue.elementPosition.map { Element(String($0)) } ?? ""]
                        }
                        body.append(Segment("UCM", ucm))
                        for issue in setIssues where issue.level == .segment || issue.level == .element {
                            body.append(Segment("UCS", [.init(String(issue.segmentPosition ?? 0)),
                                                        issue.level == .segment ? .init(issue.standardCode ?? "18") : ""]))
                            if issue.level == .element {
                                var position = [String(issue.elementPosition ?? 0)]
                                if let component = issue.componentPosition { position.append(String(component)) }
                                body.append(Segment("UCD", [.init(issue.standardCode ?? "18"), Element(components: position)]))
                            }
                        }
                    }
                }
            }
            let message = EdifactMessage(type: "CONTRL", version: syntax4 ? "4" : "D", release: syntax4 ? "1" : "3", agency: "UN",
                                         segments: body)
            var interchange = EdifactInterchange(syntaxIdentifier: received.syntaxIdentifier.isEmpty ? "UNOC" : received.syntaxIdentifier,
                                                 syntaxVersion: syntaxVersion,
                                                 sender: received.recipient, recipient: received.sender,
                                                 date: syntax4 ? options.date : String(options.date.suffix(6)), time: options.time,
                                                 messages: [message])
            interchange = EdifactWriter.assigningControlNumbers(interchange, from: numbers)
            let writer = EdifactWriter(serviceStringAdvice: true, lineBreaks: options.lineBreaks)
            if let bytes = try? writer.write(interchange) { out += bytes }
        }
        return out
    }
}
