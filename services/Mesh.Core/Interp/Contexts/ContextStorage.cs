namespace Mesh.Core.Interp.Contexts;

/// <summary>How a serialised context stores K/V. Int8 keeps one F32 scale per (KV head, channel) of each tensor.</summary>
public enum ContextStorage : ushort
{
    F32 = 1,
    F16 = 2,
    BF16 = 3,
    Int8 = 4,
}

/// <summary>A serialised context that cannot be read: wrong magic or version, bad checksum, truncated or inconsistent.</summary>
public sealed class ContextFormatException(string message) : Exception(message);
