using Mesh.Catalog;
using Mesh.Gateway.Routing;
using Mesh.ServiceDefaults.Hosting;

namespace Mesh.Gateway.Tests.Routing;

public sealed class RouteTableTests
{
    static readonly RoutePolicies NoPolicies = new(null, null, null);

    [Fact]
    public void EveryCatalogServiceGetsAGrpcPrefixRouteToItsOwnCluster()
    {
        var routes = RouteTable.Build(MeshServices.Backends, NoPolicies);

        foreach (var service in MeshServices.Backends)
            foreach (var grpc in service.GrpcServices)
            {
                var route = Assert.Single(routes, r => r.Match.Path == $"/{grpc.FullName}/{{**method}}");
                Assert.Equal(service.Name, route.ClusterId);
                Assert.Null(route.Match.Methods);
            }
    }

    [Fact]
    public void CatalogNamesTheFiveServicesWithTheirGrpcServices()
    {
        Assert.Equal(
            ["vision-encoder:mesh.vision.v1.VisionEncoder", "context-store:mesh.contextstore.v1.ContextStore", "decoder:mesh.decoder.v1.Decoder",
             "judge:mesh.judge.v1.Judge", "segmentation:mesh.segmentation.v1.Segmentation"],
            MeshServices.Backends.SelectMany(s => s.GrpcServiceNames.Select(n => $"{s.Name}:{n}")));
    }

    [Theory]
    [InlineData("decoder", "POST", "/v1/decoder:generate")]
    [InlineData("decoder", "GET", "/v1/decoder/model-info")]
    [InlineData("vision-encoder", "GET", "/v1/vision/embeddings/{embedding_key}")]
    [InlineData("context-store", "GET", "/v1/contexts/{context_id}")]
    [InlineData("context-store", "DELETE", "/v1/contexts/{context_id}")]
    [InlineData("judge", "POST", "/v1/judge:compare")]
    [InlineData("segmentation", "POST", "/v1/segmentation:localize")]
    public void JsonMappingsOfTheProtosBecomeRoutesToTheirService(string service, string method, string path)
    {
        var routes = RouteTable.Build(MeshServices.Backends, NoPolicies);

        var route = Assert.Single(routes, r => r.Match.Path == path && r.Match.Methods?.SequenceEqual([method]) == true);
        Assert.Equal(service, route.ClusterId);
    }

    [Fact]
    public void EveryUnaryAndServerStreamingRpcHasAJsonMappingAndClientStreamsHaveNone()
    {
        foreach (var grpc in MeshServices.Backends.SelectMany(s => s.GrpcServices))
        {
            var mapped = HttpRuleRoutes.Of(grpc).Count();
            var transcodable = grpc.Methods.Count(m => !m.IsClientStreaming);
            Assert.True(mapped == transcodable, $"{grpc.FullName}: {mapped} HTTP mappings for {transcodable} unary or server-streaming RPCs");
        }
    }

    [Fact]
    public void RouteIdsAreUnique()
    {
        var routes = RouteTable.Build(MeshServices.Backends, NoPolicies);
        Assert.Equal(routes.Count, routes.Select(r => r.RouteId).Distinct().Count());
    }

    [Fact]
    public void PoliciesApplyToEveryRoute()
    {
        var routes = RouteTable.Build(MeshServices.Backends, new RoutePolicies("keys", "limits", "cors"));

        Assert.All(routes, r => Assert.Equal(("keys", "limits", "cors"), (r.AuthorizationPolicy, r.RateLimiterPolicy, r.CorsPolicy)));
    }
}
