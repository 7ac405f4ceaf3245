using Mesh.ContextStore.Storage;
using Mesh.ContextStore.Storage.Embedded;

namespace Mesh.ContextStore.Tests.Storage.Embedded;

public class LruIndexTests
{
    static readonly DateTimeOffset Frozen = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    static EntryInfo Entry(LruIndex index, long size = 10) =>
        new(ContextId.NewRandom(), Blobs.Metadata("e"), size, new string('0', 64), Frozen, Frozen.AddHours(1), index.NextStamp(Frozen));

    [Fact]
    public void StampsStayUniqueAndIncreasingWhenTheClockStandsStill()
    {
        var index = new LruIndex();
        var stamps = Enumerable.Range(0, 100).Select(_ => index.NextStamp(Frozen)).ToList();
        Assert.Equal(stamps.Order(), stamps);
        Assert.Equal(100, stamps.Distinct().Count());
        Assert.Equal(EntryInfo.ToStamp(Frozen), stamps[0]);
    }

    [Fact]
    public void TheOldestIsTheLeastRecentlyTouchedAndTheListingIsNewestFirst()
    {
        var index = new LruIndex();
        var (a, b, c) = (Entry(index), Entry(index), Entry(index, size: 30));
        foreach (var e in new[] { a, b, c }) index.Add(e);
        Assert.Equal((3, 50L), (index.Count, index.Bytes));
        Assert.Equal(a.Id, index.Oldest!.Id);

        var touched = index.Touch(a, index.NextStamp(Frozen));
        Assert.Equal(b.Id, index.Oldest!.Id);
        Assert.Equal([a.Id, c.Id, b.Id], index.MostRecentFirst(long.MaxValue).Select(e => e.Id));
        Assert.Equal([c.Id, b.Id], index.MostRecentFirst(touched.AccessStamp).Select(e => e.Id));

        Assert.True(index.Remove(c.Id));
        Assert.False(index.Remove(c.Id));
        Assert.Equal((2, 20L), (index.Count, index.Bytes));
    }

    [Fact]
    public void ExpiredEntriesAreTheOnesPastTheirExpiry()
    {
        var index = new LruIndex();
        var soon = Entry(index) with { Expires = Frozen.AddMinutes(1) };
        var later = Entry(index);
        index.Add(soon);
        index.Add(later);
        Assert.Empty(index.ExpiredAt(Frozen));
        Assert.Equal([soon.Id], index.ExpiredAt(Frozen.AddMinutes(1)).Select(e => e.Id));
    }
}
