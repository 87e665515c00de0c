using System.Buffers;
using Apache.Arrow.Memory;

namespace VectorBacktest.Data;

/// <summary>
/// Gives Arrow builders managed byte arrays instead of native memory. A batch built with it lives and dies with the GC like any
/// managed object: no finalizer frees its buffers while a writer or a data frame still reads them through spans.
/// </summary>
internal sealed class ManagedMemoryAllocator : MemoryAllocator
{
    public static readonly ManagedMemoryAllocator Instance = new();

    protected override IMemoryOwner<byte> AllocateInternal(int length, out int bytesAllocated)
    {
        bytesAllocated = length;
        return new Owner(new byte[length]);
    }

    private sealed class Owner(byte[] array) : IMemoryOwner<byte>
    {
        public Memory<byte> Memory => array;

        // Nothing to release: the GC reclaims the array once no buffer refers to it.
        public void Dispose()
        {
        }
    }
}
