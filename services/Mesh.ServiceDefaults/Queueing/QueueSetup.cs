using Mesh.ServiceDefaults.Hosting;
using Mesh.ServiceDefaults.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Mesh.ServiceDefaults.Queueing;

/// <summary>Registers a service's one <see cref="BoundedRequestQueue"/>.</summary>
public static class QueueSetup
{
    /// <summary>
    /// Adds the singleton <see cref="BoundedRequestQueue"/> named <paramref name="name"/>, with
    /// <see cref="RequestQueueOptions"/> bound from <paramref name="section"/> (e.g. <c>VisionEncoder:Queue</c>).
    /// </summary>
    public static IHostApplicationBuilder AddRequestQueue(this IHostApplicationBuilder builder, string name, string section)
    {
        builder.AddValidatedOptions<RequestQueueOptions>(section);
        builder.Services.AddSingleton(services => new BoundedRequestQueue(
            name, services.GetRequiredService<IOptions<RequestQueueOptions>>().Value, services.GetRequiredService<MeshTelemetry>()));
        return builder;
    }
}
