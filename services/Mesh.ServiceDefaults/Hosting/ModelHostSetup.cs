using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Mesh.ServiceDefaults.Hosting;

/// <summary>Registers a service's <see cref="ModelHost{TModel}"/>: one per service, as it drives the service's readiness.</summary>
public static class ModelHostSetup
{
    /// <summary>
    /// <typeparamref name="TLoader"/> as the <see cref="IModelLoader{TModel}"/>, and <see cref="ModelHost{TModel}"/> as a
    /// singleton (inject it to reach the model) that also runs as a hosted service.
    /// </summary>
    public static IHostApplicationBuilder AddModelHost<TModel, TLoader>(this IHostApplicationBuilder builder)
        where TModel : class where TLoader : class, IModelLoader<TModel>
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IModelLoader<TModel>, TLoader>();
        builder.Services.AddSingleton<ModelHost<TModel>>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ModelHost<TModel>>());
        return builder;
    }
}
