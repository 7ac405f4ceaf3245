using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Mesh.Contracts.ContextStore.V1;

namespace Mesh.ContextStore.Storage;

/// <summary>What a Put asks to store, checked against the store's limits (<see cref="Grpc.PutHeaderValidator"/>).</summary>
public sealed record NewEntry(ContextMetadata Metadata, long SizeBytes, string Sha256, TimeSpan Ttl);

/// <summary>
/// One stored entry, immutable: reading it makes a copy with a new <see cref="AccessStamp"/>. The stamp
/// is the last access in Unix microseconds, unique within a store (ties are broken by adding 1), so
/// it orders the LRU and pages the listing.
/// </summary>
public sealed record EntryInfo(ContextId Id, ContextMetadata Metadata, long SizeBytes, string Sha256,
                               DateTimeOffset Created, DateTimeOffset Expires, long AccessStamp)
{
    /// <summary>Whether the entry's TTL has passed at <paramref name="now"/>.</summary>
    public bool IsExpiredAt(DateTimeOffset now) => now >= Expires;

    /// <summary>When the entry was last read (or stored).</summary>
    public DateTimeOffset LastAccess => ToTime(AccessStamp);

    /// <summary>The entry as the API returns it.</summary>
    public ContextEntry ToProto()
    {
        var entry = ToHeader();
        entry.LastAccessTime = Timestamp.FromDateTimeOffset(LastAccess);
        return entry;
    }

    /// <summary>
    /// The entry as stored beside its bytes (the embedded file's trailer, Redis's meta key): a
    /// <c>mesh.contextstore.v1.ContextEntry</c> without <c>last_access_time</c>, which changes on every read.
    /// </summary>
    public ContextEntry ToHeader() => new()
    {
        ContextId = Id.Value, Metadata = Metadata.Clone(), SizeBytes = SizeBytes, Sha256 = Sha256,
        CreateTime = Timestamp.FromDateTimeOffset(Created), ExpireTime = Timestamp.FromDateTimeOffset(Expires),
    };

    /// <summary>Reads a stored header; <see cref="InvalidDataException"/> says what is wrong with it.</summary>
    public static EntryInfo FromHeader(ReadOnlySpan<byte> bytes, long accessStamp)
    {
        ContextEntry header;
        try
        {
            header = ContextEntry.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"the entry header does not parse: {e.Message}");
        }
        if (!ContextId.TryParse(header.ContextId, out var id)) throw new InvalidDataException($"the header's id '{header.ContextId}' is malformed");
        if (header.SizeBytes <= 0) throw new InvalidDataException($"the header's size {header.SizeBytes} is not positive");
        if (!Sha256Hex.IsValid(header.Sha256)) throw new InvalidDataException("the header's sha256 is not 64 lowercase hex characters");
        if (header.Metadata is null || header.CreateTime is null || header.ExpireTime is null)
            throw new InvalidDataException("the header lacks its metadata, create time or expire time");
        return new EntryInfo(id, header.Metadata, header.SizeBytes, header.Sha256,
                             header.CreateTime.ToDateTimeOffset(), header.ExpireTime.ToDateTimeOffset(), accessStamp);
    }

    /// <summary>A time as an access stamp (Unix microseconds).</summary>
    public static long ToStamp(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    /// <summary>An access stamp as a time.</summary>
    public static DateTimeOffset ToTime(long stamp) => DateTimeOffset.UnixEpoch.AddTicks(stamp * TimeSpan.TicksPerMicrosecond);
}
