import Connectors
import Foundation
import Sodium
import Storage
import Synchronization
import Telemetry

/// Delivers outbox messages: claims due jobs under a lease, routes each by kind (partner
/// documents to the transport in the supplier's partner profile, everything else to the ERP),
/// delivers it with its idempotency key, and records each outcome (delivered, retry later, dead
/// letter). Without an ERP connector only partner documents are claimed.
///
/// At-least-once: a crash between posting and recording means the message is posted again
/// (when the hub starts again: the store has one dispatcher, so the leases it finds at start
/// belong to a run that ended), and the ERP's deduplication on the idempotency key makes the
/// effect happen once.
public final class Dispatcher: Service, @unchecked Sendable {
    // @unchecked Sendable: `stopping` is only touched under `condition`; everything else is
    // immutable after init.
    public let name = "dispatcher"
    private let context: FlowContext
    private let connector: (any ERPConnector)?
    private let partners: PartnerDispatch
    private let policy: RetryPolicy
    private let concurrency: Int
    private let leaseSeconds: TimeInterval
    private let idleWait: TimeInterval
    private let condition = NSCondition()
    private var stopping = false
    private var wakeups = 0
    /// Set by a wake until the loop takes it: the requests of one group commit all wake the
    /// dispatcher, and the first one's signal serves them all.
    private let wakePending = Atomic<Bool>(false)
    private let logger: Logger

    public init(context: FlowContext, connector: (any ERPConnector)?, policy: RetryPolicy = .default,
                concurrency: Int = 8, leaseSeconds: TimeInterval = 30, idleWait: TimeInterval = 0.5) {
        self.context = context
        self.connector = connector
        self.partners = PartnerDispatch(store: context.store)
        self.policy = policy
        self.concurrency = max(1, concurrency)
        self.leaseSeconds = leaseSeconds
        self.idleWait = idleWait
        self.logger = context.logger.with(["service": "dispatcher"])
        context.store.onOutboxEnqueued { [weak self] kinds in
            // Without an ERP only partner documents are delivered; other kinds wait for one.
            guard let self, self.connector != nil || kinds.isEmpty || kinds.contains(PartnerDocuments.kind) else { return }
            self.wake()
        }
    }

    /// Wakes the loop early: new messages were committed.
    public func wake() {
        // Messages committed before this call are seen by the loop's next pass: either this
        // signal starts it, or a pending one has not been taken yet and the pass comes after.
        guard !wakePending.exchange(true, ordering: .acquiringAndReleasing) else { return }
        condition.lock()
        wakeups += 1
        condition.signal()
        condition.unlock()
    }

    public func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    /// Runs `concurrency` workers, each claiming one due message at a time, so a slow receiver
    /// holds up only the worker that is waiting on it.
    public func run() {
        logger.info("dispatcher started", ["concurrency": .int(concurrency), "maxAttempts": .int(policy.maxAttempts)])
        resumeInterruptedDeliveries()
        let workers = DispatchGroup()
        for n in 0..<concurrency {
            workers.enter()
            let thread = Thread { [self] in
                defer { workers.leave() }
                while !isStopping {
                    let delivered: Int
                    do {
                        delivered = try dispatch(limit: 1)
                    } catch {
                        logger.error("dispatcher cycle failed", ["error": .string(String(reflecting: error))])
                        delivered = 0
                    }
                    if delivered == 0 { waitForWork() }
                }
            }
            thread.name = "supplyline-dispatcher-\(n)"
            thread.start()
        }
        workers.wait()
        logger.info("dispatcher stopped")
    }

    /// Messages claimed by an earlier run that stopped (or crashed) mid-delivery keep their lease;
    /// without this they would wait for it to run out. Delivering them again is safe: receivers
    /// dedupe on the idempotency key.
    public func resumeInterruptedDeliveries() {
        do {
            let released = try context.store.write { try $0.releaseLeases() }
            if released > 0 { logger.info("resuming deliveries interrupted by the last stop", ["messages": .int(released)]) }
        } catch {
            logger.error("could not release the leases of the last run", ["error": .string(String(reflecting: error))])
        }
    }

