using Mesh.Catalog;
using Mesh.ContextStore.Grpc;
using Mesh.ContextStore.Storage;
using Mesh.ContextStore.Storage.Embedded;
using Mesh.ContextStore.Storage.Redis;
using Mesh.ServiceDefaults.Health;
using Mesh.ServiceDefaults.Hosting;
using Mesh.ServiceDefaults.Queueing;
using Mesh.ServiceDefaults.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Mesh.ContextStore;

/// <summary>Everything the context-store service adds after the service defaults.</summary>
public static class ContextStoreExtensions
{
    public static IHostApplicationBuilder AddContextStore(this IHostApplicationBuilder builder)
    {
        builder.UseCatalogDefaults(MeshServices.ContextStore);
        builder.AddValidatedOptions<ContextStoreOptions>(ContextStoreOptions.Section);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<UsageGauge>();
        builder.Services.AddSingleton<IContextBackend>(services =>
        {
            var options = services.GetRequiredService<IOptions<ContextStoreOptions>>().Value;
            return options.Backend switch
            {
                ContextStoreBackend.Redis => ActivatorUtilities.CreateInstance<RedisBackend>(services, options),
                _ => ActivatorUtilities.CreateInstance<EmbeddedBackend>(services, options),
            };
        });
        builder.AddModelHost<IContextBackend, BackendLoader>();
        builder.Services.AddHostedService<ExpirySweeper>();
        builder.Services.AddHealthChecks().AddCheck<BackendHealthCheck>("backend", tags: [HealthSetup.ReadyTag]);
        builder.Services.AddSingleton(services => new BoundedRequestQueue("context-store",
            services.GetRequiredService<IOptions<ContextStoreOptions>>().Value.Queue, services.GetRequiredService<MeshTelemetry>()));
        builder.Services.AddSingleton<PutHeaderValidator>();
        builder.Services.AddSingleton<PutReceiver>();
        return builder;
    }
}
