/// Functional acknowledgments that also carry what the receiving application made of each set.
///
/// A 997 or CONTRL built by `acknowledge(_:options:numbers:)` reports syntax only. A hub that
/// maps and applies each transaction set learns more: this order is another supplier's, that
/// line does not exist. Those outcomes are issues like any other, located by interchange, group,
/// set and (when known) segment and element, so they compose with the syntax issues: the set is
/// rejected (AK5 `R`, UCM action 4), the segment and element named (AK3/AK4, UCS/UCD), and the
/// group and interchange verdicts follow (AK9 `P` when some sets pass).
public enum ApplicationAcknowledgment {
    /// The 997 for `result` with `issues` added to what the check found.
    public static func x12(_ result: X12ReadResult, adding issues: [InterchangeIssue], options: AcknowledgmentOptions,
                           numbers: ControlNumberSource) -> [UInt8] {
        var merged = result
        merged.report = merging(issues, into: result.report)
        return FunctionalAcknowledgment.x12(merged, options: options, numbers: numbers)
    }

    /// The CONTRL for `result` with `issues` added to what the check found.
    public static func contrl(_ result: EdifactReadResult, adding issues: [InterchangeIssue], options: AcknowledgmentOptions,
                              numbers: ControlNumberSource) -> [UInt8] {
        var merged = result
        merged.report = merging(issues, into: result.report)
        return FunctionalAcknowledgment.contrl(merged, options: options, numbers: numbers)
    }

    /// `report` with `issues` appended and the verdicts of the sets, groups and interchanges
    /// they name recomputed. An interchange-level issue rejects everything in its interchange.
    /// EDIFACT messages sent without UNG have a nil `group`.
    public static func merging(_ issues: [InterchangeIssue], into report: CheckReport) -> CheckReport {
        guard !issues.isEmpty else { return report }
        var copy = report
        copy.errors += issues
        for issue in issues {
            guard let interchange = issue.interchange, interchange >= 1, interchange <= copy.interchanges.count else { continue }
            var summary = copy.interchanges[interchange - 1]
            switch issue.level {
            case .file, .interchange:
                for g in summary.groups.indices {
                    for s in summary.groups[g].sets.indices { summary.groups[g].sets[s].verdict = .rejected }
                    summary.groups[g].verdict = .rejected
                }
                summary.verdict = .rejected
            case .group, .set, .segment, .element:
                guard let g = groupIndex(issue.group, in: summary, standard: report.standard) else { continue }
                if issue.level == .group {
                    for s in summary.groups[g].sets.indices { summary.groups[g].sets[s].verdict = .rejected }
                } else if let set = issue.set, set >= 1, set <= summary.groups[g].sets.count {
                    summary.groups[g].sets[set - 1].verdict = .rejected
                }
                summary.groups[g].verdict = Verdict.combining(summary.groups[g].sets.map(\.verdict))
                summary.verdict = Verdict.combining(summary.groups.map(\.verdict))
            }
            copy.interchanges[interchange - 1] = summary
        }
        copy.verdict = Verdict.combining(copy.interchanges.map(\.verdict))
        return copy
    }

    /// The index into `summary.groups` of the 1-based group number an issue carries.
    public static func groupIndex(_ group: Int?, in summary: InterchangeSummary, standard: Standard) -> Int? {
        let implicitFirst = summary.groups.first.map { $0.controlNumber == nil } ?? false
        let index: Int
        switch (standard, group) {
        case (.edifact, nil): guard implicitFirst else { return nil }; index = 0
        case (.edifact, let g?): index = implicitFirst ? g : g - 1
        case (_, let g?): index = g - 1
        case (_, nil): return nil
        }
        return index >= 0 && index < summary.groups.count ? index : nil
    }

    /// The 1-based position within its set of the first segment tagged `tag` (the ST/UNH
    /// header is 1), for locating an application issue.
    public static func position(of tag: String, in segments: [Segment], where matches: (Segment) -> Bool = { _ in true }) -> Int? {
        segments.firstIndex { $0.tag == tag && matches($0) }.map { $0 + 2 }
    }
}
