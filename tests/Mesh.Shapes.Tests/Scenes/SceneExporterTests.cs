using System.Text.Json;
using ImageMagick;
using Mesh.Shapes.Scenes;

namespace Mesh.Shapes.Tests.Scenes;

public sealed class SceneExporterTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void WritesAPngAndAJsonPerScene()
    {
        var generator = new SceneGenerator();
        var reported = new List<int>();
        var written = SceneExporter.Export(generator, SceneSplit.Test, start: 10, count: 3, _dir.Path, reported.Add);

        Assert.Equal([1, 2, 3], reported);
        Assert.Equal(["test-000010.json", "test-000010.png", "test-000011.json", "test-000011.png", "test-000012.json", "test-000012.png"],
            Directory.GetFiles(_dir.Path).Select(Path.GetFileName).Order());
        Assert.Equal(6, written.Count);

        var scene = generator.Scene(SceneSplit.Test, 11);
        using var image = new MagickImage(_dir.File("test-000011.png"));
        using (var pixels = image.GetPixelsUnsafe())
            Assert.Equal(scene.Rgb, pixels.ToByteArray(PixelMapping.RGB));

        using var json = JsonDocument.Parse(File.ReadAllText(_dir.File("test-000011.json")));
        var root = json.RootElement;
        Assert.Equal(("test", 11, scene.Seed, "test-000011.png"),
            (root.GetProperty("split").GetString(), root.GetProperty("index").GetInt32(), root.GetProperty("seed").GetUInt64(), root.GetProperty("image").GetString()));
        Assert.Equal(scene.Description, root.GetProperty("description").GetString());
        Assert.Equal(scene.Questions.Select(q => q.Answer), root.GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("answer").GetString()));
        Assert.Equal(scene.Questions.Select(q => string.Join(' ', q.NamedBy.Words())),
                     root.GetProperty("questions").EnumerateArray().Select(q => string.Join(' ', q.GetProperty("named_by").EnumerateArray().Select(w => w.GetString()))));

        var objects = root.GetProperty("objects").EnumerateArray().ToArray();
        Assert.Equal(scene.Objects.Count, objects.Length);
        for (int i = 0; i < objects.Length; i++)
        {
            var (o, entry) = (scene.Objects[i], objects[i]);
            Assert.Equal((o.Kind.Word(), o.Colour.Word(), o.Size.Word(), o.Cell.Name),
                (entry.GetProperty("kind").GetString(), entry.GetProperty("colour").GetString(), entry.GetProperty("size").GetString(), entry.GetProperty("cell").GetString()));
            Assert.Equal([o.Mask.Bounds.X, o.Mask.Bounds.Y, o.Mask.Bounds.Width, o.Mask.Bounds.Height],
                entry.GetProperty("bbox").EnumerateArray().Select(v => v.GetInt32()));
            var mask = entry.GetProperty("mask");
            Assert.Equal([64, 64], mask.GetProperty("size").EnumerateArray().Select(v => v.GetInt32()));
            var runs = mask.GetProperty("counts").EnumerateArray().Select(v => v.GetInt32()).ToArray();
            Assert.Equal(o.Mask.Pixels.ToArray(), ObjectMask.FromRunLengths(64, 64, runs).Pixels.ToArray());
        }
    }

    [Fact]
    public void ScenesBeyondTheSplitAreRefused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => SceneExporter.Export(new SceneGenerator(), SceneSplit.Validation, 990, 20, _dir.Path));
        Assert.Contains("validation split has scenes 0 to 999", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => SceneExporter.Export(new SceneGenerator(), SceneSplit.Test, 0, 0, _dir.Path));
        Assert.Empty(Directory.GetFiles(_dir.Path));
    }
}
