using Mesh.Contracts.Judge.V1;

namespace Mesh.Judge.Tests.Grpc;

/// <summary>The lexicon judge through gRPC on loopback.</summary>
public sealed class JudgeServiceTests(JudgeHost host) : IClassFixture<JudgeHost>
{
    const string NineObjects = "A man with a dog and a cat beside a horse, a bus, a car, a bench, a clock and a vase.";
    const string SixObjects = "A woman with a puppy and a kitten; a train, a boat and a kite.";

    [Fact]
    public async Task TheWorkedExampleOfThePaper()
    {
        var response = await host.Client.CompareAsync(new CompareRequest { Reference = NineObjects, Candidate = SixObjects });
        Assert.Equal(JudgeBackend.Lexicon, response.Backend);
        Assert.Equal(["person", "dog", "cat", "horse", "bus", "car", "bench", "clock", "vase"], response.ReferenceObjects);
        Assert.Equal(["person", "dog", "cat", "train", "boat", "kite"], response.CandidateObjects);
        Assert.Equal([("man", "woman"), ("dog", "puppy"), ("cat", "kitten")], response.TruePositives.Select(m => (m.Reference, m.Candidate)));
        Assert.Equal(6, response.FalseNegatives.Count);
        Assert.Equal(["train", "boat", "kite"], response.FalsePositives);
        Assert.Equal(0.5, response.Precision, 12);
        Assert.Equal(0.33, response.Recall, 2);
        Assert.Equal(0.4, response.F1, 12);
    }

    [Theory]
    [InlineData("", "", 1.0)]
    [InlineData("", "a red circle", 0.0)]
    [InlineData("a red circle", "", 0.0)]
    [InlineData("two bikes and a man", "a bicycle ridden by a person", 1.0)]
    public async Task EmptyTextsAndSynonyms(string reference, string candidate, double f1)
    {
        var response = await host.Client.CompareAsync(new CompareRequest { Reference = reference, Candidate = candidate, Backend = JudgeBackend.Lexicon });
        Assert.Equal(f1, response.F1);
    }

    [Fact]
    public async Task ABatchKeepsRequestOrderAndSummarisesWithThePopulationStd()
    {
        var request = new CompareBatchRequest
        {
            Pairs =
            {
                new CompareRequest { Reference = NineObjects, Candidate = SixObjects },  // F1 0.4
                new CompareRequest { Reference = "a dog", Candidate = "a puppy" },      // F1 1
                new CompareRequest { Reference = "a dog", Candidate = "a cat" },        // F1 0
            },
        };
        var response = await host.Client.CompareBatchAsync(request);
        Assert.Equal([0.4, 1.0, 0.0], response.Results.Select(r => Math.Round(r.F1, 12)));
        Assert.Equal(["cat"], response.Results[2].FalsePositives);
        Assert.Equal(1.4 / 3, response.F1.Mean, 12);
        double std = Math.Sqrt(new[] { 0.4, 1.0, 0.0 }.Sum(v => (v - 1.4 / 3) * (v - 1.4 / 3)) / 3);
        Assert.Equal(std, response.F1.Std, 12);
        Assert.Equal((0.5 + 1 + 0) / 3, response.Precision.Mean, 12);
    }

    [Fact]
    public async Task EachComparedPairIsRecordedInTheF1Histogram()
    {
        await host.Client.CompareAsync(new CompareRequest { Reference = "a dog", Candidate = "a dog" });
        string metrics = await host.Host.Management.GetStringAsync("/metrics");
        Assert.Contains("mesh_judge_f1_bucket", metrics);
    }
}
