using VectorBacktest.Data;
using VectorBacktest.Data.Writers;

namespace VectorBacktest.Tests.Data.Io;

public class AtomicWriteTests
{
    [Fact]
    public void An_exception_mid_write_keeps_the_previous_file_and_leaves_no_temporary_file()
    {
        using var folder = new TempFolder();
        var path = folder.Write("bars.csv", "previous content");
        var boom = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[100_000]);
            throw new InvalidOperationException("disk on fire");
        }));
        Assert.Equal("disk on fire", boom.Message);
        Assert.Equal("previous content", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void A_failing_series_write_keeps_the_previous_file()
    {
        using var folder = new TempFolder();
        var path = folder.File("bars.csv");
        var good = RandomBars.Generate(3, 20);
        BarFile.Write(good, path);
        var before = File.ReadAllBytes(path);
        // Year 10000 cannot be written as ISO-8601: the writer throws after writing earlier rows.
        var late = BarSeries.FromArrays("X", Timeframe.M1, [0, 253_402_300_800_000L], [1, 1], [1, 1], [1, 1], [1, 1], [0, 0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => BarFile.Write(late, path));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void A_write_replaces_the_previous_file_whole_and_creates_missing_folders()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "nested", "bars.arrow");
        BarFile.Write(RandomBars.Generate(1, 500), path);
        var small = RandomBars.Generate(2, 3);
        BarFile.Write(small, path);
        RandomBars.AssertSameBars(small, BarFile.Read(path));
        Assert.Equal([path], Directory.GetFiles(Path.GetDirectoryName(path)!));
    }
}
