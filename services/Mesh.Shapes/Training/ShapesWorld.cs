using Mesh.Core.Prompting;
using Mesh.Shapes.Scenes;
using Mesh.Core.Tokenization;
using Mesh.Core.Vision;

namespace Mesh.Shapes.Training;

/// <summary>
/// What training and the written model share: the scene generator, the LLaVA-1.5 template, the word-level
/// vocabulary and tokenizer, and the image preprocessing (resize to the model's size, no crop, rescale by 1/255,
/// normalize with mean 0.5 and std 0.25 per channel: the grey backgrounds land near -1 and the bright shape
/// colours between 0 and 2).
/// </summary>
public sealed class ShapesWorld
{
    public static readonly IReadOnlyList<double> Mean = [0.5, 0.5, 0.5];
    public static readonly IReadOnlyList<double> Std = [0.25, 0.25, 0.25];

    public ShapesWorld(ShapesModelOptions model, SceneOptions? scenes = null)
    {
        Scenes = (scenes ?? new SceneOptions()) with { ImageSize = model.ImageSize };
        Generator = new SceneGenerator(Scenes);
        Template = ChatTemplate.Llava15;
        Vocabulary = ShapesVocabulary.Tokens(Scenes, Template);
        var directory = Directory.CreateTempSubdirectory("mesh-shapes-tokenizer-");
        try
        {
            ShapesVocabulary.Write(directory.FullName, Scenes, Template);
            Tokenizer = TokenizerLoader.Load(directory.FullName, Vocabulary.Count);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
        Preprocessing = new PreprocessorConfig(ShortestEdge: null, ResizeHeight: model.ImageSize, ResizeWidth: model.ImageSize,
            DoCenterCrop: false, CropHeight: model.ImageSize, CropWidth: model.ImageSize, ImageMean: Mean, ImageStd: Std);
        Preprocessor = new ImagePreprocessor(Preprocessing);
        ImageTokens = model.ImageTokens;
        PatchGrid = model.ImageSize / model.PatchSize;
        _wordIds = Vocabulary.Select((word, id) => (word, id)).ToDictionary(p => p.word, p => (long)p.id);
    }

    readonly Dictionary<string, long> _wordIds;

    public SceneOptions Scenes { get; }
    public SceneGenerator Generator { get; }
    public ChatTemplate Template { get; }
    public IReadOnlyList<string> Vocabulary { get; }
    public ITextTokenizer Tokenizer { get; }
    public PreprocessorConfig Preprocessing { get; }
    public ImagePreprocessor Preprocessor { get; }
    public int ImageTokens { get; }
    /// <summary>Patches per side of the image (<see cref="ImageTokens"/> is its square).</summary>
    public int PatchGrid { get; }

    /// <summary>Target id of a patch that shows no object (cross-entropy's ignore index).</summary>
    public const long NoWord = -100;

    /// <summary>Words per patch in <see cref="PatchWords"/>: size, colour, kind, then up to two words of the cell.</summary>
    public const int WordsPerPatch = 5;

    /// <summary>
    /// The targets of the patch-word loss, per image token (row-major), <see cref="WordsPerPatch"/> ids each: the
    /// size, colour and kind words of the object its patch shows (<see cref="ScenePatches.Cover"/>), then, with
    /// <paramref name="cellWords"/>, the words of its layout cell's name ("top left", "center"; a one-word name
    /// leaves the last slot empty); the pad id in the first three slots for a patch of background only ("nothing
    /// here", so that background never reads as a colour); <see cref="NoWord"/> in every slot of a patch that an
    /// object only clips (under a quarter of it) and in every slot not asked for.
    /// </summary>
    public long[] PatchWords(Scene scene, bool cellWords = false) =>
    [
        .. ScenePatches.Cover(scene, PatchGrid).SelectMany(cover => cover switch
        {
            (null, _) => new[] { PadId, PadId, PadId, NoWord, NoWord },
            ({ } o, >= ScenePatches.MinCover) =>
                [_wordIds[o.Size.Word()], _wordIds[o.Colour.Word()], _wordIds[o.Kind.Word()], .. CellWords(o.Cell, cellWords)],
            _ => [NoWord, NoWord, NoWord, NoWord, NoWord],
        }),
    ];

    long[] CellWords(GridCell cell, bool asked)
    {
        if (!asked) return [NoWord, NoWord];
        var words = cell.Name.Split(' ');
        return [_wordIds[words[0]], words.Length > 1 ? _wordIds[words[1]] : NoWord];
    }

    public long PadId => _wordIds[ShapesVocabulary.Pad];

    /// <summary>The samples of <paramref name="split"/> under <paramref name="mix"/>.</summary>
    public ShapesTrainingSet Samples(SceneSplit split, TrainingMixOptions mix) =>
        new(Generator, Tokenizer, Template, ShapesVocabulary.ImageTokenId, ImageTokens, split, mix);

    /// <summary>The preprocessor_config.json text (CLIPImageProcessor keys).</summary>
    public string PreprocessorJson() => System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["image_processor_type"] = "CLIPImageProcessor", ["do_resize"] = true,
        ["size"] = new Dictionary<string, int> { ["height"] = Preprocessing.ResizeHeight!.Value, ["width"] = Preprocessing.ResizeWidth!.Value },
        ["resample"] = 3, ["do_center_crop"] = false,
        ["crop_size"] = new Dictionary<string, int> { ["height"] = Preprocessing.CropHeight, ["width"] = Preprocessing.CropWidth },
        ["do_rescale"] = true, ["rescale_factor"] = 1.0 / 255.0, ["do_normalize"] = true,
        ["image_mean"] = Mean, ["image_std"] = Std, ["do_convert_rgb"] = true,
    }, new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
}
