import Foundation

/// Builds the 997 (with TA1 when asked) for each received X12 interchange.
extension FunctionalAcknowledgment {
    static func x12(_ result: X12ReadResult, options: AcknowledgmentOptions, numbers: ControlNumberSource) -> [UInt8] {
        var out: [UInt8] = []
        for (index, summary) in result.report.interchanges.enumerated() where index < result.interchanges.count {
            let received = result.interchanges[index]
            let issues = result.report.errors.filter { $0.interchange == index + 1 }
            let interchangeIssues = issues.filter { $0.level == .interchange }
            var header = X12InterchangeHeader(senderQualifier: received.header.receiverQualifier, senderId: received.header.receiverId,
                                              receiverQualifier: received.header.senderQualifier, receiverId: received.header.senderId,
                                              date: String(options.date.suffix(6)), time: options.time,
                                              version: received.header.version.utf8.count == 5
                                                  && received.header.version.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
                                                  ? received.header.version : "00401",
                                              usage: options.usage)
            header.controlNumber = X12Writer.pad(numbers.next(.interchange, sender: header.senderId, receiver: header.receiverId), 9)
            var interchange = X12Interchange(header: header, groups: [])
            for (groupIndex, group) in summary.groups.enumerated() {
                let receivedGroup = groupIndex < received.groups.count ? received.groups[groupIndex] : nil
                let set = X12TransactionSet(type: "997", controlNumber: X12Writer.pad(numbers.next(.set, sender: header.senderId, receiver: header.receiverId), 4),
                                            segments: ack997Body(group, groupNumber: groupIndex + 1, issues: issues))
                interchange.groups.append(X12FunctionalGroup(
                    functionalId: "FA", applicationSender: receivedGroup?.applicationReceiver ?? header.senderId,
                    applicationReceiver: receivedGroup?.applicationSender ?? header.receiverId, date: options.date, time: options.time,
                    controlNumber: String(numbers.next(.group, sender: header.senderId, receiver: header.receiverId)),
                    version: group.version?.isEmpty == false ? group.version! : "004010", sets: [set]))
            }
            let wantTA1 = options.interchangeAcknowledgment == .always
                || (options.interchangeAcknowledgment == .onError && !interchangeIssues.isEmpty)
            var delimiters = Delimiters.x12
            if !X12Version.allowsRepetition(header.version) { delimiters.repetition = nil }
            let writer = X12Writer(delimiters: delimiters, lineBreaks: options.lineBreaks)
            guard var bytes = try? writer.write(interchange) else { continue }
            if wantTA1 {
                let code = interchangeIssues.first?.standardCode ?? "000"
                let ta1 = Segment("TA1", [.init(summary.controlNumber), .init(received.header.date), .init(received.header.time),
                                          .init(interchangeIssues.isEmpty ? "A" : "R"), .init(code)])
                var segmentBytes: [UInt8] = []
                // The TA1 goes right after the ISA, before any group; a TA1 that cannot be written is left out whole.
                if (try? writer.append(ta1, to: &segmentBytes)) != nil {
                    let isaLength = 106 + (options.lineBreaks ? 1 : 0)
                    bytes.insert(contentsOf: segmentBytes, at: isaLength)
                }
            }
            out += bytes
        }
        return out
    }

    /// AK1 … AK9 for one received group.
    static func ack997Body(_ group: GroupSummary, groupNumber: Int, issues: [InterchangeIssue]) -> [Segment] {
        var segments: [Segment] = [Segment("AK1", [.init(group.functionalId ?? ""), .init(group.controlNumber ?? "")])]
        let groupIssues = issues.filter { $0.group == groupNumber }
        for (setIndex, set) in group.sets.enumerated() {
            let setIssues = groupIssues.filter { $0.set == setIndex + 1 }
            segments.append(Segment("AK2", [.init(set.type), .init(set.controlNumber)]))
            let segmentIssues = setIssues.filter { $0.level == .segment || $0.level == .element }
            var positions: [Int] = []
            for issue in segmentIssues where !positions.contains(issue.segmentPosition ?? 0) { positions.append(issue.segmentPosition ?? 0) }
            for position in positions {
                let atPosition = segmentIssues.filter { ($0.segmentPosition ?? 0) == position }
                let segmentLevel = atPosition.first { $0.level == .segment }
                segments.append(Segment("AK3", [.init(atPosition[0].segment ?? ""), .init(String(position)), "",
                                                .init(segmentLevel?.standardCode ?? "8")]))
                for issue in atPosition where issue.level == .element {
                    var position = Element(String(issue.elementPosition ?? 0))
                    if let component = issue.componentPosition {
                        position = Element(components: [String(issue.elementPosition ?? 0), String(component)])
                    }
                    segments.append(Segment("AK4", [position, "", .init(issue.standardCode ?? "1")]))
                }
            }
            var codes = setIssues.filter { $0.level == .set }.compactMap(\.standardCode)
            if !segmentIssues.isEmpty { codes.append("5") }
            var unique: [String] = []
            for code in codes where !unique.contains(code) { unique.append(code) }
            codes = Array(unique.prefix(5))
            segments.append(Segment("AK5", [.init(set.verdict == .accepted ? "A" : "R")] + codes.map { Element($0) }))
        }
        let accepted = group.sets.filter { $0.verdict == .accepted }.count
        let groupCodes = groupIssues.filter { $0.level == .group }.compactMap(\.standardCode).prefix(5)
        let status: String
        switch group.verdict {
        case .accepted: status = "A"
        case .acceptedWithErrors: status = "P"
        case .rejected: status = "R"
        }
        segments.append(Segment("AK9", [.init(status), .init(String(group.sets.count)), .init(String(group.sets.count)),
                                        .init(String(accepted))] + groupCodes.map { Element($0) }))
        return segments
    }
}
