import Foundation
import Synchronization
import SQLite
import Telemetry

/// One writer connection on its own thread. Callers hand it work and block until the
/// transaction holding that work has committed (or failed). Work that queues up while a
/// commit is in flight is committed together: one fsync for the whole batch.
// @unchecked Sendable: `queue` and `stopping` are only touched under `condition`; the
// connection is only used on the writer thread.
final class GroupCommitWriter: @unchecked Sendable {
    /// One caller's work and its result. The caller blocks on `done` until the writer thread
    /// has run the work and committed, so the closure and result are never touched by two
    /// threads at once.
    final class Job: @unchecked Sendable {
        /// Cleared as soon as it has run: the caller's closure must not outlive the call.
        var work: ((Connection) -> Void)?
        var commitError: Error?
        let done = DispatchSemaphore(value: 0)
        init(work: @escaping (Connection) -> Void) { self.work = work }
    }

    private let connection: Connection
    private let maxBatch: Int
    private let condition = NSCondition()
    private var queue: [Job] = []
    private var stopping = false
    private var thread: Thread?
    private let finished = DispatchSemaphore(value: 0)
    private let batchSize: Histogram?
    private let commits: Counter?
    /// CPU time the writer thread has spent, in nanoseconds (work, commits and wake-ups).
    private let cpuNanoseconds = Atomic<Int>(0)

    /// CPU seconds the writer thread has used so far. Every write passes through this one
    /// thread, so its CPU per write bounds how many writes a second the store can take.
    var cpuSeconds: Double { Double(cpuNanoseconds.load(ordering: .relaxed)) / 1e9 }

    /// Called on the writer thread once a transaction has begun (and holds the write lock).
    private let afterBegin: (Connection) -> Void
    /// Called on the writer thread after a commit, before the writers in it are woken.
    private let afterCommit: () -> Void
    /// Called on the writer thread when a transaction did not commit, so state that mirrors
    /// what was written can be forgotten.
    private let afterRollback: () -> Void

    init(connection: Connection, maxBatch: Int, metrics: Metrics?,
         afterBegin: @escaping (Connection) -> Void = { _ in }, afterCommit: @escaping () -> Void = {},
         afterRollback: @escaping () -> Void = {}) {
        self.connection = connection
        self.maxBatch = maxBatch
        self.afterBegin = afterBegin
        self.afterCommit = afterCommit
        self.afterRollback = afterRollback
        self.batchSize = metrics?.histogram("supplyline_store_commit_batch_size", help: "Writes per group commit",
                                            buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256])
        self.commits = metrics?.counter("supplyline_store_commits_total", help: "Group commits of the store's writer")
        let thread = Thread { [unowned self] in self.run() }
        thread.name = "supplyline-store-writer"
        self.thread = thread
        thread.start()
    }

    /// Runs `work` in the next transaction; returns once it is committed.
    func perform<T>(_ work: (Connection) throws -> T) throws -> T {
        precondition(Thread.current.name != "supplyline-store-writer", "nested store writes would deadlock")
        return try withoutActuallyEscaping(work) { work in
            var result: Result<T, Error>?
            try withUnsafeMutablePointer(to: &result) { slot in
                // The pointer stays valid: this frame blocks on `job.done` until the writer
                // has finished with the job.
                let box = UnsafeSendable(slot)
                let job = Job { connection in box.value.pointee = Result { try work(connection) } }
                condition.lock()
                guard !stopping else {
                    condition.unlock()
                    throw SQLiteError(code: 21, message: "the store is closed")
                }
                queue.append(job)
                condition.signal()
                condition.unlock()
                job.done.wait()
                if let error = job.commitError { throw error }
            }
            return try result!.get()
        }
    }

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
        // Every request waits on this thread; when the process may, let it run ahead of the
        // HTTP workers (a lower nice value needs CAP_SYS_NICE; without it this does nothing).
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, -10)
        // No waiting for more writers: whatever queued while the last commit ran is the next
        // batch. Waiting (even half a millisecond) left this thread idle while the requests it
        // held back could not send more.
        while true {
            condition.lock()
            while queue.isEmpty && !stopping { condition.wait() }
            if queue.isEmpty && stopping {
                condition.unlock()
                finished.signal()
                return
            }
            let batch = Array(queue.prefix(maxBatch))
            queue.removeFirst(batch.count)
            condition.unlock()
            let started = Self.threadCPUNanoseconds()
            commit(batch)
            cpuNanoseconds.wrappingAdd(Self.threadCPUNanoseconds() - started, ordering: .relaxed)
        }
    }

    private func commit(_ batch: [Job]) {
        do {
            try connection.execute("BEGIN IMMEDIATE")
        } catch {
            afterRollback()
            for job in batch {
                job.work = nil
                job.commitError = error
                job.done.signal()
            }
            return
        }
        afterBegin(connection)
        var aborted: Error?
        for job in batch {
            if let aborted {
                // SQLite rolled the whole transaction back (disk full, I/O error): running more
                // work now would commit it outside the batch. Everyone in the batch fails.
                job.work = nil
                job.commitError = aborted
                continue
            }
            job.work?(connection)
            job.work = nil
            if !connection.isInTransaction {
                aborted = SQLiteError(code: 1, message: "the transaction was rolled back by SQLite; nothing in this batch was committed")
            }
        }
        if let aborted {
            afterRollback()
            for job in batch { job.commitError = aborted }
        } else {
            do {
                try connection.execute("COMMIT")
                afterCommit()
                commits?.increment()
                batchSize?.observe(Double(batch.count))
            } catch {
                if connection.isInTransaction { try? connection.execute("ROLLBACK") }
                afterRollback()
                for job in batch { job.commitError = error }
            }
        }
        for job in batch { job.done.signal() }
    }
}

extension GroupCommitWriter {
    static func threadCPUNanoseconds() -> Int {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return ts.tv_sec * 1_000_000_000 + ts.tv_nsec
    }
}

/// Carries a value across threads where the surrounding protocol guarantees exclusive access.
struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
