using System.Text;
using Mesh.Judging.Lexicon;

namespace Mesh.Judging.Tests.Lexicon;

public class ObjectLexiconTests
{
    // The 80 categories of COCO 2017 detection, as the dataset names them.
    static readonly string[] Coco =
    [
        "person", "bicycle", "car", "motorcycle", "airplane", "bus", "train", "truck", "boat", "traffic light", "fire hydrant",
        "stop sign", "parking meter", "bench", "bird", "cat", "dog", "horse", "sheep", "cow", "elephant", "bear", "zebra", "giraffe",
        "backpack", "umbrella", "handbag", "tie", "suitcase", "frisbee", "skis", "snowboard", "sports ball", "kite", "baseball bat",
        "baseball glove", "skateboard", "surfboard", "tennis racket", "bottle", "wine glass", "cup", "fork", "knife", "spoon", "bowl",
        "banana", "apple", "sandwich", "orange", "broccoli", "carrot", "hot dog", "pizza", "donut", "cake", "chair", "couch",
        "potted plant", "bed", "dining table", "toilet", "tv", "laptop", "mouse", "remote", "keyboard", "cell phone", "microwave",
        "oven", "toaster", "sink", "refrigerator", "book", "clock", "vase", "scissors", "teddy bear", "hair drier", "toothbrush",
    ];

    static readonly string[] Shapes = ["circle", "square", "triangle", "diamond", "cross", "star", "hexagon", "rectangle"];

    [Fact]
    public void TheDefaultLexiconHoldsEveryCocoCategoryAndShapeUnderItsOwnName()
    {
        var lexicon = ObjectLexicon.Default;
        Assert.Equal(80, Coco.Length);
        foreach (var name in Coco.Concat(Shapes))
        {
            Assert.Contains(name, lexicon.Objects);
            Assert.Equal(name, lexicon.CanonicalOf(name));
        }
    }

    [Theory]
    [InlineData("people", "person")]
    [InlineData("men", "person")]
    [InlineData("bike", "bicycle")]
    [InlineData("bikes", "bicycle")]
    [InlineData("buses", "bus")]
    [InlineData("puppies", "dog")]
    [InlineData("knives", "knife")]
    [InlineData("mice", "mouse")]
    [InlineData("crosses", "cross")]
    [InlineData("traffic lights", "traffic light")]
    [InlineData("sofa", "couch")]
    [InlineData("rhombus", "diamond")]
    public void SynonymsAndPluralsNameTheirCanonicalObject(string phrase, string canonical) =>
        Assert.Equal(canonical, ObjectLexicon.Default.CanonicalOf(phrase));

    [Theory]
    [InlineData("sky")]
    [InlineData("road")]
    [InlineData("lighting")]
    [InlineData("kitchen")]
    [InlineData("bus stop")]
    [InlineData("red")]
    [InlineData("large")]
    public void NonObjectsAndAttributesNameNoObject(string phrase) => Assert.Null(ObjectLexicon.Default.CanonicalOf(phrase));

    [Fact]
    public void AFormListedForTwoObjectsIsRefusedNamingBoth()
    {
        var error = Assert.Throws<InvalidDataException>(() => Load(
            """{"objects": [{"name": "dog", "world": "coco", "forms": ["dog", "pup"]}, {"name": "seal", "world": "coco", "forms": ["pup"]}], "negationReach": 3}"""));
        Assert.Contains("'pup' is listed for both 'dog' and 'seal'", error.Message);
    }

    [Fact]
    public void APluralClashingWithAnotherObjectIsRefused()
    {
        var error = Assert.Throws<InvalidDataException>(() => Load(
            """{"objects": [{"name": "glass", "world": "coco", "forms": ["glass"]}, {"name": "spectacles", "world": "coco", "forms": ["glasses"]}], "negationReach": 3}"""));
        Assert.Contains("plural 'glasses'", error.Message);
    }

    [Theory]
    [InlineData("""{"objects": [{"name": "dog", "world": "coco", "forms": ["Hot  Dog"]}], "negationReach": 3}""", "not lower-case words")]
    [InlineData("""{"objects": [], "negationReach": 3}""", "no objects")]
    [InlineData("""{"objects": [{"name": "dog", "world": "coco", "forms": ["dog"]}], "negationReach": 0}""", "negationReach")]
    [InlineData("""{"objects": [{"name": "dog", "world": "coco", "forms": ["dog"]}], "attributeBeforeNoun": ["red"], "negationReach": 3}""", "'red', which is no object form")]
    [InlineData("""{"objects": [""", "not valid JSON")]
    public void MalformedLexiconsAreRefused(string json, string expected) =>
        Assert.Contains(expected, Assert.Throws<InvalidDataException>(() => Load(json)).Message);

    static ObjectLexicon Load(string json) => ObjectLexicon.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)));
}
