namespace VectorBacktest.Tests.Infrastructure;

/// <summary>Checks that a piece of work allocates nothing on the managed heap once warmed up.</summary>
public static class Allocations
{
    private const int Rounds = 6, WarmUps = 40;

    /// <summary>
    /// Runs <paramref name="run"/> often enough to pass the runtime's call-count threshold (buffers grown, statics initialised,
    /// methods eligible for optimized code), then measures one run; it passes when a measured run allocates nothing. Otherwise it
    /// waits and tries again: in a busy test process the runtime may keep running unoptimized tier-0 code, whose heap allocations
    /// (boxes, escaping temporaries) the optimizer removes, and only promotes it once the process has been quiet for a moment. An
    /// allocation the optimized work makes shows in every round.
    /// </summary>
    public static void AssertNone(Action run)
    {
        var seen = new long[Rounds];
        for (int round = 0; round < Rounds; round++)
        {
            for (int i = 0; i < WarmUps; i++) run();
            long before = GC.GetAllocatedBytesForCurrentThread();
            run();
            seen[round] = GC.GetAllocatedBytesForCurrentThread() - before;
            if (seen[round] == 0) return;
            Thread.Sleep(250);
        }
        Assert.Fail($"every measured run allocated: {string.Join(", ", seen)} bytes");
    }
}
