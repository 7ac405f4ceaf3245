using System.Net;
using Mesh.Gateway.Tests.TestHosts;

namespace Mesh.Gateway.Tests.WebPage;

/// <summary>The web page on the web port of a gateway with API keys on.</summary>
public sealed class WebPageFilesTests : IAsyncLifetime
{
    TestReplica _replica = null!;
    TestGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _replica = await TestReplica.StartAsync("replica");
        _gateway = await TestGateway.StartAsync([_replica], new Dictionary<string, string?>
        {
            ["Gateway:ApiKeys:Enabled"] = "true",
            ["Gateway:ApiKeys:Keys:ci"] = "ci-key-0123456789abcdef",
        });
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _replica.DisposeAsync();
    }

    [Fact]
    public async Task TheRootServesThePageWithoutAKey()
    {
        using var response = await _gateway.Web.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<script type=\"module\" src=\"app.js\">", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ThePageScriptIsServedAsJavaScript()
    {
        using var response = await _gateway.Web.GetAsync(new Uri("/app.js", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheJsonRouteStillNeedsTheKey()
    {
        using var response = await _gateway.Web.GetAsync(new Uri("/v1/decoder/model-info", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, _replica.Calls.Count);
    }
}
