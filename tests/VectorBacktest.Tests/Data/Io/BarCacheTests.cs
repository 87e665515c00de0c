using VectorBacktest.Data;
using VectorBacktest.Data.Cache;

namespace VectorBacktest.Tests.Data.Io;

public class BarCacheTests
{
    [Fact]
    public void Hits_after_the_first_miss_and_rebuilds_when_the_source_changes()
    {
        using var folder = new TempFolder();
        var source = folder.File("src.csv");
        BarFile.Write(RandomBars.Generate(1, 50), source);
        var cache = new BarCache(Path.Combine(folder.Path, "cache"));
        int built = 0;
        BarSeries Build() { built++; return BarFile.Read(source).Slice(0, 10); }

        var first = cache.GetOrAdd(source, "first10", Build);
        var second = cache.GetOrAdd(source, "first10", Build);
        Assert.Equal(1, built);
        Assert.Equal((1L, 1L), (cache.Hits, cache.Misses));
        RandomBars.AssertSameBars(first, second);
        Assert.Equal(first.Symbol, second.Symbol);
        Assert.Equal(first.Timeframe, second.Timeframe);

        cache.GetOrAdd(source, "first5", () => { built++; return BarFile.Read(source).Slice(0, 5); });
        Assert.Equal(2, built);

        var changed = RandomBars.Generate(2, 50);
        BarFile.Write(changed, source);
        var third = cache.GetOrAdd(source, "first10", Build);
        Assert.Equal(3, built);
        RandomBars.AssertSameBars(BarFile.Read(source).Slice(0, 10), third);
        // The entries of the old content are gone: one entry and one stamp remain.
        Assert.Equal(2, Directory.GetFiles(cache.Folder).Length);
        second.Dispose();
    }

    [Fact]
    public void The_content_hash_is_sha256_and_survives_a_new_cache_instance()
    {
        using var folder = new TempFolder();
        var source = folder.Write("a.csv", "hello");
        var hash = new BarCache(folder.File("c")).ContentHash(source);
        Assert.Equal("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", hash);
        var again = new BarCache(folder.File("c"));
        int built = 0;
        again.GetOrAdd(source, "k", () => { built++; return RandomBars.Generate(1, 2); });
        new BarCache(folder.File("c")).GetOrAdd(source, "k", () => { built++; return RandomBars.Generate(1, 2); });
        Assert.Equal(1, built);
    }

    [Fact]
    public void A_corrupt_entry_is_rebuilt_and_a_failing_factory_stores_nothing()
    {
        using var folder = new TempFolder();
        var source = folder.Write("a.csv", "x");
        var cache = new BarCache(folder.File("c"));
        cache.GetOrAdd(source, "k", () => RandomBars.Generate(1, 20));
        foreach (var entry in Directory.GetFiles(cache.Folder, "*.arrow")) File.WriteAllText(entry, "garbage");
        var rebuilt = cache.GetOrAdd(source, "k", () => RandomBars.Generate(1, 20));
        Assert.Equal(20, rebuilt.Length);
        Assert.Equal(2, cache.Misses);

        Assert.Throws<InvalidOperationException>(() => cache.GetOrAdd(source, "other", () => throw new InvalidOperationException("no")));
        Assert.Single(Directory.GetFiles(cache.Folder, "*.arrow"));
        cache.Clear();
        Assert.Empty(Directory.GetFiles(cache.Folder));
    }
}
