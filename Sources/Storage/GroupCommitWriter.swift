import Foundation
import Synchronization
import SQLite
import Telemetry

/// What the writer thread keeps in step with its transactions: state that mirrors what was
/// written must follow every begin, commit and rollback, including a rollback of part of one.
protocol WriterHooks: AnyObject {
    /// A transaction has begun and holds the write lock.
    func transactionBegan(_ connection: Connection)
    /// The transaction committed; called before the writes in it are answered.
    func transactionCommitted()
    /// The transaction did not commit.
    func transactionRolledBack()
    /// A point that `rewind(to:)` returns to when the writes after it are rolled back.
    func mark() -> Int
    /// The writes since `mark` were rolled back.
    func rewind(to mark: Int)
}

/// One writer connection on its own thread. Callers hand it work and block until the
/// transaction holding that work has committed (or failed). Work that queues up while a
/// commit is in flight is committed together: one fsync for the whole batch.
///
/// Each piece of work is all-or-nothing. Most run in a savepoint of their own. *Repeatable*
/// work (work with no effect beyond the database's rows and its result) runs first, ahead of
/// other work queued before it (the writes of one batch are concurrent requests, none answered
/// yet, so any order is theirs), with no savepoint: SQLite copies every page a savepoint
/// changes, and a savepoint per write copied the same pages again for every write. If
/// repeatable work throws after it has changed something, the transaction is rolled back and
/// begun again, and the repeatable work runs again, each piece in a savepoint of its own.
// @unchecked Sendable: `queue` and `stopping` are only touched under `condition`; the
// connection and the hooks are only used on the writer thread.
final class GroupCommitWriter: @unchecked Sendable {
    /// One caller's work and its result. The caller blocks on its batch's `completion` until
    /// the writer thread has run the work and committed, so the closure and result are never
    /// touched by two threads at once.
    final class Job: @unchecked Sendable {
        /// Runs the caller's work and records its result; false when the work threw. Cleared
        /// before the caller is woken: the caller's closure must not outlive the call.
        var work: ((Connection) -> Bool)?
        let repeatable: Bool
        var commitError: Error?
        /// The batch this job is answered with; set when it is queued.
        var completion: Completion?
        init(repeatable: Bool, work: @escaping (Connection) -> Bool) {
            self.repeatable = repeatable
            self.work = work
        }
    }

    /// The writes of one batch wait on one group and are woken together, with one system call,
    /// when the batch is done: woken one by one, each woken request could take the writer's
    /// core before the writer had woken the rest. A batch holds at most `maxBatch` writes.
    // @unchecked Sendable: `count` is only touched under the writer's `condition`.
    final class Completion: @unchecked Sendable {
        let group = DispatchGroup()
        /// Writes that joined.
        var count = 0
        init() { group.enter() }
    }

    private let connection: Connection
    private let maxBatch: Int
    /// The batch that writes queued now join (under `condition`).
    private var joining = Completion()
    private let condition = NSCondition()
    private var queue: [Job] = []
    private var stopping = false
    private var thread: Thread?
    private let finished = DispatchSemaphore(value: 0)
    private let batchSize: Histogram?
    private let commits: Counter?
    private let reruns: Counter?
    /// CPU time the writer thread has spent, in nanoseconds (work, commits and wake-ups).
    private let cpuNanoseconds = Atomic<Int>(0)
    private let hooks: (any WriterHooks)?
    /// The writer thread, so a write from inside a write is caught (asking Foundation for the
    /// thread's name costs a system call).
    private let writerThread = Atomic<pthread_t>(0)

    /// Time the writer thread has spent in COMMIT (writing the WAL, waiting for its fsync,
    /// checkpoints), and waiting for work, in nanoseconds of wall time.
    private let commitNanoseconds = Atomic<Int>(0)
    private let idleNanoseconds = Atomic<Int>(0)
    /// When the writer's current wait for work began (uptime nanoseconds), or 0 while it works.
    private let idleSince = Atomic<UInt64>(0)

