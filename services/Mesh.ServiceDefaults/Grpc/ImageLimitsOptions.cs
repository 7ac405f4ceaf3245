using System.ComponentModel.DataAnnotations;
using Mesh.ServiceDefaults.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Mesh.ServiceDefaults.Grpc;

/// <summary>
/// The largest image the mesh accepts, one limit for every service that takes images (decoder, vision encoder,
/// segmentation), bound from the <c>ImageLimits</c> section (environment: <c>ImageLimits__MaxBytes=...</c>).
/// An image travels in one message, so <see cref="MaxBytes"/> stays below <c>GrpcLimits:MaxReceiveMessageBytes</c>
/// (checked at start): a larger image then gets INVALID_ARGUMENT naming this limit, not RESOURCE_EXHAUSTED.
/// </summary>
public sealed record ImageLimitsOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "ImageLimits";

    /// <summary>Largest encoded image accepted, in bytes: 3 MiB, under gRPC's 4 MiB default message limit.</summary>
    [Range(1, int.MaxValue)]
    public int MaxBytes { get; init; } = 3 << 20;

    /// <summary>Largest width * height accepted (images and masks), checked before the pixels are decoded: 40 megapixels.</summary>
    [Range(1, long.MaxValue)]
    public long MaxPixels { get; init; } = 40_000_000;

    /// <summary>Above one megapixel, most pixels an image may declare per encoded byte (decompression bombs): 1024.</summary>
    [Range(1, int.MaxValue)]
    public int MaxPixelsPerByte { get; init; } = 1024;
}

/// <summary>Registers <see cref="ImageLimitsOptions"/> for a service that takes images.</summary>
public static class ImageLimitsSetup
{
    /// <summary>Binds and validates the <c>ImageLimits</c> section, refusing to start when an image could not fit in a message.</summary>
    public static IHostApplicationBuilder AddImageLimits(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<ImageLimitsOptions>(ImageLimitsOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<ImageLimitsOptions>, FitsInAMessage>();
        return builder;
    }

    sealed class FitsInAMessage(IOptions<GrpcLimitsOptions> limits) : IValidateOptions<ImageLimitsOptions>
    {
        public ValidateOptionsResult Validate(string? name, ImageLimitsOptions options) =>
            options.MaxBytes < limits.Value.MaxReceiveMessageBytes
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    $"ImageLimits:MaxBytes {options.MaxBytes} must be below GrpcLimits:MaxReceiveMessageBytes {limits.Value.MaxReceiveMessageBytes}.");
    }
}
