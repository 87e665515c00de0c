using System.Buffers;
using System.IO.MemoryMappedFiles;

namespace VectorBacktest.Data.Readers;

/// <summary>
/// A read-only file mapped into memory and exposed as <see cref="Memory{T}"/>, so that Arrow buffers can point into it
/// without copying. The file handle is closed at once (the mapping does not need it); the mapping itself is released
/// only by <see cref="IDisposable.Dispose"/>: it has no finalizer, because a span into it may outlive every reference
/// to this object, and unmapping under such a span would crash the process.
/// </summary>
internal sealed unsafe class MappedFileMemory : MemoryManager<byte>
{
    private MemoryMappedViewAccessor? _view;
    private byte* _pointer;
    private readonly int _length;

    private MappedFileMemory(MemoryMappedViewAccessor? view, byte* pointer, int length)
    {
        _view = view;
        _pointer = pointer;
        _length = length;
    }

    /// <summary>Maps the whole file read-only.</summary>
    /// <exception cref="BarDataException">The file is larger than 2 GiB.</exception>
    public static MappedFileMemory Open(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 1);
        long length = file.Length;
        if (length > int.MaxValue)
            throw new BarDataException(path, 0, null, $"the file has {length} bytes; files over 2 GiB cannot be mapped as one buffer.");
        if (length == 0) return new MappedFileMemory(null, null, 0);
        using var map = MemoryMappedFile.CreateFromFile(file, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
        var view = map.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        return new MappedFileMemory(view, pointer + view.PointerOffset, (int)length);
    }

    /// <summary>True once the mapping has been released.</summary>
    public bool IsDisposed => _view is null && _length > 0;

    public override Span<byte> GetSpan()
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        return new Span<byte>(_pointer, _length);
    }

    public override MemoryHandle Pin(int elementIndex = 0)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        return new MemoryHandle(_pointer + elementIndex);
    }

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
        var view = _view;
        if (!disposing || view is null) return;
        _view = null;
        _pointer = null;
        view.SafeMemoryMappedViewHandle.ReleasePointer();
        view.Dispose();
    }
}
