import Hub
import Testing

@Suite("supplyline bench mrp")
struct MRPBenchmarkTests {
    @Test("a small planning run: every revision is stored, visible to its supplier and has its event")
    func smallRun() throws {
        var options = MRPBenchmark.Options()
        options.orders = 50
        options.lines = 4
        options.batch = 20
        options.suppliers = 3
        options.durability = .normal
        let figures = try MRPBenchmark.measure(options)
        #expect(figures.refused == 0)
        #expect(figures.visible == 50)
        #expect(figures.events == 50)
        #expect(figures.scheduleLineChanges == 200)
        #expect(figures.requests == 3)
    }
}
