using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using VectorBacktest.Signals;
using VectorBacktest.Tests.Kernels;

namespace VectorBacktest.Tests.Signals;

public class SignalTests
{
    private static Arbitrary<(int Seed, double Density, int Bars)> Cases() =>
        (from seed in Gen.Choose(0, int.MaxValue - 1)
         from density in Gen.Elements(0.0, 0.001, 0.05, 0.5, 0.95, 1.0)
         from bars in Gen.Choose(1, 6)
         select (seed, density, bars)).ToArbitrary();

    [Property(MaxTest = 20)]
    public Property BoolCombinatorsEqualScalarForEveryLength() =>
        Prop.ForAll(Cases(), c =>
        {
            for (int n = 0; n <= TestSeries.MaxLength; n++)
            {
                var a = TestSeries.Bools(n, c.Seed, c.Density);
                var b = TestSeries.Bools(n, c.Seed + 1, 0.5);
                bool[] and = new bool[n], or = new bool[n], andNot = new bool[n], not = new bool[n], edge = new bool[n], held = new bool[n], first = new bool[n];
                int run = 0;
                bool armed = true;
                for (int i = 0; i < n; i++)
                {
                    and[i] = a[i] && b[i];
                    or[i] = a[i] || b[i];
                    andNot[i] = a[i] && !b[i];
                    not[i] = !a[i];
                    edge[i] = a[i] && (i == 0 || !a[i - 1]);
                    run = a[i] ? run + 1 : 0;
                    held[i] = run >= c.Bars;
                    if (b[i]) armed = true;
                    first[i] = armed && a[i];
                    if (first[i]) armed = false;
                }
                Assert.Equal(and, BoolSignals.And(a, b));
                Assert.Equal(or, BoolSignals.Or(a, b));
                Assert.Equal(not, BoolSignals.Not(a));
                var output = new bool[n];
                BoolSignals.AndNot(a, b, output);
                Assert.Equal(andNot, output);
                BoolSignals.RisingEdge(a, output);
                Assert.Equal(edge, output);
                BoolSignals.HeldFor(a, c.Bars, output);
                Assert.Equal(held, output);
                BoolSignals.FirstTrueSince(a, b, output);
                Assert.Equal(first, output);
                Assert.Equal(a.Count(v => v), BoolSignals.Count(a));
                for (int start = 0; start <= n; start++)
                    Assert.Equal(Array.IndexOf(a, true, start) is var k && k >= 0 ? k : -1, BoolSignals.IndexOfNextTrue(a, start));
            }
        });

    [Property(MaxTest = 20)]
    public Property BitColumnMatchesBoolColumnsForEveryLength() =>
        Prop.ForAll(Cases(), c =>
        {
            for (int n = 0; n <= TestSeries.MaxLength; n++)
            {
                var a = TestSeries.Bools(n, c.Seed, c.Density);
                var b = TestSeries.Bools(n, c.Seed + 1, 0.5);
                var ba = BitColumn.FromBools(a);
                var bb = BitColumn.FromBools(b);
                Assert.Equal(a, ba.ToBools());
                Assert.Equal(BoolSignals.And(a, b), (ba & bb).ToBools());
                Assert.Equal(BoolSignals.Or(a, b), (ba | bb).ToBools());
                Assert.Equal(BoolSignals.Not(a), (~ba).ToBools());
                var result = new BitColumn(n);
                var expected = new bool[n];
                BitColumn.AndNot(ba, bb, result);
                BoolSignals.AndNot(a, b, expected);
                Assert.Equal(expected, result.ToBools());
                BitColumn.RisingEdge(ba, result);
                BoolSignals.RisingEdge(a, expected);
                Assert.Equal(expected, result.ToBools());
                Assert.Equal(BoolSignals.Count(a), ba.Count());
                Assert.Equal(n - BoolSignals.Count(a), (~ba).Count());
                for (int start = 0; start <= n; start++)
                    Assert.Equal(BoolSignals.IndexOfNextTrue(a, start), ba.IndexOfNextTrue(start));
                for (int i = 0; i < n; i++) Assert.Equal(a[i], ba[i]);
            }
        });

    [Fact]
    public void HandExamples()
    {
        bool[] a = [true, true, false, true, true, true, false];
        var output = new bool[a.Length];
        BoolSignals.HeldFor(a, 2, output);
        Assert.Equal([false, true, false, false, true, true, false], output);
        BoolSignals.RisingEdge(a, output);
        Assert.Equal([true, false, false, true, false, false, false], output);
        bool[] reset = [false, false, false, false, true, false, false];
        BoolSignals.FirstTrueSince(a, reset, output);
        Assert.Equal([true, false, false, false, true, false, false], output);
        Assert.Equal(3, BoolSignals.IndexOfNextTrue(a, 2));
        Assert.Equal(-1, BoolSignals.IndexOfNextTrue(a, 6));
        Assert.Equal(-1, BoolSignals.IndexOfNextTrue(a, 7));

        var bits = new BitColumn(200) { [3] = true, [130] = true };
        Assert.Equal(3, bits.IndexOfNextTrue(0));
        Assert.Equal(130, bits.IndexOfNextTrue(4));
        Assert.Equal(-1, bits.IndexOfNextTrue(131));
        Assert.Equal(2, bits.Count());
        bits[3] = false;
        Assert.Equal(130, bits.IndexOfNextTrue(0));
    }

    [Fact]
    public void ArgumentsAreChecked()
    {
        Assert.Equal("start", Assert.Throws<ArgumentOutOfRangeException>(() => BoolSignals.IndexOfNextTrue(new bool[3], 4)).ParamName);
        Assert.Equal("start", Assert.Throws<ArgumentOutOfRangeException>(() => new BitColumn(3).IndexOfNextTrue(-1)).ParamName);
        Assert.Equal("index", Assert.Throws<ArgumentOutOfRangeException>(() => new BitColumn(3)[3]).ParamName);
        Assert.Equal("bars", Assert.Throws<ArgumentOutOfRangeException>(() => BoolSignals.HeldFor(new bool[3], 0, new bool[3])).ParamName);
        Assert.Throws<ArgumentException>(() => BoolSignals.And(new bool[3], new bool[4]));
        Assert.Throws<ArgumentException>(() => _ = new BitColumn(3) & new BitColumn(4));
    }
}
