using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Mesh.ContextStore.Tests.Storage.Redis;

/// <summary>
/// A real redis-server (Debian's package, installed by <c>./test.sh</c>) on a free loopback port, with no
/// persistence, for the Redis tests; stopped afterwards. Without redis-server the tests fail, not skip,
/// so a machine without it cannot pass them.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    Process? _process;
    readonly TempFolder _folder = new();

    /// <summary>The StackExchange.Redis connection string.</summary>
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        string executable = Find() ?? throw new InvalidOperationException(
            "redis-server is not installed; the Redis tests need Debian's redis-server (apt-get install -y redis-server, as ./test.sh does).");
        int port = FreePort();
        var start = new ProcessStartInfo(executable)
        {
            ArgumentList = { "--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _folder.Path },
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start.");
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        ConnectionString = $"127.0.0.1:{port}";
        await WaitUntilListeningAsync(port);
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        _folder.Dispose();
    }

    static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Append("/usr/bin").Append("/usr/sbin")
            .Select(dir => Path.Combine(dir, "redis-server")).FirstOrDefault(File.Exists);

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    async Task WaitUntilListeningAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            if (_process!.HasExited) throw new InvalidOperationException($"redis-server exited with {_process.ExitCode} before listening on {port}.");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
        }
    }
}

/// <summary>One redis-server for every test class that needs one; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServer>
{
    public const string Name = "redis-server";
}
