using Google.Protobuf;
using Mesh.Contracts.Common.V1;
using Mesh.Contracts.Decoder.V1;

namespace Mesh.TestKit;

/// <summary>
/// The parity fixture (tests/fixtures/tiny-llava, see its README) as the service tests use it: its folder,
/// image, verbatim prompt, reference greedy ids and the knockout it records. Pinned by path, so changing the
/// mesh's default model does not change what the tests check.
/// </summary>
public static class TinyLlava
{
    /// <summary>The folder holding Mesh.sln.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Directory => Path.Combine(RepoRoot, "tests", "fixtures", "tiny-llava");
    public static string ImagePath => Path.Combine(Directory, "image.png");
    public static byte[] Image => File.ReadAllBytes(ImagePath);

    /// <summary>The fixture prompt (token ids; the model has no tokenizer) with the image marker.</summary>
    public const string Prompt = "1 17 250 33 71 <image> 12 190 77 301 45";

    /// <summary>transformers' 12 greedy ids for <see cref="Prompt"/>.</summary>
    public static readonly int[] GeneratedIds = [76, 117, 341, 153, 98, 233, 127, 300, 194, 59, 166, 194];

    /// <summary>transformers' 12 greedy ids under <see cref="Knockout"/>.</summary>
    public static readonly int[] KnockoutIds = [31, 31, 31, 31, 31, 163, 163, 163, 163, 163, 163, 163];

    /// <summary>The fixture's image, verbatim prompt and greedy decoding of <paramref name="maxTokens"/> tokens.</summary>
    public static GenerateRequest Request(int maxTokens = 12) => new()
    {
        ImageBytes = ByteString.CopyFrom(Image),
        Prompt = new Prompt { Text = Prompt, Verbatim = true },
        Sampling = new SamplingParams { MaxTokens = maxTokens },
    };

    /// <summary>The fixture's knockout: image keys hidden from every row after the image, in layers 1 and 2.</summary>
    public static Knockout Knockout()
    {
        var knockout = new Knockout { Layers = new LayerSet { Layers = new LayerList { Layers = { 1, 2 } } } };
        foreach (var target in new[] { TokenGroup.Instruction, TokenGroup.Generated })
            knockout.Edges.Add(new KnockoutEdge
            {
                Source = new TokenSelector { Group = TokenGroup.Image }, Target = new TokenSelector { Group = target },
            });
        return knockout;
    }

    static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Mesh.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"No Mesh.sln above {AppContext.BaseDirectory}.");
    }
}