    /// CPU seconds the writer thread has used so far. Every write passes through this one
    /// thread, so its CPU per write bounds how many writes a second the store can take.
    var cpuSeconds: Double { Double(cpuNanoseconds.load(ordering: .relaxed)) / 1e9 }
    /// Wall seconds the writer thread has spent in COMMIT so far.
    var commitSeconds: Double { Double(commitNanoseconds.load(ordering: .relaxed)) / 1e9 }
    /// Wall seconds the writer thread has spent with nothing to do so far, the wait it may be
    /// in now included.
    var idleSeconds: Double {
        let since = idleSince.load(ordering: .acquiring)
        let ongoing = since == 0 ? 0 : DispatchTime.now().uptimeNanoseconds &- since
        return Double(idleNanoseconds.load(ordering: .acquiring) + Int(truncatingIfNeeded: ongoing)) / 1e9
    }

    init(connection: Connection, maxBatch: Int, metrics: Metrics?, hooks: (any WriterHooks)? = nil) {
        self.connection = connection
        self.maxBatch = maxBatch
        self.hooks = hooks
        self.batchSize = metrics?.histogram("supplyline_store_commit_batch_size", help: "Writes per group commit",
                                            buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256])
        self.commits = metrics?.counter("supplyline_store_commits_total", help: "Group commits of the store's writer")
        self.reruns = metrics?.counter("supplyline_store_batch_reruns_total",
                                       help: "Group commits whose repeatable writes ran again one by one after one failed part-way")
        let thread = Thread { [unowned self] in self.run() }
        thread.name = "supplyline-store-writer"
        self.thread = thread
        thread.start()
    }

    /// Runs `work` in the next transaction; returns once it is committed. `repeatable` work
    /// may be run more than once before that, so it must have no effect beyond the
    /// connection's database and its result.
    func perform<T>(repeatable: Bool = false, _ work: (Connection) throws -> T) throws -> T {
        precondition(pthread_equal(pthread_self(), writerThread.load(ordering: .relaxed)) == 0, "nested store writes would deadlock")
        return try withoutActuallyEscaping(work) { work in
            var result: Result<T, Error>?
            try withUnsafeMutablePointer(to: &result) { slot in
                // The pointer stays valid: this frame blocks on the job's completion until the
                // writer has finished with the job.
                let box = UnsafeSendable(slot)
                let job = Job(repeatable: repeatable) { connection in
                    let outcome = Result { try work(connection) }
                    box.value.pointee = outcome
                    if case .success = outcome { return true }
                    return false
                }
                condition.lock()
                guard !stopping else {
                    condition.unlock()
                    throw SQLiteError(code: 21, message: "the store is closed")
                }
                if joining.count == maxBatch { joining = Completion() }
                joining.count += 1
                job.completion = joining
                queue.append(job)
                condition.signal()
                condition.unlock()
                job.completion!.group.wait()
                if let error = job.commitError { throw error }
            }
            return try result!.get()
        }
    }

    /// Writes waiting for the next transaction.
    var queued: Int {
        condition.lock()
        defer { condition.unlock() }
        return queue.count
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
        writerThread.store(pthread_self(), ordering: .relaxed)
        // Every request waits on this thread; when the process may, let it run ahead of the
        // HTTP workers (a lower nice value needs CAP_SYS_NICE; without it this does nothing).
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, -10)
        // No waiting for more writers: whatever queued while the last commit ran is the next
        // batch. Waiting (even half a millisecond) left this thread idle while the requests it
        // held back could not send more.
        while true {
            condition.lock()
            if queue.isEmpty && !stopping {
                let waiting = DispatchTime.now().uptimeNanoseconds
                idleSince.store(waiting, ordering: .releasing)
                while queue.isEmpty && !stopping { condition.wait() }
                idleSince.store(0, ordering: .releasing)
                idleNanoseconds.wrappingAdd(Int(DispatchTime.now().uptimeNanoseconds - waiting), ordering: .releasing)
            }
            if queue.isEmpty && stopping {
                condition.unlock()
                finished.signal()
                return
            }
            // The oldest batch, whole: every write in it waits on the same completion.
            let head = queue[0].completion
            let batch = Array(queue.prefix { $0.completion === head })
            queue.removeFirst(batch.count)
            if head === joining { joining = Completion() }
            condition.unlock()
            let started = Self.threadCPUNanoseconds()
            commit(batch)
            cpuNanoseconds.wrappingAdd(Self.threadCPUNanoseconds() - started, ordering: .relaxed)
        }
    }

    /// SQLite rolled the whole transaction back (disk full, I/O error).
    private static let abortedError = SQLiteError(code: 1, message: "the transaction was rolled back by SQLite; nothing in this batch was committed")

    private func commit(_ batch: [Job]) {
        defer {
            for job in batch { job.work = nil }
            batch.first?.completion?.group.leave()
        }
        guard begin(batch) else { return }
        // The repeatable work first, straight in the transaction; then the rest, each in a
        // savepoint. The writes of one batch are concurrent requests, none answered yet, so
        // any order is theirs.
        let repeatable = batch.filter(\.repeatable)
        var finished: Bool
        switch runTogether(repeatable) {
        case .finished: finished = true
        case .aborted: finished = false
        case .changedThenFailed:
            // Nothing but the repeatable work is in the transaction: roll it all back and run
            // that work again, each piece alone.
            try? connection.execute("ROLLBACK")
            hooks?.transactionRolledBack()
            reruns?.increment()
            guard begin(batch) else { return }
            finished = runEachAlone(repeatable)
        }
        if finished {
            finished = runEachAlone(batch.filter { !$0.repeatable })
        }
        guard finished else {
            // SQLite rolled the whole transaction back (disk full, I/O error). Running more
            // work now would commit it outside the batch: everyone in it fails.
            hooks?.transactionRolledBack()
            for job in batch { job.commitError = Self.abortedError }
            return
        }
        do {
            try commitTransaction()
            hooks?.transactionCommitted()
            commits?.increment()
            batchSize?.observe(Double(batch.count))
        } catch {
            if connection.isInTransaction { try? connection.execute("ROLLBACK") }
            hooks?.transactionRolledBack()
            for job in batch { job.commitError = error }
        }
    }

    /// COMMIT, its wall time counted in `commitSeconds`.
    private func commitTransaction() throws {
        let started = DispatchTime.now().uptimeNanoseconds
        defer { commitNanoseconds.wrappingAdd(Int(DispatchTime.now().uptimeNanoseconds - started), ordering: .relaxed) }
        try connection.execute("COMMIT")
    }

    /// Begins the batch's transaction; when it cannot, every job in the batch fails.
    private func begin(_ batch: [Job]) -> Bool {
        do {
            try connection.execute("BEGIN IMMEDIATE")
        } catch {
            hooks?.transactionRolledBack()
            for job in batch { job.commitError = error }
            return false
        }
        hooks?.transactionBegan(connection)
        return true
    }

    /// Runs one job in a savepoint of its own: released if the work succeeds, rolled back to
    /// if it throws. False when the whole transaction is gone.
    private func runAlone(_ job: Job) -> Bool {
        // Outside a transaction, SAVEPOINT would begin one and RELEASE commit it.
        guard connection.isInTransaction else { return false }
        let mark = hooks?.mark() ?? 0
        do {
            try connection.run("SAVEPOINT job")
        } catch {
            job.commitError = error
            return connection.isInTransaction
        }
        var succeeded = job.work?(connection) ?? false
        if succeeded {
            do {
                try connection.run("RELEASE job")
            } catch {
                job.commitError = error
                succeeded = false
            }
        }
        if !succeeded {
            _ = try? connection.run("ROLLBACK TO job")
            _ = try? connection.run("RELEASE job")
            hooks?.rewind(to: mark)
        }
        return connection.isInTransaction
    }

    enum TogetherOutcome {
        case finished
        /// One job threw after it had changed something: the transaction must be rolled back.
        case changedThenFailed
        /// SQLite rolled the whole transaction back.
        case aborted
    }

    /// Runs repeatable jobs one after another with no savepoint of their own. Work that throws
    /// before it has changed anything has nothing to undo; work that throws after it has
    /// stops the run, and the caller rolls back.
    private func runTogether(_ jobs: [Job]) -> TogetherOutcome {
        for job in jobs {
            let before = connection.totalChanges
            let mark = hooks?.mark() ?? 0
            let succeeded = job.work?(connection) ?? true
            // Checked after every job, whether or not it threw: work that swallowed the error
            // of a statement after which SQLite rolled the whole transaction back must not
            // let the next job's statements commit one by one.
            guard connection.isInTransaction else { return .aborted }
            if succeeded { continue }
            guard connection.totalChanges == before else { return .changedThenFailed }
            hooks?.rewind(to: mark)
        }
        return .finished
    }

    private func runEachAlone(_ jobs: [Job]) -> Bool {
        for job in jobs where !runAlone(job) { return false }
        return true
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
