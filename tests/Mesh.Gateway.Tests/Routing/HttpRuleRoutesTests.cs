using Mesh.Gateway.Routing;

namespace Mesh.Gateway.Tests.Routing;

public sealed class HttpRuleRoutesTests
{
    [Theory]
    [InlineData("/v1/decoder:generate", "/v1/decoder:generate")]
    [InlineData("/v1/contexts/{context_id}", "/v1/contexts/{context_id}")]
    [InlineData("/v1/contexts/{context_id=*}/data", "/v1/contexts/{context_id}/data")]
    [InlineData("/v1/things/{thing.id}", "/v1/things/{thing_id}")]
    [InlineData("/v1/{name=shelves/*/books/*}", "/v1/{**name}")]
    [InlineData("/v1/files/{path=**}", "/v1/files/{**path}")]
    public void PathTemplatesBecomeRouteTemplates(string path, string expected) =>
        Assert.Equal(expected, HttpRuleRoutes.RouteTemplate("test.v1.Service.Method", path));

    [Fact]
    public void AMultiSegmentVariableBeforeTheEndIsRefusedNamingTheRpc()
    {
        var error = Assert.Throws<InvalidOperationException>(() => HttpRuleRoutes.RouteTemplate("test.v1.Service.Method", "/v1/{path=**}/meta"));
        Assert.Contains("test.v1.Service.Method", error.Message);
        Assert.Contains("last segment", error.Message);
    }
}
