using ImageMagick;

namespace Mesh.Core.Vision;

/// <summary>
/// Turns encoded image bytes into CLIP pixel values the way Hugging Face <c>CLIPImageProcessor</c> does:
/// convert to RGB, bicubic resize of the shortest edge, centre crop, rescale, normalize. Thread-safe.
/// </summary>
public sealed class ImagePreprocessor
{
    // Raster formats that photos arrive in; everything else ImageMagick could read (SVG, MVG, PS, text...) is refused.
    private static readonly HashSet<MagickFormat> AllowedFormats =
    [
        MagickFormat.Png, MagickFormat.Png8, MagickFormat.Png24, MagickFormat.Png32, MagickFormat.Png48, MagickFormat.Png64,
        MagickFormat.Jpeg, MagickFormat.Jpg, MagickFormat.Gif, MagickFormat.Bmp, MagickFormat.Bmp3,
        MagickFormat.WebP, MagickFormat.Tiff, MagickFormat.Tif,
    ];

    private readonly PreprocessorConfig _config;
    private readonly ImageLimits _limits;

    /// <summary>Creates a preprocessor; <paramref name="limits"/> defaults to <see cref="ImageLimits"/>' defaults.</summary>
    public ImagePreprocessor(PreprocessorConfig config, ImageLimits? limits = null)
    {
        config.Validate();
        _config = config;
        _limits = limits ?? new ImageLimits();
    }

    /// <summary>Decodes and preprocesses one image. Throws <see cref="InvalidImageException"/> for bad or oversized input.</summary>
    public PixelValues Preprocess(ReadOnlySpan<byte> encodedImage)
    {
        using var image = Decode(encodedImage);
        if (_config.DoConvertRgb)
            image.Alpha(AlphaAction.Off); // PIL convert("RGB") drops alpha without compositing
        return ResizeAndNormalize(image);
    }

    /// <summary>
    /// Preprocesses raw row-major 8-bit RGB pixels [<paramref name="height"/>, <paramref name="width"/>, 3], giving
    /// exactly what <see cref="Preprocess"/> gives for the same pixels losslessly encoded (PNG). When no resize is
    /// needed no codec runs at all: generated scenes at the model's own size go straight to the normalization.
    /// </summary>
    public PixelValues PreprocessRgb(byte[] rgb, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (rgb.Length != (long)width * height * 3)
            throw new ArgumentException($"{width}x{height} RGB pixels take {(long)width * height * 3} bytes; got {rgb.Length}", nameof(rgb));
        EnsureWithinPixelLimit(width, height);
        if (!_config.DoResize || ResizeTarget(height, width) == (height, width))
            return ToChw(rgb, height, width);
        using var image = new MagickImage();
        image.ReadPixels(rgb, new PixelReadSettings((uint)width, (uint)height, StorageType.Char, PixelMapping.RGB));
        return ResizeAndNormalize(image);
    }

    PixelValues ResizeAndNormalize(MagickImage image)
    {
        if (_config.DoResize)
        {
            var (h, w) = ResizeTarget((int)image.Height, (int)image.Width);
            if (h != image.Height || w != image.Width)
            {
                // Catrom = Keys cubic with a = -0.5, PIL's BICUBIC; ImageMagick widens the support when
                // shrinking, as PIL does, so down-scaling is anti-aliased the same way.
                image.FilterType = FilterType.Catrom;
                image.Resize(new MagickGeometry((uint)w, (uint)h) { IgnoreAspectRatio = true });
            }
        }

        int srcH = (int)image.Height, srcW = (int)image.Width;
        using var pixels = image.GetPixelsUnsafe();
        byte[] rgb = pixels.ToByteArray(PixelMapping.RGB) ?? throw new InvalidImageException("The image has no pixel data.");
        return ToChw(rgb, srcH, srcW);
    }

