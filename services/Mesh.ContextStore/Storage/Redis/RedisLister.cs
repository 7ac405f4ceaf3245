using StackExchange.Redis;

namespace Mesh.ContextStore.Storage.Redis;

/// <summary>
/// A List page from Redis: ids from the LRU set, newest first, below the page's stamp, in batches, with
/// their headers; ids whose header is gone (expired since the sweep) are skipped, and so are entries of
/// other models when a model is asked for.
/// </summary>
public sealed class RedisLister(IDatabase db, RedisKeys keys, ILogger logger)
{
    const int Batch = 256;

    public async Task<EntryPage> ListAsync(ListQuery query, Func<Task<int>> sweep)
    {
        await sweep();
        var page = new List<EntryInfo>();
        double below = query.Before - 1;
        while (page.Count <= query.PageSize)
        {
            var ranked = await RedisBackend.Guarded(db.SortedSetRangeByScoreWithScoresAsync(
                keys.Lru, double.NegativeInfinity, below, Exclude.None, Order.Descending, 0, Batch));
            if (ranked.Length == 0) break;
            below = ranked[^1].Score - 1;
            var listed = ranked.Select(r => (Known: ContextId.TryParse(r.Element, out var id), Id: id, Stamp: (long)r.Score)).Where(r => r.Known).ToArray();
            var headers = await RedisBackend.Guarded(db.StringGetAsync(listed.Select(r => keys.Meta(r.Id)).ToArray()));
            for (int i = 0; i < listed.Length && page.Count <= query.PageSize; i++)
            {
                if ((byte[]?)headers[i] is not { } header) continue;
                if (Parse(listed[i].Id, header, listed[i].Stamp) is { } entry
                    && (string.IsNullOrEmpty(query.ModelId) || entry.Metadata.ModelId == query.ModelId))
                    page.Add(entry);
            }
        }
        bool more = page.Count > query.PageSize;
        if (more) page.RemoveAt(query.PageSize);
        return new EntryPage(page, more ? page[^1].AccessStamp : null);
    }

    EntryInfo? Parse(ContextId id, byte[] header, long stamp)
    {
        try
        {
            return EntryInfo.FromHeader(header, stamp);
        }
        catch (InvalidDataException e)
        {
            // Listed without it; a Get or Stat of it answers DATA_LOSS and deletes it.
            logger.LogWarning("Context {Id} in Redis has a corrupt header ({Reason}); not listed", id, e.Message);
            return null;
        }
    }
}
