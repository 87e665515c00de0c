using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using VectorBacktest.Data.Readers;
using VectorBacktest.Data.Writers;

namespace VectorBacktest.Data.Cache;

/// <summary>
/// A folder of parsed and transformed series, stored as uncompressed Arrow IPC files (opened again by memory-mapping,
/// without parsing) and keyed by the SHA-256 of the source file's content and a transform key such as
/// <c>"read"</c> or <c>"resample:1h"</c>.
/// </summary>
/// <remarks>
/// <para><b>Invalidation.</b> An entry belongs to the content of its source, so a changed source never hits an old
/// entry; when a source is seen with new content, the entries of its previous content are deleted. The content hash
/// is remembered per source path together with the file's size and last-write time, and recomputed only when either
/// changes (a rewrite that keeps both, within one tick of the file system clock, goes unnoticed).</para>
/// <para><b>Safety.</b> Entries and stamps are written atomically (<see cref="AtomicFile"/>); an entry that cannot be
/// read is deleted and rebuilt. Several threads or processes may share a folder: the worst case is building the same
/// entry twice. The transform key must name everything the transform depends on (its parameters and version).</para>
/// </remarks>
public sealed class BarCache
{
    private const string EntryExtension = ".arrow";
    private const string StampExtension = ".stamp";
    private long _hits, _misses;

    /// <summary>Uses (and creates if needed) <paramref name="folder"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="folder"/> is null or empty.</exception>
    public BarCache(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        Folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(Folder);
    }

    /// <summary>The cache folder (absolute path).</summary>
    public string Folder { get; }

    /// <summary>Lookups answered from the cache since this instance was created.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Lookups that had to call the factory since this instance was created.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>
    /// The cached series for the current content of <paramref name="sourcePath"/> and <paramref name="transformKey"/>;
    /// on a miss, calls <paramref name="create"/> and stores its result before returning it.
    /// </summary>
    /// <param name="sourcePath">The file the series is derived from.</param>
    /// <param name="transformKey">Names what <paramref name="create"/> does to it, e.g. <c>"read"</c>, <c>"resample:1h"</c>.</param>
    /// <param name="create">Builds the series; an exception from it propagates and nothing is stored.</param>
    /// <exception cref="FileNotFoundException">The source does not exist.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="create"/> returned null.</exception>
    public BarSeries GetOrAdd(string sourcePath, string transformKey, Func<BarSeries> create)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourcePath);
        ArgumentNullException.ThrowIfNull(transformKey);
        ArgumentNullException.ThrowIfNull(create);
        var entry = Path.Combine(Folder, $"{ContentHash(sourcePath)}.{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(transformKey)))[..32]}{EntryExtension}");
        if (File.Exists(entry))
        {
            try
            {
                var cached = BarArrowReader.Read(entry);
                Interlocked.Increment(ref _hits);
                return cached;
            }
            catch (BarDataException)
            {
                File.Delete(entry);
            }
        }
        Interlocked.Increment(ref _misses);
        var series = create() ?? throw new InvalidOperationException($"The factory for '{transformKey}' of {sourcePath} returned null.");
        BarArrowWriter.Write(series, entry);
        return series;
    }

    /// <summary>
    /// The SHA-256 of the file's content as 64 lower-case hex digits, recomputed only when the file's size or
    /// last-write time changed since the last call with the same path.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public string ContentHash(string sourcePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourcePath);
        var full = Path.GetFullPath(sourcePath);
        var stampPath = Path.Combine(Folder, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(full)))[..32] + StampExtension);
        var before = Stat(full);
        var stamp = ReadStamp(stampPath);
        if (stamp is { } s && s.Length == before.Length && s.Ticks == before.Ticks) return s.Hash;

        string hash;
        using (var file = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
            hash = Hex(SHA256.HashData(file));
        // A file that changed while it was hashed gets no stamp, so the next call hashes it again.
        if (Stat(full) == before)
            AtomicFile.Write(stampPath, stream => stream.Write(Encoding.UTF8.GetBytes(
                string.Create(CultureInfo.InvariantCulture, $"{before.Length} {before.Ticks} {hash}"))));
        if (stamp is { } old && old.Hash != hash)
            foreach (var stale in Directory.EnumerateFiles(Folder, old.Hash + ".*" + EntryExtension))
                File.Delete(stale);
        return hash;
    }

    /// <summary>Deletes every entry and stamp in the folder.</summary>
    public void Clear()
    {
        foreach (var pattern in new[] { "*" + EntryExtension, "*" + StampExtension })
            foreach (var file in Directory.EnumerateFiles(Folder, pattern))
                File.Delete(file);
    }

    private static (long Length, long Ticks) Stat(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new FileNotFoundException($"The cache source '{path}' does not exist.", path);
        return (info.Length, info.LastWriteTimeUtc.Ticks);
    }

    private static (long Length, long Ticks, string Hash)? ReadStamp(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        var parts = text.Split(' ');
        return parts.Length == 3 && long.TryParse(parts[0], CultureInfo.InvariantCulture, out long length)
            && long.TryParse(parts[1], CultureInfo.InvariantCulture, out long ticks) && parts[2].Length == 64
            ? (length, ticks, parts[2])
            : null;
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