    /// <summary>HF <c>get_resize_output_image_size</c>: shortest edge to size, other edge int(other * size / short).</summary>
    internal (int Height, int Width) ResizeTarget(int height, int width)
    {
        if (_config.ShortestEdge is not int size)
            return (_config.ResizeHeight!.Value, _config.ResizeWidth!.Value);
        int shortEdge = Math.Min(height, width), longEdge = Math.Max(height, width);
        int newLong = (int)(size * (double)longEdge / shortEdge);
        return height <= width ? (size, newLong) : (newLong, size);
    }

    private MagickImage Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
            throw new InvalidImageException("The image is empty; send PNG, JPEG, GIF, BMP, WebP or TIFF bytes.");
        if (bytes.Length > _limits.MaxBytes)
            throw new InvalidImageException($"The image is {bytes.Length} bytes; at most {_limits.MaxBytes} bytes are allowed.");
        try
        {
            // Ping reads only the header, so the size limit holds before any pixel memory is spent.
            var info = new MagickImageInfo(bytes);
            if (!AllowedFormats.Contains(info.Format))
                throw new InvalidImageException($"Image format {info.Format} is not accepted; send PNG, JPEG, GIF, BMP, WebP or TIFF.");
            if ((long)info.Width * info.Height <= 0)
                throw new InvalidImageException("The image has no pixels.");
            EnsureWithinPixelLimit(info.Width, info.Height);
            EnsureWorthDecoding(info.Width, info.Height, bytes.Length);
            return new MagickImage(bytes, new MagickReadSettings { Format = info.Format });
        }
        catch (MagickException e)
        {
            throw new InvalidImageException($"The image could not be decoded ({e.Message}); send PNG, JPEG, GIF, BMP, WebP or TIFF bytes.", e);
        }
    }

    void EnsureWithinPixelLimit(long width, long height)
    {
        if (width * height > _limits.MaxPixels)
            throw new InvalidImageException($"The image is {width}x{height} = {width * height} pixels; at most {_limits.MaxPixels} pixels are allowed.");
    }

    void EnsureWorthDecoding(long width, long height, int bytes)
    {
        long pixels = width * height;
        if (pixels > ImageLimits.RatioFloorPixels && pixels > (long)_limits.MaxPixelsPerByte * bytes)
            throw new InvalidImageException(
                $"The image declares {width}x{height} = {pixels} pixels in {bytes} bytes ({pixels / bytes} pixels per byte); above " +
                $"{ImageLimits.RatioFloorPixels} pixels at most {_limits.MaxPixelsPerByte} pixels per encoded byte are allowed, as decoding costs by the pixel. Send a smaller image.");
    }

    /// <summary>Centre crop (HF rounding, zero padding when smaller), rescale and normalize into CHW floats.</summary>
    private PixelValues ToChw(byte[] rgb, int srcH, int srcW)
    {
        int outH = _config.DoCenterCrop ? _config.CropHeight : srcH;
        int outW = _config.DoCenterCrop ? _config.CropWidth : srcW;
        // HF center_crop: top = (h - crop_h) // 2 (floor, negative when padding is needed).
        int top = (int)Math.Floor((srcH - outH) / 2.0), left = (int)Math.Floor((srcW - outW) / 2.0);

        var data = new float[3 * outH * outW]; // [3, outH, outW]
        for (int c = 0; c < 3; c++)
        {
            // HF rescales in float64 and casts to float32, then normalizes in float32.
            double scale = _config.DoRescale ? _config.RescaleFactor : 1.0;
            float mean = _config.DoNormalize ? (float)_config.Mean[c] : 0f;
            float std = _config.DoNormalize ? (float)_config.Std[c] : 1f;
            int plane = c * outH * outW;
            for (int y = 0; y < outH; y++)
            {
                int sy = top + y;
                for (int x = 0; x < outW; x++)
                {
                    int sx = left + x;
                    bool inside = sy >= 0 && sy < srcH && sx >= 0 && sx < srcW;
                    float v = inside ? (float)(rgb[(sy * srcW + sx) * 3 + c] * scale) : 0f;
                    data[plane + y * outW + x] = (v - mean) / std;
                }
            }
        }
        return new PixelValues(data, outH, outW);
    }
}
