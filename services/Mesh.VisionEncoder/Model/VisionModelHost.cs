using Mesh.ServiceDefaults.Grpc;
using Mesh.ServiceDefaults.Health;

namespace Mesh.VisionEncoder.Model;

/// <summary>
/// Loads the model in the background when the service starts, then marks the service ready; requests
/// before that get UNAVAILABLE. A failed load marks readiness failed with the reason and stops the host.
/// </summary>
public sealed class VisionModelHost(IVisionModelSource source, ServiceReadiness readiness, ILogger<VisionModelHost> logger)
    : BackgroundService
{
    volatile VisionModel? _model;

    /// <summary>The loaded model; throws UNAVAILABLE while it loads.</summary>
    public VisionModel Model => _model ?? ThrowLoading();

    /// <summary>The model, or null while it loads.</summary>
    public VisionModel? Loaded => _model;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var model = await Task.Run(source.Load, stoppingToken);
            _model = model;
            readiness.MarkReady($"{model.ModelId} loaded: {model.Tokens} image tokens of width {model.Dim}");
            logger.LogInformation("Vision model {ModelId} loaded ({Tokens} tokens x {Dim})", model.ModelId, model.Tokens, model.Dim);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            readiness.MarkFailed($"the model failed to load: {e.Message}");
            logger.LogCritical(e, "The vision model failed to load");
            throw; // the host stops: a service that cannot load its model should be restarted, not left half-up
        }
    }

    static VisionModel ThrowLoading()
    {
        RpcErrors.Unavailable("The vision model is still loading; retry shortly (see /health/ready).", TimeSpan.FromSeconds(1));
        return null;
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _model?.Dispose();
        base.Dispose();
    }
}
