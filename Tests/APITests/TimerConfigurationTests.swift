import Flows
import Foundation
import Hub
import Testing

@Suite("Timer options")
struct TimerConfigurationTests {
    @Test func defaultsAreAMinuteFortyEightHoursAndTwoDays() throws {
        let config = try HubConfiguration.parse(arguments: [], environment: [:])
        #expect(config.timerIntervalSeconds == 60)
        #expect(config.timers == TimerPolicy(acknowledgementOverdueHours: 48, shipNoticeLateDays: 2))
    }

    @Test func flagsAndEnvironmentVariablesSetTheTimers() throws {
        let config = try HubConfiguration.parse(
            arguments: ["--acknowledgement-overdue-hours", "24", "--timer-interval-seconds=5"],
            environment: ["SUPPLYLINE_SHIP_NOTICE_LATE_DAYS": "3", "SUPPLYLINE_ACKNOWLEDGEMENT_OVERDUE_HOURS": "72",
                          "SUPPLYLINE_TIMER_INTERVAL_SECONDS": "30"])
        #expect(config.timerIntervalSeconds == 5)
        #expect(config.timers.acknowledgementOverdueHours == 24)
        #expect(config.timers.shipNoticeLateDays == 3)
    }

    @Test(arguments: [["--timer-interval-seconds", "0"], ["--acknowledgement-overdue-hours", "0"], ["--acknowledgement-overdue-hours", "1.5"],
                      ["--ship-notice-late-days", "-1"], ["--ship-notice-late-days", "366"]])
    func badTimerOptionsAreRefusedWithAReason(arguments: [String]) {
        #expect(throws: CommandLineError.self) { try HubConfiguration.parse(arguments: arguments, environment: [:]) }
    }

    @Test func theHubRunsTheSweepWithItsConfiguredPolicy() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("supplyline-timers-\(UUID().uuidString)")
        var configuration = HubConfiguration()
        configuration.databasePath = dir.appendingPathComponent("hub.db").path
        configuration.timers.acknowledgementOverdueHours = 12
        let hub = try Hub(configuration: configuration, logSink: .memory())
        defer { hub.stop() }
        #expect(hub.timers.name == "timers")
        #expect(hub.timers.sweep.policy.acknowledgementOverdueHours == 12)
        #expect(try hub.timers.sweep.sweep() == TimerSweep.Report())
    }
}
