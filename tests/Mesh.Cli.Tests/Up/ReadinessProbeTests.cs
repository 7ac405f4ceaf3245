using System.Net;
using Mesh.Catalog;
using Mesh.Cli.Up;

namespace Mesh.Cli.Tests.Up;

public sealed class ReadinessProbeTests
{
    static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);

    [Fact]
    public async Task WaitsUntilHealthReadyAnswers200()
    {
        var answers = new AnswerQueue(HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK);
        using var http = new HttpClient(answers);

        await ReadinessProbe.WaitAsync(new FakeService(), http, TimeSpan.FromSeconds(10), Poll, CancellationToken.None);

        Assert.Equal(3, answers.Requests.Count);
        Assert.All(answers.Requests, uri => Assert.Equal("http://127.0.0.1:7041/health/ready", uri.ToString()));
    }

    [Fact]
    public async Task AServiceNeverReadyTimesOutNamingItWithItsLastAnswerAndLog()
    {
        using var http = new HttpClient(new AnswerQueue(HttpStatusCode.ServiceUnavailable));
        var service = new FakeService { Lines = ["loading weights", "still loading"] };

        var error = await Assert.ThrowsAsync<MeshStartException>(() =>
            ReadinessProbe.WaitAsync(service, http, TimeSpan.FromMilliseconds(200), Poll, CancellationToken.None));

        Assert.Equal("judge", error.Service);
        Assert.StartsWith("judge: not ready within", error.Message);
        Assert.Contains("503 Unhealthy", error.Message);
        Assert.Equal(["loading weights", "still loading"], error.LastLines);
    }

    [Fact]
    public async Task AServiceThatExitsFailsAtOnceWithItsExitCode()
    {
        using var http = new HttpClient(new AnswerQueue(HttpStatusCode.ServiceUnavailable));
        var service = new FakeService { Exited = 3, Lines = ["Unhandled exception: model not found"] };

        var error = await Assert.ThrowsAsync<MeshStartException>(() =>
            ReadinessProbe.WaitAsync(service, http, TimeSpan.FromMinutes(5), Poll, CancellationToken.None));

        Assert.Contains("exited with code 3", error.Message);
        Assert.Equal(["Unhandled exception: model not found"], error.LastLines);
    }

    sealed class FakeService : IStartedService
    {
        public MeshService Service => MeshServices.Judge;
        public ServicePorts Ports { get; } = new(7040, 7041);
        public int? Exited { get; init; }
        public int? ExitCode => Exited;
        public IReadOnlyList<string> Lines { get; init; } = [];
        public IReadOnlyList<string> LastLines() => Lines;
    }

    // Answers with the given statuses in order, repeating the last one.
    sealed class AnswerQueue(params HttpStatusCode[] statuses) : HttpMessageHandler
    {
        public List<Uri> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request.RequestUri!);
            var status = statuses[Math.Min(Requests.Count - 1, statuses.Length - 1)];
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(status == HttpStatusCode.OK ? "Healthy" : "Unhealthy\nmodel: starting") });
        }
    }
}
