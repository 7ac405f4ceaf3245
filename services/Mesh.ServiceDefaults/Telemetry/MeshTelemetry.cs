using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Mesh.ServiceDefaults.Telemetry;

/// <summary>
/// Every Mesh instrument and tag name, in one place (docs/design.md section 8): lower.dotted names with UCUM
/// units, created once per host from its <see cref="IMeterFactory"/>. Prometheus shows
/// <c>mesh.decoder.time_to_first_token</c> (s) as <c>mesh_decoder_time_to_first_token_seconds</c>.
/// </summary>
public sealed class MeshTelemetry
{
    /// <summary>Meter of every Mesh instrument.</summary>
    public const string MeterName = "Mesh";

    /// <summary>Activity source of Mesh's own spans.</summary>
    public const string ActivitySourceName = "Mesh";

    /// <summary>Source for Mesh's own spans (W3C context flows through it like through ASP.NET Core's).</summary>
    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);

    /// <summary>Tag names.</summary>
    public static class Tags
    {
        /// <summary>Which bounded queue a measurement belongs to (the service's name).</summary>
        public const string Queue = "mesh.queue";
        /// <summary>Model id of the measurement.</summary>
        public const string Model = "mesh.model";
    }

    // Latencies from 1 ms to 1 min; scores in tenths.
    static readonly double[] SecondsBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
    static readonly double[] ScoreBuckets = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];
    static readonly long[] ByteBuckets = [256, 1024, 4096, 16_384, 65_536, 262_144, 1_048_576, 4_194_304, 16_777_216];

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public MeshTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);

        TimeToFirstToken = Seconds(meter, "mesh.decoder.time_to_first_token", "From a generation request's arrival to its first token.");
        InterTokenLatency = Seconds(meter, "mesh.decoder.inter_token_latency", "Between consecutive tokens of one generation.");
        TokensGenerated = meter.CreateCounter<long>("mesh.decoder.tokens_generated", "{token}", "Tokens generated.");
        PromptTokens = meter.CreateCounter<long>("mesh.decoder.prompt_tokens", "{token}", "Prompt positions prefilled.");
        TraceBytesPerToken = meter.CreateHistogram<long>("mesh.decoder.trace_bytes_per_token", "By",
            "Attention trace payload streamed with one token.", advice: new() { HistogramBucketBoundaries = ByteBuckets });
        KnockoutRequests = meter.CreateCounter<long>("mesh.decoder.knockout_requests", "{request}", "Generations with a non-empty knockout.");

        VisionEncodeDuration = Seconds(meter, "mesh.vision.encode.duration", "Preprocessing and running the vision tower for one image (cache misses).");
        VisionCacheHits = meter.CreateCounter<long>("mesh.vision.cache.hits", "{request}", "Embeddings served from the cache.");
        VisionCacheMisses = meter.CreateCounter<long>("mesh.vision.cache.misses", "{request}", "Embeddings that had to be computed or were not found.");
        VisionCacheBytes = meter.CreateUpDownCounter<long>("mesh.vision.cache.size", "By", "Bytes held by the embedding cache.");

        ContextStoreBytes = meter.CreateUpDownCounter<long>("mesh.context_store.size", "By", "Bytes of stored contexts.");
        ContextStoreEntries = meter.CreateUpDownCounter<long>("mesh.context_store.entries", "{entry}", "Stored contexts.");
        ContextStoreEvictions = meter.CreateCounter<long>("mesh.context_store.evictions", "{entry}", "Contexts evicted by capacity or TTL.");
        ContextStoreHits = meter.CreateCounter<long>("mesh.context_store.hits", "{request}", "Reads that found their context.");
        ContextStoreMisses = meter.CreateCounter<long>("mesh.context_store.misses", "{request}", "Reads of unknown or expired contexts.");

        JudgeF1 = meter.CreateHistogram<double>("mesh.judge.f1", "1", "F1 of each compared pair.",
            advice: new() { HistogramBucketBoundaries = ScoreBuckets });

        QueueDepth = meter.CreateUpDownCounter<long>("mesh.queue.depth", "{request}", "Requests waiting for a slot.");
        QueueWait = Seconds(meter, "mesh.queue.wait", "Time a request waited for a slot.");
        QueueRejected = meter.CreateCounter<long>("mesh.queue.rejected", "{request}", "Requests refused with RESOURCE_EXHAUSTED because the queue was full.");
    }

    /// <summary>Seconds from a request's arrival to its first token.</summary>
    public Histogram<double> TimeToFirstToken { get; }
    /// <summary>Seconds between consecutive tokens.</summary>
    public Histogram<double> InterTokenLatency { get; }
    /// <summary>Generated tokens.</summary>
    public Counter<long> TokensGenerated { get; }
    /// <summary>Prefilled prompt positions.</summary>
    public Counter<long> PromptTokens { get; }
    /// <summary>Trace bytes streamed per token.</summary>
    public Histogram<long> TraceBytesPerToken { get; }
    /// <summary>Requests with a knockout.</summary>
    public Counter<long> KnockoutRequests { get; }
    /// <summary>Seconds to encode one image.</summary>
    public Histogram<double> VisionEncodeDuration { get; }
    /// <summary>Embedding cache hits.</summary>
    public Counter<long> VisionCacheHits { get; }
    /// <summary>Embedding cache misses.</summary>
    public Counter<long> VisionCacheMisses { get; }
    /// <summary>Bytes in the embedding cache.</summary>
    public UpDownCounter<long> VisionCacheBytes { get; }
    /// <summary>Bytes in the context store.</summary>
    public UpDownCounter<long> ContextStoreBytes { get; }
    /// <summary>Entries in the context store.</summary>
    public UpDownCounter<long> ContextStoreEntries { get; }
    /// <summary>Context store evictions.</summary>
    public Counter<long> ContextStoreEvictions { get; }
    /// <summary>Context store reads that hit.</summary>
    public Counter<long> ContextStoreHits { get; }
    /// <summary>Context store reads that missed.</summary>
    public Counter<long> ContextStoreMisses { get; }
    /// <summary>Judge F1 per pair.</summary>
    public Histogram<double> JudgeF1 { get; }
    /// <summary>Requests waiting in a bounded queue.</summary>
    public UpDownCounter<long> QueueDepth { get; }
    /// <summary>Seconds spent waiting in a bounded queue.</summary>
    public Histogram<double> QueueWait { get; }
    /// <summary>Requests refused by a full queue.</summary>
    public Counter<long> QueueRejected { get; }

    static Histogram<double> Seconds(Meter meter, string name, string description) =>
        meter.CreateHistogram<double>(name, "s", description, advice: new() { HistogramBucketBoundaries = SecondsBuckets });
}
