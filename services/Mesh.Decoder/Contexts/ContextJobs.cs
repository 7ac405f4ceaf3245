using Mesh.Contracts.Common.V1;
using Mesh.Core.Decoding;
using Mesh.Core.Interp;
using Mesh.Core.Interp.Contexts;
using Mesh.Core.Prompting;
using Mesh.Decoder.Streaming;

namespace Mesh.Decoder.Contexts;

/// <summary>A checked Compress request (<see cref="Mapping.RequestMapper"/>): the describe pass, the recipe and how the context is stored.</summary>
public sealed record CompressJob(PromptLayout Layout, string PromptText, ImageInput Image, GenerationOptions Describe, ContextRecipe Recipe,
                                 ContextStorage Storage, DType StorageDType, TimeSpan? Ttl);

/// <summary>A checked Ask request against its stored context: the question's ids, the positions before generation, and what is traced.</summary>
public sealed record AskJob(long[] Question, int PromptTokens, GenerationOptions Generation, TraceRequest Trace, ImageGrid Grid);
