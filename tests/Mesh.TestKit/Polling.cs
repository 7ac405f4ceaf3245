namespace Mesh.TestKit;

/// <summary>Waiting for a condition that another thread makes true, with a bound.</summary>
public static class Polling
{
    /// <summary>Polls <paramref name="condition"/> every 10 ms until it holds; throws <see cref="TimeoutException"/> after <paramref name="timeout"/> (default 10 s).</summary>
    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting until {what}.");
            await Task.Delay(10);
        }
    }
}
