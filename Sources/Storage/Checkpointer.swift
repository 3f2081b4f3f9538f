import Foundation
import SQLite
import Synchronization
import Telemetry

/// Copies the write-ahead log into the database on a thread and a connection of its own, so
/// that the writer thread, which every request waits on, spends little time on it.
///
/// Left to itself, SQLite checkpoints on the committing connection once the log holds 1,000
/// frames: the writer then copied a few hundred pages and waited for the database's fsync,
/// some 2 ms every twenty-odd commits, about a tenth of its time. Here every commit that
/// leaves at least `backgroundFrames` in the log asks this thread for a checkpoint (asks
/// made while one runs come to one more run), and the writer goes on meanwhile. Such a
/// checkpoint runs beside the writer, so it never quite reaches the log's end, and SQLite
/// starts the log again from its beginning only when a write begins with every frame copied.
/// So once the log holds `restartFrames`, the writer checkpoints after a commit itself, as
/// soon as the background has copied all but the last `restartTail` frames (or at once when
/// the log reaches twice `restartFrames`): the following commit then writes from the log's
/// start, and the file stays at about that size.
final class Checkpointer: @unchecked Sendable {
    /// Log size, in frames, from which a commit asks for a checkpoint in the background.
    let backgroundFrames: Int
    /// Log size from which the writer checkpoints itself, so that the log starts over.
    let restartFrames: Int
    /// The most frames the writer copies itself: until the background has copied all but
    /// these, the writer asks it for another checkpoint instead.
    let restartTail: Int

    /// The log's size after the previous commit (writer thread only).
    private var lastFrames = 0
    /// Frames copied by the background's last checkpoint.
    private let copiedFrames = Atomic<Int>(0)
    private let connection: Connection
    private let condition = NSCondition()
    private var requested = false
    private var stopping = false
    private let finished = DispatchSemaphore(value: 0)
    /// Checkpoints run so far, in the background and by the writer, and those that failed.
    private let background: Counter
    private let byWriter: Counter
    private let failures: Counter

    /// Opens its own connection to the database at `path` with the writer's `synchronous`
    /// setting: a checkpoint syncs the log before it copies and the database after, as the
    /// setting asks, and the log must never start over ahead of a database that is not synced.
    init(path: String, synchronous: String, backgroundFrames: Int = 1_000, restartFrames: Int = 4_000,
         restartTail: Int = 400, metrics: Metrics?) throws {
        precondition(backgroundFrames > 0 && restartFrames > backgroundFrames && restartTail > 0)
        self.backgroundFrames = backgroundFrames
        self.restartFrames = restartFrames
        self.restartTail = restartTail
        connection = try Connection(path: path)
        try connection.execute("PRAGMA synchronous=\(synchronous)")
        // Without the hub's metrics the counters still count, for `counts`.
        let metrics = metrics ?? Metrics()
        background = metrics.counter("supplyline_store_checkpoints_total", help: "Checkpoints of the write-ahead log into the database",
                                      labels: ["by": "background"])
        byWriter = metrics.counter("supplyline_store_checkpoints_total", help: "Checkpoints of the write-ahead log into the database",
                                    labels: ["by": "writer"])
        failures = metrics.counter("supplyline_store_checkpoint_failures_total",
                                    help: "Checkpoints that failed (the log is copied again by the next one)")
        let thread = Thread { [unowned self] in self.run() }
        thread.name = "supplyline-store-checkpoint"
        thread.start()
    }

    /// Checkpoints so far, in the background and by the writer.
    var counts: (background: Int, writer: Int) {
        (background.value, byWriter.value)
    }

    /// Called on the writer thread after each commit, with the log's size in frames.
    func logCommitted(frames: Int, writer: Connection) {
        if frames < lastFrames {
            // The log started over.
            copiedFrames.store(0, ordering: .relaxed)
        }
        lastFrames = frames
        // Past twice the restart size the writer checkpoints whatever is left: the background
        // may not have had a core.
        let tail = frames - copiedFrames.load(ordering: .relaxed)
        if frames >= restartFrames && (tail <= restartTail || frames >= 2 * restartFrames) {
            // Nothing else writes while this runs, so it copies up to the log's end (unless a
            // reader still needs older pages, or the background is checkpointing just now:
            // then the next commit tries again).
            checkpoint(writer, counted: byWriter)
        } else if frames >= backgroundFrames {
            condition.lock()
            requested = true
            condition.signal()
            condition.unlock()
        }
    }

    /// A passive checkpoint on `connection`, remembering how far it copied; one that finds
    /// another under way does nothing.
    private func checkpoint(_ connection: Connection, counted counter: Counter) {
        do {
            if let progress = try connection.checkpointPassive() {
                copiedFrames.store(progress.copiedFrames, ordering: .relaxed)
                counter.increment()
            }
        } catch {
            failures.increment()
        }
    }

    /// Stops the thread once a checkpoint under way has finished. The thread holds the
    /// checkpointer until then, so its owner calls this.
    func stop() {
        condition.lock()
        if stopping {
            condition.unlock()
            return
        }
        stopping = true
        condition.signal()
        condition.unlock()
        finished.wait()
    }

    private func run() {
        while true {
            condition.lock()
            while !requested && !stopping { condition.wait() }
            if stopping {
                condition.unlock()
                finished.signal()
                return
            }
            requested = false
            condition.unlock()
            checkpoint(connection, counted: background)
        }
    }
}
