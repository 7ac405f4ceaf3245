using Grpc.Reflection;
using Grpc.Reflection.V1Alpha;
using Mesh.Catalog;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mesh.Gateway.Hosting;

/// <summary>
/// Server reflection on the gateway answers for every mesh service it forwards, not only the services it hosts
/// itself, so grpcurl and evans can list, describe and call Mesh without local protos.
/// </summary>
public static class MeshReflection
{
    /// <summary>Replaces the reflection service of the defaults (built from the gateway's own endpoints).</summary>
    public static IServiceCollection AddMeshReflection(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton(_ => new ReflectionServiceImpl(
        [
            .. MeshServices.Backends.SelectMany(backend => backend.GrpcServices),
            Grpc.Health.V1.Health.Descriptor,
            ServerReflection.Descriptor,
        ])));
        return services;
    }
}