    private var isStopping: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopping
    }

    private func waitForWork() {
        condition.lock()
        if wakeups == 0 && !stopping {
            _ = condition.wait(until: Date().addingTimeInterval(idleWait))
        }
        wakeups = 0
        wakePending.store(false, ordering: .releasing)
        condition.unlock()
    }

    /// Claims up to `concurrency` due messages, delivers them in parallel and records the
    /// outcomes; returns how many it handled.
    @discardableResult
    public func dispatchOnce() throws -> Int {
        try dispatch(limit: concurrency)
    }

    private func dispatch(limit: Int) throws -> Int {
        let now = context.clock.now()
        let kinds = connector == nil ? [PartnerDocuments.kind] : nil
        guard try context.store.read({ try $0.hasDueJobs(now: now, kinds: kinds) }) else { return 0 }
        let jobs = try context.store.write { tx in
            try tx.claimDueJobs(now: now, leaseUntil: now.addingTimeInterval(leaseSeconds), limit: limit, kinds: kinds)
        }
        guard !jobs.isEmpty else { return 0 }
        let results = UnsafeResults(count: jobs.count)
        if jobs.count == 1 {
            results.set(0, deliver(jobs[0]))
        } else {
            // One thread per delivery: they wait on the network, not the CPU, so they must not be
            // limited to one per core as concurrentPerform would.
            let deliveries = DispatchGroup()
            for (i, job) in jobs.enumerated() {
                deliveries.enter()
                Thread { [self] in
                    results.set(i, deliver(job))
                    deliveries.leave()
                }.start()
            }
            deliveries.wait()
        }
        let finished = context.clock.now()
        try context.store.write { tx in
            for (i, job) in jobs.enumerated() {
                let outcome = outcome(for: job, result: results.get(i), now: finished)
                try tx.recordDelivery(jobID: job.id, outcome: outcome, now: finished)
                try PartnerDocuments.recordOutcome(of: job, outcome, tx: tx, now: finished)
            }
        }
        return jobs.count
    }

    /// Routes one job by kind.
    func deliver(_ job: OutboxJob) -> DeliveryResult {
        if job.message.kind == PartnerDocuments.kind { return partners.deliver(job) }
        guard let connector else { return .retryable(reason: "no ERP is configured", after: nil) }
        return connector.post(ERPPosting(kind: job.message.kind, document: job.message.document, revision: job.message.revision,
                                         idempotencyKey: job.message.idempotencyKey, payload: job.message.payload))
    }

    func outcome(for job: OutboxJob, result: DeliveryResult, now: Date) -> DeliveryOutcome {
        let attempt = job.attempts + 1
        let fields: [String: LogValue] = ["job": .int(Int(job.id)), "kind": .string(job.message.kind),
                                          "document": .string(job.message.document), "attempt": .int(attempt)]
        switch result {
        case .delivered:
            context.metrics.counter("supplyline_outbox_delivered_total", help: "Outbox messages delivered").increment()
            return .delivered
        case .rejected(let reason):
            context.metrics.counter("supplyline_outbox_dead_letters_total", help: "Outbox messages given up on").increment()
            logger.error("posting refused for good; now a dead letter", fields.merging(["error": .string(reason)]) { $1 })
            return .dead(error: reason)
        case .retryable(let reason, let after):
            context.metrics.counter("supplyline_outbox_retries_total", help: "Failed delivery attempts that will be retried").increment()
            if policy.isExhausted(afterAttempt: attempt) {
                context.metrics.counter("supplyline_outbox_dead_letters_total", help: "Outbox messages given up on").increment()
                logger.error("retry budget spent; now a dead letter", fields.merging(["error": .string(reason)]) { $1 })
                return .dead(error: "gave up after \(attempt) attempts: \(reason)")
            }
            let random = Double(Sodium.randomUniform(1_000_001)) / 1_000_000
            let wait = policy.delay(afterAttempt: attempt, retryAfter: after, random: random)
            logger.warning("delivery failed; will retry", fields.merging(["error": .string(reason), "retryInSeconds": .double(wait)]) { $1 })
            return .retry(at: now.addingTimeInterval(wait), error: reason)
        }
    }
}

/// Per-index result slots written by delivery threads, each to its own index.
// @unchecked Sendable: every index is written by exactly one thread and read only after all
// have finished; the lock makes the writes visible.
private final class UnsafeResults: @unchecked Sendable {
    private var values: [DeliveryResult]
    private let lock = NSLock()
    init(count: Int) { values = Array(repeating: .retryable(reason: "not attempted", after: nil), count: count) }
    func set(_ i: Int, _ value: DeliveryResult) { lock.withLock { values[i] = value } }
    func get(_ i: Int) -> DeliveryResult { lock.withLock { values[i] } }
}
