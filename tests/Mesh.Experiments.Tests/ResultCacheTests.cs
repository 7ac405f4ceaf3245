namespace Mesh.Experiments.Tests;

public sealed class ResultCacheTests : IDisposable
{
    readonly DirectoryInfo _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"mesh-cache-{Guid.NewGuid():N}"));

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task AResumedRunReusesWhatWasSavedAndComputesTheRest()
    {
        var first = new ResultCache<int[]>(_folder, resume: true);
        Assert.Equal(new[] { 1, 2 }, await first.GetOrComputeAsync("scene-0", () => Task.FromResult<int[]>([1, 2])));

        var second = new ResultCache<int[]>(_folder, resume: true);
        int computed = 0;
        var reused = await second.GetOrComputeAsync("scene-0", () => { computed++; return Task.FromResult<int[]>([9]); });
        var fresh = await second.GetOrComputeAsync("scene-1", () => { computed++; return Task.FromResult<int[]>([3]); });

        Assert.Equal([1, 2], reused);
        Assert.Equal([3], fresh);
        Assert.Equal(1, computed);
        Assert.Equal(1, second.Reused);
    }

    [Fact]
    public async Task AFreshRunRecomputesEvenWhatIsSaved()
    {
        await new ResultCache<int[]>(_folder, resume: true).GetOrComputeAsync("scene-0", () => Task.FromResult<int[]>([1]));

        var fresh = new ResultCache<int[]>(_folder, resume: false);

        Assert.Equal(new[] { 7 }, await fresh.GetOrComputeAsync("scene-0", () => Task.FromResult<int[]>([7])));
        Assert.Equal(0, fresh.Reused);
    }

    [Fact]
    public async Task ACorruptOrIncompleteFileIsRecomputedNotTrusted()
    {
        var scenes = _folder.CreateSubdirectory("scenes");
        await File.WriteAllTextAsync(Path.Combine(scenes.FullName, "broken.json"), "{ not json");
        await File.WriteAllTextAsync(Path.Combine(scenes.FullName, "short.json"), "[1]");
        var cache = new ResultCache<int[]>(_folder, resume: true, isComplete: values => values.Length == 2);

        Assert.Equal(new[] { 4, 5 }, await cache.GetOrComputeAsync("broken", () => Task.FromResult<int[]>([4, 5])));
        Assert.Equal(new[] { 6, 7 }, await cache.GetOrComputeAsync("short", () => Task.FromResult<int[]>([6, 7])));
        Assert.Equal(0, cache.Reused);
        Assert.Equal("[6,7]", await File.ReadAllTextAsync(Path.Combine(scenes.FullName, "short.json")));
        Assert.Empty(scenes.GetFiles("*.tmp"));
    }
}
